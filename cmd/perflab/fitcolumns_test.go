package main

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/runs"
)

// TestRunsFitEightyColumns lists runs whose parameters and verdicts are
// long, at 80 columns: no line is longer, and a sweep says it is one.
func TestRunsFitEightyColumns(t *testing.T) {
	long := []*measure.Result{{Name: "no-cache", Baseline: true}}
	for _, n := range []string{"memo-map", "bounded-lru", "singleflight", "sharded-lru"} {
		long = append(long, &measure.Result{Name: n, VsBaseline: &measure.Comparison{Verdict: measure.Faster, Speedup: 12.5}})
	}
	started := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	plain := &measure.Report{Lab: "optimize", Workload: "caching", Started: started, Strategies: long,
		Params: map[string]any{"keys": 100000.0, "zipf_s": 1.1, "cost": "200µs", "capacity": 1000.0}}
	sweep := &measure.Report{Lab: "optimize", Workload: "caching", Started: started, Strategies: long,
		Params: map[string]any{"n": 4096.0, "hit_ratio": 0.5},
		Sweep:  &measure.Sweep{Param: "n", Points: []measure.SweepPoint{{Value: 16}, {Value: 256}, {Value: 4096}}}}
	entries := []runs.Entry{{Path: "/runs/a.json", Report: plain}, {Path: "/runs/b.json", Report: sweep}}
	var b strings.Builder
	if err := writeRuns(&b, entries, "table", "/runs", 80); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("a line of %d characters at 80 columns: %q", n, line)
		}
	}
	if !strings.Contains(b.String(), "sweep n=16,256,40") {
		t.Errorf("the sweep is not listed as one:\n%s", b.String())
	}
}

func TestFitColumnsKeepsShortTablesWhole(t *testing.T) {
	rows := [][]string{{"a", "bb"}, {"ccc", "d"}}
	fitColumns(rows, 80, 2, 1)
	if rows[1][0] != "ccc" || rows[0][0] != "a  " || rows[1][1] != "d " {
		t.Errorf("rows = %q", rows)
	}
	rows = [][]string{{"0123456789abcdef", "x"}}
	fitColumns(rows, 12, 2, 1)
	if rows[0][0] != "01234567…" {
		t.Errorf("cut to %q, want 9 characters, the last …", rows[0][0])
	}
	rows = [][]string{{"name-to-keep-whole", "a long cell to cut first"}}
	fitColumns(rows, 40, 2, 1)
	if rows[0][0] != "name-to-keep-whole" || rows[0][1] != "a long cell to cut …" {
		t.Errorf("rows = %q, want the first column whole and the second cut", rows)
	}
}
