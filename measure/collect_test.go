package measure

import (
	"testing"
	"time"
)

// TestCollectCountsTimeInWhichNothingFinished collects twice in a
// repetition: once with operations, then right after with none. Throughput
// must be the operations over the whole time, the empty span included.
func TestCollectCountsTimeInWhichNothingFinished(t *testing.T) {
	st := newSubjectState(&Subject{Name: "x", Loop: nop}, Config{}.withDefaults())
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
