package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// TestRunScreenSettlesTheEstimate feeds the run screen the swing a
// walkthrough saw, 219, 382 and 85 rounds planned within 0.6 s, with the
// total time swinging alike: the header keeps saying 219 rounds and the
// time left only counts down, at both sizes.
func TestRunScreenSettlesTheEstimate(t *testing.T) {
	for _, size := range []tea.WindowSizeMsg{tea80x24, tea160x48} {
		m := update(runningModel(t, 1), size)
		m.run.started()
		var lefts []string
		for i, reps := range []int{219, 382, 85, 230, 219} {
			snap := syntheticSnapshot(3, 10)
			snap.Rep, snap.Reps = 3+i, reps
			snap.Elapsed = time.Duration(10+i) * time.Second
			snap.Estimate = time.Duration(reps) * time.Second / 10
			m = update(m, snapshotMsg{id: 1, snap: snap})
			got := screen(m)
			if want := fmt.Sprintf("rep %d/219", 3+i); !strings.Contains(got, want) {
				t.Errorf("%dx%d: after an estimate of %d rounds the header lacks %q:\n%s", size.Width, size.Height, reps, want, strings.SplitN(got, "\n", 2)[0])
			}
			lefts = append(lefts, leftOf(got))
		}
		want := []string{"11.9s left", "10.9s left", "9.9s left", "8.9s left", "7.9s left"}
		if strings.Join(lefts, ",") != strings.Join(want, ",") {
			t.Errorf("%dx%d: the time left reads %v, want %v", size.Width, size.Height, lefts, want)
		}
	}
}

// leftOf returns the "… left" of a run screen's progress line.
func leftOf(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if i := strings.Index(l, " left"); i >= 0 && strings.Contains(l, "elapsed") {
			f := strings.Fields(l[:i])
			return f[len(f)-1] + " left"
		}
	}
	return ""
}
