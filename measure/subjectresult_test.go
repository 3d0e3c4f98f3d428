package measure

import (
	"testing"
	"time"
)

// TestOpenLoopAchievedRateCountsFailedOperations gives an open-loop result
// as many failed operations as successful ones: the rate achieved is of
// operations started, so it counts both.
func TestOpenLoopAchievedRateCountsFailedOperations(t *testing.T) {
	st := newSubjectState(&Subject{Name: "x", Loop: nop}, Config{Rate: 1000}.withDefaults())
	st.measOps, st.measNs = 500, int64(time.Second)
	st.reps = []Rep{{Ops: 500, Errors: 500, ElapsedNs: int64(time.Second), NsPerOp: 1000}}
	res := st.result()
	if res.OpenLoop == nil || res.OpenLoop.AchievedRate != 1000 {
		t.Fatalf("open loop = %+v, want 1000/s achieved: 500 successes and 500 failures in 1s", res.OpenLoop)
	}
	for _, f := range res.Findings {
		if f.Kind == FindingRateMissed {
			t.Errorf("finding %+v: failed operations were dispatched on time", f)
		}
	}
}

// TestMeanAllocsSkipsRepetitionsWithoutOperations averages allocations over
// the repetitions that measured any: an empty one measured nothing.
func TestMeanAllocsSkipsRepetitionsWithoutOperations(t *testing.T) {
	st := newSubjectState(&Subject{Name: "x", Loop: nop}, Config{}.withDefaults())
	if a, b := st.meanAllocs(); a != nil || b != nil {
		t.Errorf("no repetitions: allocs %v, bytes %v; want none", a, b)
	}
	st.reps = []Rep{{Ops: 10, AllocsPerOp: 2, BytesPerOp: 64}, {Ops: 0}, {Ops: 10, AllocsPerOp: 4, BytesPerOp: 128}}
	if a, b := st.meanAllocs(); a == nil || *a != 3 || *b != 96 {
		t.Errorf("allocs %v, bytes %v; want 3 and 96 from the two repetitions with operations", a, b)
	}
}
