package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// benchResult is a result of perflab bench for one benchmark: revisions
// HEAD and the working tree, each taking nsPerOp in each of ten rounds,
// give or take a per cent.
func benchResult(name string, nsPerOp float64) *measure.Report {
	r := &measure.Report{Schema: measure.Schema, Lab: "own", Workload: "bench",
		Params: map[string]any{"benchmark": name, "package": "."}, Reps: 10}
	for i, rev := range []string{"HEAD", "working tree"} {
		s := &measure.Result{Name: rev, Baseline: i == 0, P99Ns: int64(nsPerOp)}
		for j := range 10 {
			ns := nsPerOp * (1 + float64(j%5-2)/200)
			s.Reps = append(s.Reps, measure.Rep{Ops: 1000, ElapsedNs: int64(1000 * ns), NsPerOp: ns})
		}
		r.Strategies = append(r.Strategies, s)
	}
	return r
}

// writeJSON writes v to a file of dir and returns its path.
func writeJSON(t *testing.T, dir, name string, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// benchSetFile writes perflab bench's JSON of several benchmarks.
func benchSetFile(t *testing.T, dir, name string, reps ...*measure.Report) string {
	t.Helper()
	return writeJSON(t, dir, name, map[string]any{"benchmarks": reps})
}

// TestCompareOfSeveralBenchmarks compares two results of perflab bench
// over several benchmarks: the benchmarks both hold are compared by name,
// each under a line naming it; the ones in one file only are named; the
// gate holds over all and names the benchmark that breaks it.
func TestCompareOfSeveralBenchmarks(t *testing.T) {
	dir := t.TempDir()
	old := benchSetFile(t, dir, "old.json",
		benchResult("BenchmarkSame-2", 100), benchResult("BenchmarkSlower-2", 100), benchResult("BenchmarkGone-2", 100))
	new := benchSetFile(t, dir, "new.json",
		benchResult("BenchmarkAdded-2", 100), benchResult("BenchmarkSlower-2", 150), benchResult("BenchmarkSame-2", 100))

	out, stderr, code := perflabWithin(t, "compare", old, new)
	if code != 0 || !strings.Contains(out, "benchmark 1 of 2: BenchmarkSame-2") || !strings.Contains(out, "benchmark 2 of 2: BenchmarkSlower-2") ||
		!strings.Contains(out, "slower") {
		t.Errorf("compare: exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
	if !strings.Contains(stderr, "only in "+old+", not compared: BenchmarkGone-2") ||
		!strings.Contains(stderr, "only in "+new+", not compared: BenchmarkAdded-2") {
		t.Errorf("compare does not say which benchmarks are in one file only:\n%s", stderr)
	}

	_, stderr, code = perflabWithin(t, "compare", old, new, "--fail-if", "slower>5%")
	if code != 1 || !strings.Contains(stderr, "BenchmarkSlower-2: ") || strings.Contains(stderr, "BenchmarkSame-2: ") {
		t.Errorf("gate over a slower benchmark: exit %d; want 1 naming BenchmarkSlower-2 alone; stderr:\n%s", code, stderr)
	}
	_, stderr, code = perflabWithin(t, "compare", old, old, "--fail-if", "slower>5%")
	if code != 0 || !strings.Contains(stderr, "passed, 6 strategies checked in 3 benchmarks") {
		t.Errorf("gate of a set against itself: exit %d; want 0 and what was checked; stderr:\n%s", code, stderr)
	}
	out, stderr, code = perflabWithin(t, "compare", old, new, "--format", "markdown")
	if code != 0 || strings.Count(out, "### own/bench") != 2 {
		t.Errorf("markdown: exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
}

// TestCompareOfOneBenchmarkWithSeveral compares the result of one
// benchmark with the set that holds it, in either order and in every
// format: only its namesake is compared, as one run with another.
func TestCompareOfOneBenchmarkWithSeveral(t *testing.T) {
	dir := t.TempDir()
	one := writeJSON(t, dir, "one.json", benchResult("BenchmarkSlower-2", 100))
	set := benchSetFile(t, dir, "set.json", benchResult("BenchmarkSame-2", 100), benchResult("BenchmarkSlower-2", 150))

	out, stderr, code := perflabWithin(t, "compare", one, set, "--fail-if", "slower>5%")
	if code != 1 || !strings.Contains(out, "benchmark 1 of 1: BenchmarkSlower-2") || strings.Contains(out, "BenchmarkSame") ||
		!strings.Contains(stderr, "BenchmarkSlower-2: ") || strings.Contains(stderr, "only in") {
		t.Errorf("one against a set: exit %d; want 1 comparing BenchmarkSlower-2 alone; stderr %q, output:\n%s", code, stderr, out)
	}
	out, stderr, code = perflabWithin(t, "compare", set, one, "--format", "json")
	var d measure.Diff
	if err := json.Unmarshal([]byte(out), &d); code != 0 || err != nil || d.Schema != measure.DiffSchema || len(d.Rows) != 2 {
		t.Errorf("a set against one, in JSON: exit %d (%v), stderr %q, output:\n%s", code, err, stderr, out)
	}
}

// TestCompareOfBenchmarksRefusesBadInput names every pair of files that
// cannot be compared benchmark by benchmark: one line, exit status 2.
func TestCompareOfBenchmarksRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	set := benchSetFile(t, dir, "set.json", benchResult("BenchmarkA-2", 100), benchResult("BenchmarkB-2", 100))
	other := benchSetFile(t, dir, "other.json", benchResult("BenchmarkC-2", 100))
	twice := benchSetFile(t, dir, "twice.json", benchResult("BenchmarkA-2", 100), benchResult("BenchmarkA-2", 110))
	missing := writeJSON(t, dir, "missing.json", benchResult("BenchmarkC-2", 100))
	empty := writeJSON(t, dir, "empty.json", map[string]any{"benchmarks": []any{}})
	foreign := benchResult("BenchmarkA-2", 100)
	foreign.Schema = "other/v9"
	alien := benchSetFile(t, dir, "alien.json", foreign)
	plain := filepath.Join(dir, "plain.json")
	writeResult(t, plain, 100, 1000, 0)
	for name, args := range map[string][]string{
		"a set and a lab's run":          {set, plain},
		"a lab's run and a set":          {plain, set},
		"no benchmark shared":            {set, other},
		"one benchmark not in the set":   {missing, set},
		"a benchmark twice":              {twice, set},
		"an empty list":                  {empty, set},
		"a result of another schema":     {alien, set},
		"several benchmarks in JSON":     {set, set, "--format", "json"},
		"a rule that is not one, before": {set, set, "--fail-if", "faster>sometimes"},
	} {
		_, stderr, code := perflabWithin(t, append([]string{"compare"}, args...)...)
		if code != 2 || stderr == "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%s: exit %d, stderr %q; want 2 and one line", name, code, stderr)
		}
	}
}

// TestCompareReadsWhatBenchWrites compares a file perflab bench wrote over
// two benchmarks (testdata/benchcmp/several.json, its repetitions cut to
// twelve, its histograms left out) with itself: it is read as bench writes
// it, "stopped" and all, and the gate passes over both benchmarks.
func TestCompareReadsWhatBenchWrites(t *testing.T) {
	several := filepath.Join("testdata", "benchcmp", "several.json")
	out, stderr, code := perflabWithin(t, "compare", several, several, "--fail-if", "slower>5%")
	if code != 0 || !strings.Contains(out, "benchmark 1 of 2: BenchmarkOther-2") || !strings.Contains(out, "benchmark 2 of 2: BenchmarkWork-2") ||
		!strings.Contains(stderr, "passed, 4 strategies checked in 2 benchmarks") {
		t.Errorf("exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
}

// TestCompareOfBenchmarksInGoBench writes both files' benchmarks as perflab
// bench writes them, under their own names with their revisions in "rev"
// lines, the files told apart by "run" lines, for benchstat -col run; one
// benchmark's result is written so too, not as a lab's workload.
func TestCompareOfBenchmarksInGoBench(t *testing.T) {
	several := filepath.Join("testdata", "benchcmp", "several.json")
	one := writeJSON(t, t.TempDir(), "one.json", benchResult("BenchmarkA-2", 100))
	for name, args := range map[string][]string{
		"several": {several, several},
		"one":     {one, one},
	} {
		out, stderr, code := perflabWithin(t, append([]string{"compare", "--format", "gobench"}, args...)...)
		if code != 0 || strings.Count(out, "run: old\n") != 1 || strings.Count(out, "run: new\n") != 1 ||
			!strings.Contains(out, "\nrev: ") || strings.Contains(out, "BenchmarkBench") {
			t.Errorf("%s: exit %d, stderr %q, output:\n%s", name, code, stderr, out)
		}
	}
	out, _, _ := perflabWithin(t, "compare", "--format", "gobench", several, several)
	for _, b := range []string{"\nBenchmarkOther-2\t", "\nBenchmarkWork-2\t"} {
		if strings.Count(out, b) < 2 {
			t.Errorf("%q is not under both runs:\n%s", b, out)
		}
	}
}
