package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure/measuretest"
)

// hotCold is a Python file of two strategies, one with nine tenths of its
// time under helper, the other without it.
const hotCold = `
def helper(n):
    x = 0
    for i in range(n):
        x += i * i
    return x

def rest(n):
    x = 0
    for i in range(n):
        x += i * i
    return x

def bench_hot():
    return helper(9000) + rest(1000)

def bench_cold():
    return rest(10000)
`

// TestPythonProfile runs perflab python FILE --profile as a person would:
// the table says why, naming the Python function, and each strategy's
// profile is a pprof file that go tool pprof opens, of Python functions.
func TestPythonProfile(t *testing.T) {
	if testing.Short() {
		t.Skip("profiling rounds last two seconds")
	}
	dir := t.TempDir()
	path := measuretest.WriteTemp(t, "mine.py", hotCold)
	out, stderr := perflabOK(t, "python", path, "--reps", "2", "--duration", "20ms", "--profile", "--runs-dir", dir)
	for _, want := range []string{"\nwhy: CPU profiles from ", "\ncold against hot:\n", "mine.helper"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	for p, top := range pprofTops(t, stderr, dir, "hot.pprof", "cold.pprof") {
		if !strings.Contains(top, "mine.rest") {
			t.Errorf("go tool pprof -top %s does not read a CPU profile of Python functions:\n%s", p, top)
		}
	}
}

// TestRunPythonWorkloadProfile profiles a lab's Python workload with perflab
// run --profile: the JSON carries each strategy's profile, of Python
// functions, and the pprof files are written beside the output.
func TestRunPythonWorkloadProfile(t *testing.T) {
	if testing.Short() {
		t.Skip("profiling rounds last two seconds")
	}
	dir := t.TempDir()
	res := filepath.Join(dir, "r.json")
	perflabOK(t, "run", "data-structures/python-strings", "--reps", "2", "--duration", "20ms",
		"--profile", "--no-save", "--format", "json", "-o", res)
	data, err := os.ReadFile(res)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Strategies []struct {
			Name    string `json:"name"`
			Profile *struct {
				Ops     int64 `json:"ops"`
				Samples int64 `json:"samples"`
				Outside bool  `json:"outside"`
				TopCum  []struct {
					Func string `json:"func"`
				} `json:"top_cum"`
			} `json:"profile"`
		} `json:"strategies"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Strategies) < 2 {
		t.Fatalf("%d strategies, want two or more", len(rep.Strategies))
	}
	for _, s := range rep.Strategies {
		p := s.Profile
		if p == nil || p.Ops == 0 || p.Samples == 0 || p.Outside || len(p.TopCum) == 0 {
			t.Errorf("%s: profile %+v, want the worker's own samples and operations", s.Name, p)
			continue
		}
		if p.TopCum[0].Func != "perflab.bench_loop" {
			t.Errorf("%s: the top cumulative frame is %s, want the timing loop every Python stack ends in", s.Name, p.TopCum[0].Func)
		}
		if _, err := os.Stat(filepath.Join(dir, "r.profiles", s.Name+".pprof")); err != nil {
			t.Errorf("%s: no pprof file beside the output: %v", s.Name, err)
		}
	}
}
