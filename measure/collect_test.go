package measure

import (
	"context"
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

// TestCancelledRepetitionIsNotCounted cancels a run in the middle of a
// measured repetition: the result holds the finished repetitions only, in
// its operations and percentiles as in its ns/op.
func TestCancelledRepetitionIsNotCounted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, err := Start(ctx, Config{Reps: 50, RepDuration: 20 * time.Millisecond, Interval: 2 * time.Millisecond},
		[]*Subject{{Name: "x", Loop: tinyLoop()}})
	if err != nil {
		t.Fatal(err)
	}
	for s := range r.Snapshots() {
		// Cancel once a measured repetition is under way after others
		// have finished.
		if s.Subjects[0].RepsDone >= 2 && s.Subjects[0].Ops > 0 {
			cancel()
		}
	}
	rep, _ := waitRun(t, r)
	res := rep.Strategies[0]
	var finished int64
	for _, rp := range res.Reps {
		finished += rp.Ops
	}
	if res.Ops != finished || res.Histogram.H.TotalCount() != finished {
		t.Errorf("result has %d ops (histogram %d), want the %d of the %d finished repetitions",
			res.Ops, res.Histogram.H.TotalCount(), finished, len(res.Reps))
	}
}

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
	for _, w := range res.Warnings {
		if w == "open loop: achieved 500/s of the 1000/s target" {
			t.Errorf("warning %q: failed operations were dispatched on time", w)
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
