package measure

import (
	"testing"
	"time"
)

// TestOpenLoopAchievedRateCountsFailedOperations gives an open-loop result
// as many failed operations as successful ones: the rate achieved is of
// operations started, so it counts both.
func TestOpenLoopAchievedRateCountsFailedOperations(t *testing.T) {
	st := newSubjectState(&Subject{Name: "x", Loop: nop}, Config{Rate: 1000}.WithDefaults())
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

// TestRepAllocsIsATypicalRepetitions takes the allocations of a typical
// repetition among those that measured any (an empty one measured
// nothing): one raised by another goroutine's allocations is left out.
func TestRepAllocsIsATypicalRepetitions(t *testing.T) {
	st := newSubjectState(&Subject{Name: "x", Loop: nop}, Config{}.WithDefaults())
	if a, b := st.repAllocs(); a != nil || b != nil {
		t.Errorf("no repetitions: allocs %v, bytes %v; want none", a, b)
	}
	st.reps = []Rep{{Ops: 10, AllocsPerOp: 2, BytesPerOp: 64}, {Ops: 0}, {Ops: 10, AllocsPerOp: 4, BytesPerOp: 128}}
	if a, b := st.repAllocs(); a == nil || *a != 2 || *b != 64 {
		t.Errorf("allocs %v, bytes %v; want 2 and 64, the lower of the two repetitions with operations", a, b)
	}
	st.reps = nil
	for i := range 10 {
		st.reps = append(st.reps, Rep{Ops: 100, AllocsPerOp: 81, BytesPerOp: 4096})
		if i == 3 {
			st.reps[i].AllocsPerOp, st.reps[i].BytesPerOp = 82, 4200
		}
	}
	if a, b := st.repAllocs(); a == nil || *a != 81 || *b != 4096 {
		t.Errorf("allocs %v, bytes %v; want 81 and 4096: one raised repetition of ten is not typical", a, b)
	}
}
