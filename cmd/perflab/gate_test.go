package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// writeResult saves a result of data-structures/membership whose one
// strategy, slice, took nsPerOp in each of ten repetitions, give or take a
// per cent, with p99 and allocations as given.
func writeResult(t *testing.T, path string, nsPerOp float64, p99 int64, allocs float64) {
	t.Helper()
	s := &measure.Result{Name: "slice", Baseline: true, P99Ns: p99, AllocsPerOp: &allocs, BytesPerOp: &allocs}
	for i := range 10 {
		ns := nsPerOp * (1 + float64(i%5-2)/200)
		s.Reps = append(s.Reps, measure.Rep{Ops: 1000, ElapsedNs: int64(1000 * ns), NsPerOp: ns})
	}
	saveMembership(t, path, s)
}

// saveMembership saves, as JSON at path, a run of data-structures/membership
// at n=100, ten repetitions, whose one strategy is s.
func saveMembership(t *testing.T, path string, s *measure.Result) {
	t.Helper()
	r := &measure.Report{Schema: measure.Schema, Lab: "data-structures", Workload: "membership",
		Params: map[string]any{"n": 100}, Reps: 10, Strategies: []*measure.Result{s}}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := report.WriteJSON(f, r); err != nil {
		t.Fatal(err)
	}
}

func TestCompareFailIf(t *testing.T) {
	dir := t.TempDir()
	fast, slow := filepath.Join(dir, "fast.json"), filepath.Join(dir, "slow.json")
	fatTail, allocating := filepath.Join(dir, "tail.json"), filepath.Join(dir, "allocs.json")
	writeResult(t, fast, 100, 1000, 0)
	writeResult(t, slow, 120, 1000, 0)
	writeResult(t, fatTail, 100, 2000, 0)
	writeResult(t, allocating, 100, 1000, 2)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{fast, slow, "--fail-if", "slower>5%"}, 1, "slice: 20.0% slower"},
		{[]string{fast, slow, "--fail-if", "slower>25%"}, 0, "passed, 1 strategies checked"},
		{[]string{slow, fast, "--fail-if", "slower>5%"}, 0, "passed"},
		{[]string{fast, fatTail, "--fail-if", "slower>5%,p99>10%"}, 1, "slice: p99 1000 ns → 2000 ns, +100.0%"},
		{[]string{fast, allocating, "--fail-if", "allocs>0"}, 1, "allocs/op 0 → 2"},
		{[]string{fast, allocating, "--fail-if", "slower>5%", "--fail-if", "bytes>1"}, 1, "B/op 0 → 2"},
		{[]string{fast, slow, "--fail-if", "slower>5"}, 2, "takes a percentage"},
		{[]string{fast, slow, "--fail-if", "speed>5%"}, 2, "unknown figure"},
		{[]string{fast, slow}, 0, ""},
	}
	for _, tt := range tests {
		out, stderr, code := perflab(t, append([]string{"compare"}, tt.args...)...)
		if code != tt.code || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("compare %q: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.stderr)
		}
		if tt.code != 2 && !strings.Contains(out, "new vs old") {
			t.Errorf("compare %q: the diff is missing from stdout:\n%s", tt.args, out)
		}
	}
}

func TestCompareFormats(t *testing.T) {
	dir := t.TempDir()
	old, new := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	writeResult(t, old, 100, 1000, 1)
	writeResult(t, new, 120, 1500, 1)
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--format", "table"}, []string{"p99", "allocs/op", "B/op", "1.00µs → 1.50µs", "1 → 1"}},
		{[]string{"--format", "markdown"}, []string{"### data-structures/membership: new vs old", "| strategy | old ns/op |", "|---|--:|"}},
		{[]string{"--format", "gobench"}, []string{"run: old\n", "run: new\n", "BenchmarkMembership/Slice\t1000\t120"}},
		{[]string{"--format", "json"}, []string{`"old_p99_ns": 1000`, `"new_p99_ns": 1500`}},
		{[]string{"--histograms"}, []string{"latency histograms, old → new", "p99", "+50.0%"}},
	}
	for _, tt := range tests {
		out, stderr, code := perflab(t, append([]string{"compare", old, new}, tt.args...)...)
		if code != 0 {
			t.Errorf("compare %q: exit %d: %s", tt.args, code, stderr)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("compare %q: output lacks %q:\n%s", tt.args, w, out)
			}
		}
	}
}

func TestRunBaselineFailIf(t *testing.T) {
	dir := t.TempDir()
	// No slice scan of 100 keys takes a picosecond an operation: against
	// this baseline the run is slower by far more than 5 %.
	impossible := filepath.Join(dir, "impossible.json")
	writeResult(t, impossible, 0.001, 1, 0)
	args := []string{"run", "data-structures/membership", "--param", "n=100", "--reps", "6", "--duration", "5ms", "--format", "json"}
	out, stderr, code := perflab(t, append(args, "--strategies", "slice", "--baseline", impossible, "--fail-if", "slower>5%")...)
	if code != 1 || !strings.Contains(stderr, "slice: ") || !strings.Contains(stderr, "against the baseline") || !strings.Contains(out, `"schema"`) {
		t.Errorf("run --baseline --fail-if: exit %d, stderr %q; want 1, the diff and the breach on stderr, the result on stdout", code, stderr)
	}
	for _, bad := range [][]string{
		{"--strategies", "slice", "--fail-if", "slower>5%"},
		{"--strategies", "slice", "--baseline", filepath.Join(dir, "missing.json")},
		{"--strategies", "slice", "--baseline", impossible, "--fail-if", "slower"},
		{"--strategies", "slice", "--baseline", impossible, "--sweep", "n=10,20"},
		{"--baseline", impossible, "--strategies", "map"},
	} {
		_, stderr, code := perflab(t, append(args, bad...)...)
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("run %q: exit %d, stderr %q; want 2 and one line", bad, code, stderr)
		}
	}
}
