package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure/measuretest"
	"github.com/perflab/perflab/measure/runs"
)

func TestRunsAreKeptAndListed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "runs")
	args := []string{"run", "data-structures/membership", "--strategies", "slice,map", "--param", "n=100",
		"--reps", "6", "--duration", "5ms", "--format", "json", "--runs-dir", dir}
	for range 2 {
		if _, stderr, code := perflab(t, args...); code != 0 || !strings.Contains(stderr, "kept in "+dir) {
			t.Fatalf("run: exit %d, stderr %q; want it kept in %s", code, stderr, dir)
		}
	}
	// --no-save with --runs-dir is a contradiction, refused: without it,
	// the count of runs listed below shows the run went nowhere.
	noSave := append(slices.Clone(args[:len(args)-2]), "--no-save")
	if _, stderr, code := perflab(t, noSave...); code != 0 || strings.Contains(stderr, "kept in") {
		t.Fatalf("run --no-save: exit %d, stderr %q", code, stderr)
	}
	out, stderr, code := perflab(t, "runs", "--runs-dir", dir, "--format", "json")
	var list struct {
		Runs []struct {
			Path, Lab, Strategies, Verdicts string
			Replayable                      bool
		}
	}
	if err := json.Unmarshal([]byte(out), &list); code != 0 || err != nil || len(list.Runs) != 2 {
		t.Fatalf("runs --format json: exit %d, %v, stderr %q, output:\n%s", code, err, stderr, out)
	}
	for _, r := range list.Runs {
		if r.Lab != "data-structures" || r.Strategies != "slice, map" || !strings.Contains(r.Verdicts, "map ") || !r.Replayable {
			t.Errorf("listed %+v, want data-structures with slice, map, a verdict for map and a timeline", r)
		}
	}
	saved, err := runs.Load(list.Runs[0].Path)
	if err != nil || saved.Timeline == nil || len(saved.Timeline.Frames) == 0 || len(saved.Timeline.Series) != 2 {
		t.Fatalf("the kept run has no timeline of two series: %v", err)
	}
	if out, _, code := perflab(t, "compare", list.Runs[1].Path, list.Runs[0].Path); code != 0 || !strings.Contains(out, "new vs old") {
		t.Errorf("compare of two kept runs: exit %d:\n%s", code, out)
	}
	if out, _, code := perflab(t, "runs", "--runs-dir", dir, "--lab", "threads"); code != 0 || !strings.Contains(out, "no runs kept") {
		t.Errorf("runs --lab threads: exit %d, %q; want none", code, out)
	}
	if out, _, code := perflab(t, "runs", "--runs-dir", dir); code != 0 || strings.Count(out, "data-structures/membership") != 2 {
		t.Errorf("runs: exit %d:\n%s", code, out)
	}
	file := measuretest.WriteTemp(t, "file", "")
	for _, bad := range [][]string{
		append(args[:len(args)-1:len(args)-1], filepath.Join(file, "runs")),
		{"runs", "--format", "xml"},
		{"runs", "extra"},
		{"replay", filepath.Join(dir, "missing.json")},
		{"replay", file},
		{"replay", list.Runs[0].Path, "--speed", "2x"},
		{"replay"},
	} {
		if _, stderr, code := perflab(t, bad...); code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and one line", bad, code, stderr)
		}
	}
}
