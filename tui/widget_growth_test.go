package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// TestGrowthCurveDrawsLive runs a sweep of three points in the TUI with the
// growth view on show: the curve appears once two points have finished,
// while the third is measured, not only when the sweep ends.
func TestGrowthCurveDrawsLive(t *testing.T) {
	measuretest.NoLeaks(t)
	m := newTestModel(t, 160, 48)
	spec := labs.Spec{Path: "data-structures/membership", Strategies: []string{"slice", "map"},
		Config: measure.Config{Reps: 2, RepDuration: 20 * time.Millisecond},
		Sweep:  &labs.SweepSpec{Param: "n", Values: []string{"16", "256", "4096"}}}
	m, cmd := m.beginRun(intent{kind: askRun, spec: spec}, stateSetup)
	m = press(m, "4")
	if got := screen(m); !strings.Contains(got, "[4 growth curve]") || !strings.Contains(got, "0 of 3 done") {
		t.Fatalf("the growth view does not say it waits for points:\n%s", got)
	}
	m = drive(t, m, cmd, func(m Model, msg tea.Msg) bool {
		_, ok := msg.(snapshotMsg)
		return ok && m.run.growth != nil && len(m.run.growth.Points) >= 2
	})
	if m.state != stateRun {
		t.Fatalf("the sweep ended before its curve was seen live")
	}
	got := screen(m)
	if strings.Contains(got, "of 3 done") || !strings.Contains(got, "┤") || !strings.Contains(got, "slice") {
		t.Errorf("two points finished and the live growth curve is not drawn:\n%s", got)
	}
	m.active.cancel()
	drive(t, m, waitForSnapshot(m.active.id, m.active.run), func(m Model, msg tea.Msg) bool {
		_, ok := msg.(reportMsg)
		return ok
	})
}
