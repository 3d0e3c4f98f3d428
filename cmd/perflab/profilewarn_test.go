package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/runs"
)

// keptUnreadable writes a kept run of one strategy, slice, at path, with a
// folder where its profile should be, so that reading it back fails.
func keptUnreadable(t *testing.T, path string) {
	t.Helper()
	s := &measure.Result{Name: "slice", Baseline: true}
	for range 10 {
		s.Reps = append(s.Reps, measure.Rep{Ops: 1000, ElapsedNs: 100000, NsPerOp: 100})
	}
	saveMembership(t, path, s)
	if err := os.MkdirAll(filepath.Join(runs.ProfileDir(path), "slice.pprof"), 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestKeptProfilesNotReadAreSaid checks that compare and replay say, in
// one line each, that a kept run's profiles could not be read back.
func TestKeptProfilesNotReadAreSaid(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	keptUnreadable(t, a)
	keptUnreadable(t, b)
	warning := func(path string) string {
		return "perflab: warning: " + path + ": its profiles could not be read back, so its why is left out: profile of slice: "
	}
	_, stderr, code := perflab(t, "compare", a, b)
	if code != 0 || strings.Count(stderr, "perflab: warning:") != 2 || !strings.Contains(stderr, warning(a)) || !strings.Contains(stderr, warning(b)) {
		t.Errorf("compare: exit %d, stderr %q: want one warning line for each run", code, stderr)
	}
	// Standard output is no terminal here: replay refuses to open the
	// TUI, after the warning.
	_, stderr, _ = perflab(t, "replay", a)
	if lines := strings.Split(stderr, "\n"); !strings.HasPrefix(lines[0], warning(a)) || strings.Count(stderr, "perflab: warning:") != 1 {
		t.Errorf("replay: stderr %q: want the warning line first", stderr)
	}
}
