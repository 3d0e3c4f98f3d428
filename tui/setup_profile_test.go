package tui

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure/measuretest"
)

// TestSetupProfileRowFollowsTheRule checks that the set-up offers its
// profile row exactly where the one table of what each workload's profile
// shows (labs/testdata/profiling.txt) says a profile can be taken, as the
// command line accepts --profile there, and says when only perflab's side
// of some strategies is profiled.
func TestSetupProfileRowFollowsTheRule(t *testing.T) {
	table := measuretest.ReadRows(t, "../labs/testdata/profiling.txt")
	for _, l := range labs.Catalogue() {
		for _, wl := range l.Workloads {
			kind, ok := table.Take(l.ID + "/" + wl.ID)
			if !ok {
				continue
			}
			var row *field
			fields := buildFields(l, wl, defaultRunValues())
			for i := range fields {
				if fields[i].kind == fieldProfile {
					row = &fields[i]
				}
			}
			if offered := row != nil; offered != (kind != "none") {
				t.Errorf("%s/%s (%s): profile row offered: %v", l.ID, wl.ID, kind, offered)
			}
			if row != nil && strings.Contains(row.help, "perflab's side") != (kind == "part") {
				t.Errorf("%s/%s (%s): the row's help %q", l.ID, wl.ID, kind, row.help)
			}
		}
	}
	table.Done()
}

// TestSetupExpectsProfilingRounds checks that the set-up's expected time
// counts the profiling rounds once the profile row is on, in the words
// perflab run uses (labs.Plan.ExpectedLine).
func TestSetupExpectsProfilingRounds(t *testing.T) {
	m := setupOf(t, 160, 48)
	if got := screen(m); strings.Contains(got, "profiling rounds") {
		t.Fatalf("profiling rounds expected before the row is on:\n%s", got)
	}
	m = press(focusField(t, m, "profile"), " ")
	if got := screen(m); !strings.Contains(got, "then 6s of profiling rounds") {
		t.Errorf("the expected time does not count the profiling rounds:\n%s", got)
	}
}
