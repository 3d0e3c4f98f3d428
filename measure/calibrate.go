package measure

import (
	"context"
	"time"
)

// calibrate picks a Loop subject's batch size the way testing.B picks b.N:
// operations under a microsecond are timed in batches grown until one takes
// at least batchGoal, so that the clock's own cost vanishes in the batch.
func (st *subjectState) calibrate(ctx context.Context) error {
	if st.s.Loop == nil || st.openLoop || st.s.Batch == BatchNever {
		return nil
	}
	timeN := func(n int) int64 {
		t0 := Now()
		_ = st.s.Loop(ctx, 0, n) // a failing operation still tells its cost
		return Now() - t0
	}
	d := timeN(1)
	if st.s.Batch == BatchAuto {
		// Take the best of three single operations, so that one cold
		// first call does not decide; a clearly slow one decides at once.
		for i := 0; i < 2 && d < int64(time.Millisecond); i++ {
			d = min(d, timeN(1))
		}
		if d >= tinyOp {
			return ctx.Err()
		}
	}
	grow := func(n int, d int64) int {
		for ctx.Err() == nil {
			if d >= batchGoal {
				// Confirm with the best of two more: a preemption can
				// make one batch look long enough when it is not.
				d = min(d, timeN(n), timeN(n))
				if d >= batchGoal {
					break
				}
			}
			n = predictN(batchGoal, n, d)
			d = timeN(n)
		}
		return n
	}
	n := grow(1, d)
	// The first batches ran on cold caches (a map not yet touched), which
	// makes operations look slower and batches too short: run warm for a
	// while, then grow again from there.
	for t0 := Now(); Now()-t0 < calibrationWarmup && ctx.Err() == nil; {
		timeN(n)
	}
	st.batch = grow(n, timeN(n))
	return ctx.Err()
}

// Calibration bounds.
const (
	// tinyOp is the cost under which BatchAuto batches an operation.
	tinyOp = int64(time.Microsecond)
	// batchGoal is the least time one batch takes.
	batchGoal = int64(10 * time.Microsecond)
	// calibrationWarmup is how long calibration runs an operation before
	// it sizes the batch for good.
	calibrationWarmup = int64(10 * time.Millisecond)
)

// predictN returns the next batch size to try after prevN operations took
// prevNs, as testing.B's predictN does.
func predictN(goalNs int64, prevN int, prevNs int64) int {
	if prevNs <= 0 {
		prevNs = 1 // a coarse clock read zero: assume the least
	}
	// Scale in floating point: multiplying first in integers could
	// overflow, and dividing first would round small counts to 0.
	n := int64(float64(goalNs) * float64(prevN) / float64(prevNs))
	// Overshoot by 1.2x, so that a batch lands past the goal rather than
	// just short of it and needs one more round.
	n += n / 5
	// Grow at most 100x at once, in case the last batch ran fast by chance,
	// and at least by one, so that the loop ends.
	n = min(n, 100*int64(prevN))
	n = max(n, int64(prevN)+1)
	// And never past a billion, so that a batch cannot run for minutes.
	return int(min(n, 1e9))
}
