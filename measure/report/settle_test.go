package report

import (
	"math"
	"testing"
)

// TestSettledHoldsThroughASwing feeds the swing a walkthrough saw (219, 382
// and 85 rounds within 0.6 s) and what came after: the shown estimate stays
// put through the swing and through drifts under a fifth, and follows a
// move that lasts.
func TestSettledHoldsThroughASwing(t *testing.T) {
	var s Settled
	if got := s.Add(0); got != 0 {
		t.Errorf("no estimate yet: shows %v, want 0", got)
	}
	steps := []struct {
		v, want float64
	}{
		{219, 219},
		{382, 219}, // a swing up: the median is still 219
		{85, 219},  // and down
		{230, 219},
		{240, 219}, // a drift under a fifth
		{250, 219}, // the median is 230, within a fifth of 219
		{math.NaN(), 219},
		{90, 219},
		{90, 219}, // three of the last seven
		{90, 90},  // four: the move lasts
	}
	for i, st := range steps {
		if got := s.Add(st.v); got != st.want {
			t.Errorf("step %d: after %v shows %v, want %v", i, st.v, got, st.want)
		}
	}
	if s.Value() != 90 {
		t.Errorf("Value = %v, want 90", s.Value())
	}
}
