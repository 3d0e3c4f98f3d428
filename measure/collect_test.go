package measure

import (
	"testing"
	"time"
)

// TestCollectCountsTimeInWhichNothingFinished collects twice in a measured
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
	if st.measOps != 100 || st.measNs < int64(time.Second+10*time.Millisecond) {
		t.Errorf("measured %d ops in %v, want 100 in at least 1.01s", st.measOps, time.Duration(st.measNs))
	}
	if st.collect(true, false); st.measNs > int64(2*time.Second) {
		t.Errorf("a warm-up collection added to the measured time: %v", time.Duration(st.measNs))
	}
}
