package measure

import (
	"testing"
	"time"
)

// TestCollectCountsTimeInWhichNothingFinished collects twice in a
// repetition: once with operations, then right after with none. Throughput
// must be the operations over the whole time, the empty span included.
func TestCollectCountsTimeInWhichNothingFinished(t *testing.T) {
	st := newSubjectState(&Subject{Name: "x", Loop: nop}, Config{}.WithDefaults())
	st.runStart = Now()
	st.lastCollect = Now() - int64(time.Second)
	st.recs[0].RecordN(1000, 100)
	st.collect(false, false)
	st.lastCollect -= int64(10 * time.Millisecond) // a short span with nothing finished
	st.collect(false, false)
	if st.repOps != 100 || st.repNs < int64(time.Second+10*time.Millisecond) {
		t.Errorf("repetition has %d ops in %v, want 100 in at least 1.01s", st.repOps, time.Duration(st.repNs))
	}
}

// TestHeldSpan follows the collections of repetitions starting at 0 and
// checks the span each one's operations are counted over. A live collection
// takes what was handed over at the one before, so its operations span the
// interval before; the final one takes all that was held.
func TestHeldSpan(t *testing.T) {
	type collection struct {
		at   int64
		live bool
		ops  int64
		want int64
	}
	tests := []struct {
		name string
		cs   []collection
	}{
		{"one tick, then the end right after it", []collection{
			{at: 100, live: true, ops: 0, want: 0},
			{at: 101, live: false, ops: 1000, want: 101},
		}},
		{"ticks in a row, then the end mid-interval", []collection{
			{at: 100, live: true, ops: 0, want: 0},
			{at: 200, live: true, ops: 900, want: 100},
			{at: 300, live: true, ops: 1100, want: 100},
			{at: 350, live: false, ops: 1500, want: 150},
		}},
		{"a long operation hands nothing over for two ticks", []collection{
			{at: 100, live: true, ops: 0, want: 0},
			{at: 200, live: true, ops: 0, want: 0},
			{at: 300, live: true, ops: 1, want: 200},
			{at: 310, live: false, ops: 1, want: 110},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &subjectState{}
			for i, c := range tt.cs {
				if got := st.heldSpan(c.at, c.live, c.ops); got != c.want {
					t.Errorf("collection %d at %d: span %d, want %d", i, c.at, got, c.want)
				}
				st.lastCollect = c.at
			}
		})
	}
}
