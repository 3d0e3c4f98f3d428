package workshop

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/runs"
)

// keep saves a finished run of workload with strategies, at params,
// started at.
func keep(t *testing.T, dir, workload string, strategies []string, params map[string]any, at time.Time, cancelled bool) {
	t.Helper()
	lab, wl, _ := strings.Cut(workload, "/")
	rep := &measure.Report{Schema: measure.Schema, Lab: lab, Workload: wl, Params: params, Started: at, Cancelled: cancelled}
	for i, s := range strategies {
		rep.Strategies = append(rep.Strategies, &measure.Result{Name: s, Baseline: i == 0})
	}
	if _, err := (runs.Store{Dir: dir}).Save(rep, nil); err != nil {
		t.Fatal(err)
	}
}

func TestKeptRaces(t *testing.T) {
	ws, err := Parse("w.toml", []byte(`
[[lesson]]
run = "data-structures/membership"
strategies = ["slice", "map"]
params = { n = 500 }
[[lesson]]
run = "measure/sort"
`), labs.All())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	keep(t, dir, "data-structures/membership", []string{"slice", "map"}, map[string]any{"n": 500.0}, t0, false)
	keep(t, dir, "data-structures/membership", []string{"slice", "map"}, map[string]any{"n": 9000.0}, t0.Add(time.Hour), false)
	keep(t, dir, "data-structures/membership", []string{"slice", "map", "binary"}, map[string]any{"n": 500.0}, t0.Add(2*time.Hour), false)
	keep(t, dir, "data-structures/membership", []string{"slice", "map"}, map[string]any{"n": 500.0}, t0.Add(3*time.Hour), true)

	_, err = ws.KeptRaces(dir)
	oe := lab.AsOption(err)
	if oe == nil || oe.Option != "replay" || !strings.Contains(err.Error(), "no kept race of lesson 2 (measure/sort)") || !strings.Contains(err.Error(), "keeping its races in "+dir) {
		t.Fatalf("got %v, want lesson 2 named as missing, as the replay option's error", err)
	}
	keep(t, dir, "measure/sort", []string{"baseline", "placebo", "fix"}, map[string]any{"n": 1000.0}, t0, false)
	got, err := ws.KeptRaces(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The newest run of lesson 1 was cancelled, the one before raced other
	// strategies, the one before that other parameters: the oldest is
	// the one that matches.
	if !got[0].Started.Equal(t0) || got[0].Params["n"] != 500.0 {
		t.Errorf("lesson 1 replays the run of %v at %v, want the one of %v at n=500", got[0].Started, got[0].Params, t0)
	}
	if got[1].Workload != "sort" || filepath.Dir(got[1].Path) != dir {
		t.Errorf("lesson 2 replays %s, kept at %s", got[1].Workload, got[1].Path)
	}
	if _, err := ws.KeptRaces(filepath.Join(dir, "none")); err == nil {
		t.Error("a folder with no runs gave races")
	}
}
