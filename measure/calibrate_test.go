package measure

import "testing"

func TestPredictN(t *testing.T) {
	tests := []struct {
		goal, prevNs int64
		prevN, want  int
	}{
		{10000, 100, 1, 100},   // would be 120, capped at 100x
		{10000, 1000, 10, 120}, // 100 with 1.2x overshoot
		{10000, 9999, 1000, 1200},
		{10000, 0, 1, 100},     // a zero reading counts as 1 ns
		{10000, 20000, 10, 11}, // already past the goal: still grows by one
		{1e12, 1, 1e8, 1e9},    // never past a billion
	}
	for _, tt := range tests {
		if got := predictN(tt.goal, tt.prevN, tt.prevNs); got != tt.want {
			t.Errorf("predictN(%d, %d, %d) = %d, want %d", tt.goal, tt.prevN, tt.prevNs, got, tt.want)
		}
	}
}
