package own

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// TestNotesSayWhatACommandsTimeIsOf gives one command run directly and one
// run through the shell: the notes say, once, what the shell figures mean.
func TestNotesSayWhatACommandsTimeIsOf(t *testing.T) {
	r := &measure.Report{Strategies: []*measure.Result{
		{Name: "direct", Metrics: map[string]float64{"through_shell": 0}},
		{Name: "piped", Metrics: map[string]float64{"through_shell": 1, "shell_subtracted_ns": 1.2e6}},
	}}
	var got []string
	for _, n := range report.Notes(r, report.CLI) {
		if strings.Contains(n.Text, "through_shell is") {
			got = append(got, n.Text)
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "started directly") || !strings.Contains(got[0], "shell_subtracted_ns is the shell's start-up") {
		t.Errorf("notes explaining the shell figures: %q, want one saying which commands ran through sh -c and what was subtracted", got)
	}
}
