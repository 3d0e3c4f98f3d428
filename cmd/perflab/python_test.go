package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

const mine = `
PARAMS = {"n": 10}

def setup(params):
    return list(range(params["n"]))

def bench_sum(xs):
    """sum()"""
    return sum(xs)

def bench_loop(xs):
    t = 0
    for x in xs:
        t += x
    return t

def metrics(xs):
    return {"n_seen": len(xs)}
`

func TestPythonFileRunsEveryBenchInOrder(t *testing.T) {
	path := measuretest.WriteTemp(t, "mine.py", mine)
	out, _ := perflabOK(t, "python", path, "--reps", "2", "--duration", "20ms", "--param", "n=25", "--format", "json")
	var rep measure.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got, want := strings.Join(names(&rep), ","), "sum,loop"; got != want {
		t.Errorf("strategies = %s, want %s", got, want)
	}
	// One file is one workload, own/python with its path, as the TUI's
	// "your own" keeps it.
	if rep.Lab != "own" || rep.Workload != "python" || rep.Params["file"] != path {
		t.Errorf("lab/workload = %s/%s with file=%v, want own/python with file=%s", rep.Lab, rep.Workload, rep.Params["file"], path)
	}
	comparesWithOlderForm(t, out)
	for _, s := range rep.Strategies {
		if s.Ops == 0 || s.Metrics["n_seen"] != 25 {
			t.Errorf("%s: ops %d, metrics %v; want operations and n_seen 25 from --param n=25", s.Name, s.Ops, s.Metrics)
		}
	}
}

func TestPythonBadInputExitsTwo(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"syntax", []string{measuretest.WriteTemp(t, "mine.py", "def bench_a(:\n  pass\n")}, "SyntaxError"},
		{"exception in setup", []string{measuretest.WriteTemp(t, "mine.py", "def setup(p):\n    {}['k']\ndef bench_a():\n    pass\n")}, "KeyError: 'k'"},
		{"no bench", []string{measuretest.WriteTemp(t, "mine.py", "x = 1\n")}, "no bench_* function"},
		{"no file", []string{"/no/such/file.py"}, "no Python file"},
		{"bad param", []string{measuretest.WriteTemp(t, "mine.py", mine), "--param", "n=ten"}, "n must be a whole number"},
		{"unknown param", []string{measuretest.WriteTemp(t, "mine.py", mine), "--param", "m=1"}, `no parameter "m"`},
		{"bad interpreter", []string{"--python", "/no/such/python", measuretest.WriteTemp(t, "mine.py", mine)}, "does not run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := perflab(t, append([]string{"python"}, tt.args...)...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Errorf("stderr shows a panic: %s", stderr)
			}
		})
	}
}

func TestListMarksTheLanguage(t *testing.T) {
	out, _ := perflabOK(t, "list", "--format", "json")
	var cat struct {
		Labs []struct {
			ID        string `json:"id"`
			Workloads []struct {
				ID   string `json:"id"`
				Lang string `json:"lang"`
			} `json:"workloads"`
		} `json:"labs"`
	}
	if err := json.Unmarshal([]byte(out), &cat); err != nil {
		t.Fatal(err)
	}
	langs := map[string]string{}
	for _, l := range cat.Labs {
		for _, w := range l.Workloads {
			langs[l.ID+"/"+w.ID] = w.Lang
		}
	}
	for path, want := range map[string]string{"data-structures/membership": "go", "data-structures/python-membership": "python", "threads/python-cpu": "python"} {
		if langs[path] != want {
			t.Errorf("%s: lang %q, want %q", path, langs[path], want)
		}
	}
}

// comparesWithOlderForm compares the JSON of a run of mine.py with the same
// run as an older perflab python kept it, python/mine: compare takes the
// two as one workload, and says the parameters differ.
func comparesWithOlderForm(t *testing.T, newJSON string) {
	t.Helper()
	var older map[string]any
	if err := json.Unmarshal([]byte(newJSON), &older); err != nil {
		t.Fatal(err)
	}
	older["lab"], older["workload"] = "python", "mine"
	delete(older["params"].(map[string]any), "file")
	b, err := json.Marshal(older)
	if err != nil {
		t.Fatal(err)
	}
	oldPath, newPath := measuretest.WriteTemp(t, "old.json", string(b)), measuretest.WriteTemp(t, "new.json", newJSON)
	out, stderr, code := perflab(t, "compare", oldPath, newPath)
	if code != 0 || !strings.Contains(out, "own/python") || !strings.Contains(out, "the parameters differ") {
		t.Errorf("compare of python/mine against own/python: exit %d, %s\n%s", code, stderr, out)
	}
}
