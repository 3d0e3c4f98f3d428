package tui

import (
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/measure"
)

// TestRunScreenExplainsTheIntervalBar shows a run with an interval bar
// under its table at both sizes: a legend line says what its marks mean,
// and the README explains the bar too.
func TestRunScreenExplainsTheIntervalBar(t *testing.T) {
	for _, size := range []tea.WindowSizeMsg{tea80x24, tea160x48} {
		m := update(runningModel(t, 1), size)
		snap := syntheticSnapshot(3, 10)
		snap.Compare = []measure.Comparison{
			{Speedup: 1.1, SpeedupLo: 1.05, SpeedupHi: 1.2, N: [2]int{3, 3}, Verdict: measure.Inconclusive, Margin: 0.05},
			{Speedup: 1, SpeedupLo: 0.98, SpeedupHi: 1.02, N: [2]int{3, 3}, Verdict: measure.Inconclusive, Margin: 0.05},
		}
		m = update(m, snapshotMsg{id: 1, snap: snap})
		got := screen(m)
		if !strings.Contains(got, "|") || !strings.Contains(got, "=") || !strings.Contains(got, "[") {
			t.Fatalf("%dx%d: no interval bar on the run screen:\n%s", size.Width, size.Height, got)
		}
		if want := "bar 0.85–1.15x: | no change · - within ±5% (~) · = interval so far"; !strings.Contains(got, want) {
			t.Errorf("%dx%d: the run screen lacks the bar's legend %q:\n%s", size.Width, size.Height, want, got)
		}
		checkFits(t, "run screen with interval bars", m.View(), size.Width, size.Height)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "`[·····---|---····=]`") || !strings.Contains(string(readme), "`=` covers the interval so far") {
		t.Error("the README does not explain the live interval bar")
	}
}
