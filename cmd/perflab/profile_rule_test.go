package main

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure/measuretest"
)

// TestProfileRuleOnTheCommandLine checks that --profile is refused on the
// workloads the table says cannot be profiled, and only on them.
func TestProfileRuleOnTheCommandLine(t *testing.T) {
	// The one table of what each workload's profile shows, against which
	// the labs and the TUI's set-up are tested too.
	table := measuretest.ReadRows(t, "../../labs/testdata/profiling.txt")
	for _, l := range catalogue() {
		for _, w := range l.Workloads {
			kind, ok := table.Take(l.ID + "/" + w.ID)
			if !ok {
				continue
			}
			err := checkProfile(true, &labs.Plan{Lab: l, Workload: w})
			if refused := err != nil; refused != (kind == "none") {
				t.Errorf("%s/%s (%s): --profile refused: %v", l.ID, w.ID, kind, err)
			}
			if err != nil && (!strings.Contains(err.Error(), "--profile") || strings.Contains(err.Error(), "\n")) {
				t.Errorf("%s/%s: the refusal %q is not one line naming --profile", l.ID, w.ID, err)
			}
		}
	}
	table.Done()
}

// TestProfileRefusedBeforeAnythingRuns checks the refusals end to end: one
// line, exit 2, for run and exec alike.
func TestProfileRefusedBeforeAnythingRuns(t *testing.T) {
	for _, args := range [][]string{
		{"run", "own/exec", "--param", "cmd_a=true", "--profile"},
		{"run", "own/http", "--param", "url_a=http://127.0.0.1:9/", "--profile"},
		{"exec", "--profile", "true"},
	} {
		_, stderr, code := perflab(t, args...)
		if code != 2 || !strings.Contains(stderr, "--profile") || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("perflab %s: exit %d, stderr %q: want exit 2 and one line naming --profile", strings.Join(args, " "), code, stderr)
		}
	}
}
