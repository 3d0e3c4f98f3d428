package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// binary is the perflab binary built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "perflab-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "perflab")
	// Every run is kept in the runs folder: the tests' runs go into one
	// of their own, never the person's.
	os.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic("build perflab: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// perflab runs the binary and returns its stdout, stderr and exit code.
func perflab(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	return runCmd(t, cmd)
}

// perflabOK runs the binary as perflab does and fails the test, showing
// its standard error, unless it exits 0.
func perflabOK(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	stdout, stderr, code := perflab(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	return stdout, stderr
}

// runCmd runs cmd to its end and returns its stdout, stderr and exit code;
// only a command that could not be run at all fails the test, since the
// exit code is what most tests check.
func runCmd(t *testing.T, cmd *exec.Cmd) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("run perflab: %v", err)
	}
	return out.String(), errb.String(), code
}

func TestListJSON(t *testing.T) {
	out, _ := perflabOK(t, "list", "--format", "json")
	var cat struct {
		Labs []struct {
			ID        string `json:"id"`
			Title     string `json:"title"`
			Runnable  bool   `json:"runnable"`
			Workloads []struct {
				ID         string `json:"id"`
				Strategies []struct {
					ID string `json:"id"`
				} `json:"strategies"`
				Params []struct {
					Name    string `json:"name"`
					Default any    `json:"default"`
					Min     any    `json:"min"`
					Max     any    `json:"max"`
				} `json:"params"`
			} `json:"workloads"`
		} `json:"labs"`
	}
	if err := json.Unmarshal([]byte(out), &cat); err != nil {
		t.Fatalf("list --format json is not JSON: %v\n%s", err, out)
	}
	if len(cat.Labs) != 8 || cat.Labs[0].ID != "measure" || cat.Labs[6].ID != "machines" || cat.Labs[7].ID != "own" {
		t.Fatalf("labs = %+v, want the seven in lesson order, then own", cat.Labs)
	}
	found := false
	for _, l := range cat.Labs {
		if l.Runnable != (len(l.Workloads) > 0) {
			t.Errorf("lab %s: runnable %v with %d workloads", l.ID, l.Runnable, len(l.Workloads))
		}
		for _, w := range l.Workloads {
			if l.ID == "data-structures" && w.ID == "membership" {
				found = true
				if len(w.Strategies) != 3 || w.Params[0].Name != "n" || w.Params[0].Default != 10000.0 {
					t.Errorf("membership = %+v", w)
				}
			}
		}
	}
	if !found {
		t.Error("data-structures/membership is not listed")
	}
}

func runJSON(t *testing.T, args ...string) *measure.Report {
	t.Helper()
	out, _ := perflabOK(t, append(args, "--format", "json")...)
	rep, err := report.ReadJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return rep
}

func TestRunJSONFollowsTheContract(t *testing.T) {
	out, _ := perflabOK(t, "run", "data-structures/membership", "--param", "n=1000", "--reps", "6", "--duration", "20ms", "--format", "json")
	// Check the field names of the contract on the raw JSON, not through
	// the Go types that wrote it.
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema", "lab", "workload", "params", "reps", "overhead_ns", "strategies", "warnings"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("result has no %q", k)
		}
	}
	strategies := raw["strategies"].([]any)
	if len(strategies) != 3 {
		t.Fatalf("%d strategies, want 3", len(strategies))
	}
	for i, s := range strategies {
		m := s.(map[string]any)
		for _, k := range []string{"name", "ops", "ns_per_op", "throughput", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "max_ns", "allocs_per_op", "bytes_per_op", "errors", "warnings"} {
			if _, ok := m[k]; !ok {
				t.Errorf("strategy %d has no %q", i, k)
			}
		}
		if i == 0 {
			if m["baseline"] != true {
				t.Error("the first strategy is not marked baseline")
			}
			continue
		}
		vs, ok := m["vs_baseline"].(map[string]any)
		if !ok {
			t.Fatalf("strategy %d has no vs_baseline", i)
		}
		for _, k := range []string{"speedup", "speedup_lo", "speedup_hi", "p", "n", "verdict", "reason"} {
			if _, ok := vs[k]; !ok {
				t.Errorf("vs_baseline of strategy %d has no %q", i, k)
			}
		}
	}
	rep, err := report.ReadJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Schema != measure.Schema || rep.Lab != "data-structures" || rep.Params["n"] != 1000.0 {
		t.Errorf("report header = %s %s %v", rep.Schema, rep.Lab, rep.Params)
	}
	if h := rep.Strategies[1].Histogram; h == nil || h.H.TotalCount() != rep.Strategies[1].Ops {
		t.Errorf("the encoded histogram does not hold the strategy's %d ops", rep.Strategies[1].Ops)
	}
}

func TestRunAARun(t *testing.T) {
	rep := runJSON(t, "run", "data-structures/membership", "--strategies", "map,map", "--param", "n=100", "--reps", "6", "--duration", "20ms")
	if len(rep.Strategies) != 2 || rep.Strategies[0].Name != "map" || rep.Strategies[1].Name != "map#2" {
		t.Fatalf("strategies = %v, want map and map#2", names(rep))
	}
	if rep.Strategies[1].VsBaseline == nil {
		t.Fatal("the A/A run has no verdict")
	}
}

func names(r *measure.Report) []string {
	var n []string
	for _, s := range r.Strategies {
		n = append(n, s.Name)
	}
	return n
}

func TestRunFormats(t *testing.T) {
	for format, want := range map[string]string{
		"table":    "vs baseline",
		"markdown": "| strategy |",
		"csv":      "lab,workload,strategy",
		"gobench":  "BenchmarkMembership/Map",
	} {
		out, stderr, code := perflab(t, "run", "data-structures/membership", "--strategies", "map,binary",
			"--param", "n=100", "--reps", "2", "--duration", "5ms", "--format", format)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("--format %s: exit %d, output lacks %q:\n%s%s", format, code, want, out, stderr)
		}
		if format == "table" && strings.Contains(out, "\x1b[") {
			t.Errorf("the table has escape codes when piped:\n%q", out)
		}
	}
}

func TestRunOutputIsWrittenWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "result.json")
	perflabOK(t, "run", "data-structures/membership", "--strategies", "map", "--param", "n=100",
		"--reps", "2", "--duration", "5ms", "--format", "json", "-o", path)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := report.ReadJSON(f); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestBadInputExitsTwoWithOneLine(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run"}, "expected one LAB/WORKLOAD"},
		{[]string{"run", "nope/x"}, `no lab "nope"`},
		{[]string{"run", "processes/x"}, `no workload "x"`},
		{[]string{"run", "data-structures/membership", "--param", "n=-3"}, "n must be at least 1"},
		{[]string{"run", "data-structures/membership", "--param", "n"}, "name=value"},
		{[]string{"run", "data-structures/membership", "--param", "size=3"}, `no parameter "size"`},
		{[]string{"run", "data-structures/membership", "--strategies", "btree"}, `no strategy "btree"`},
		{[]string{"run", "data-structures/membership", "--format", "xml"}, "--format must be one of"},
		{[]string{"run", "data-structures/membership", "--reps", "-1"}, "--reps must be between 1 and 1000, or 0"},
		{[]string{"run", "data-structures/membership", "--margin", "1.5"}, "--margin must be between 0 and 1"},
		{[]string{"run", "data-structures/membership", "--max-time", "0s"}, "--max-time must be positive"},
		{[]string{"compare", "a.json", "b.json", "--margin", "0"}, "--margin must be between 0 and 1"},
		{[]string{"run", "data-structures/membership", "--duration", "soon"}, "invalid argument"},
		{[]string{"run", "data-structures/membership", "--bogus"}, "unknown flag"},
		{[]string{"run", "data-structures/membership", "-o", "/no/such/folder/result.json"}, "cannot write in /no/such/folder"},
		{[]string{"run", "data-structures/membership", "-o", os.TempDir()}, "is a folder; name a file"},
		{[]string{"list", "--format", "yaml"}, "text or json"},
		{[]string{"frobnicate"}, "unknown command"},
	}
	for _, tt := range tests {
		out, stderr, code := perflab(t, tt.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", tt.args, code)
		}
		if lines := strings.Count(strings.TrimSpace(stderr), "\n") + 1; lines != 1 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: stderr %q, want one line mentioning %q", tt.args, stderr, tt.want)
		}
		if out != "" {
			t.Errorf("%v: wrote %q to stdout on bad input", tt.args, out)
		}
	}
}

func TestVersion(t *testing.T) {
	out, _, code := perflab(t, "version")
	if code != 0 || !strings.HasPrefix(out, "perflab ") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

func TestCompareTwoSavedRuns(t *testing.T) {
	dir := t.TempDir()
	old, new := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	for _, path := range []string{old, new} {
		_, stderr, code := perflab(t, "run", "data-structures/membership", "--strategies", "slice,map",
			"--param", "n=100", "--reps", "6", "--duration", "5ms", "--format", "json", "-o", path)
		if code != 0 {
			t.Fatalf("run: exit %d: %s", code, stderr)
		}
	}
	out, stderr, code := perflab(t, "compare", old, new)
	if code != 0 || !strings.Contains(out, "new vs old") || !strings.Contains(out, "slice") || !strings.Contains(out, "map") {
		t.Fatalf("compare: exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
	out, _, code = perflab(t, "compare", old, new, "--format", "json")
	var d measure.Diff
	if err := json.Unmarshal([]byte(out), &d); code != 0 || err != nil || d.Schema != measure.DiffSchema || len(d.Rows) != 2 {
		t.Errorf("compare --format json: exit %d, err %v, %+v", code, err, d)
	}

	for _, args := range [][]string{
		{"compare", old},
		{"compare", old, filepath.Join(dir, "missing.json")},
		{"compare", old, "main.go"},
		{"compare", old, new, "--format", "xml"},
	} {
		_, stderr, code := perflab(t, args...)
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q, want 2 and one line", args, code, stderr)
		}
	}
}

// TestRunSaysTheExpectedTime checks that perflab run states how long the run
// will take before it starts.
func TestRunSaysTheExpectedTime(t *testing.T) {
	_, stderr := perflabOK(t, "run", "data-structures/membership", "--strategies", "map,slice", "--param", "n=100",
		"--reps", "2", "--duration", "5ms", "--format", "json")
	if want := "expected to take about 30ms: 2 strategies × 3 repetitions (one a warm-up) × 5ms"; !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
}
