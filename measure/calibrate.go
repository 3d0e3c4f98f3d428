package measure

import (
	"context"
	"math"
	"time"
)

// calibrate picks a Loop subject's batch size the way testing.B picks b.N:
// operations under a microsecond are timed in batches grown until one takes
// at least batchGoal, so that the clock's own cost vanishes in the batch.
// Both the decision to batch and the size come from warm operations: a
// first call pays for cold caches and page faults, and a process that is
// starting up beside it (the TUI drawing its first frames, the collector
// sweeping its start-up garbage) can slow a few calls tenfold. So the
// fastest of many single operations decides, and the fastest of many warm
// batches sizes: a call can be slowed by chance but never sped up.
func (st *subjectState) calibrate(ctx context.Context) error {
	if st.s.Loop == nil || st.openLoop || st.s.Batch == BatchNever {
		return nil
	}
	timeN := func(n int) int64 {
		t0 := Now()
		_ = st.s.Loop(ctx, 0, n) // a failing operation still tells its cost
		return Now() - t0
	}
	if st.s.Batch == BatchAuto && fastestSingle(ctx, timeN) >= tinyOp {
		return ctx.Err()
	}
	// Grow as testing.B does until one batch takes batchGoal, to learn
	// roughly how many operations that is.
	n, d := 1, timeN(1)
	for ctx.Err() == nil && d < batchGoal {
		n = predictN(batchGoal, n, d)
		d = timeN(n)
	}
	// Then run warm for a while, keeping the fastest time an operation
	// took in a batch, and size the batch from that.
	best := float64(d) / float64(n)
	for t0 := Now(); Now()-t0 < calibrationWarmup && ctx.Err() == nil; {
		best = min(best, float64(timeN(n))/float64(n))
	}
	st.batch = sizeBatch(batchGoal, best)
	return ctx.Err()
}

// fastestSingle times single operations until it has spent singlesFor
// on them (at least minSingles, at most maxSingles of them) and returns
// the fastest. An operation that takes a millisecond or more twice over is
// not tiny, cold or not, and ends the search early: a preemption that
// long is rare, two in a row rarer, and a slow operation timed for 2 ms
// more than it needs would lengthen every run of it.
func fastestSingle(ctx context.Context, timeN func(int) int64) int64 {
	best := int64(math.MaxInt64)
	slow := 0
	for i, t0 := 0, Now(); i < maxSingles && ctx.Err() == nil; i++ {
		d := timeN(1)
		best = min(best, d)
		if d >= int64(time.Millisecond) {
			if slow++; slow >= 2 {
				break
			}
		}
		if i+1 >= minSingles && Now()-t0 >= singlesFor {
			break
		}
	}
	return best
}

// sizeBatch returns the batch that takes goalNs at perOpNs an operation,
// overshot by 1.2x as predictN does, so that a batch lands past the goal,
// and never past a billion operations.
func sizeBatch(goalNs int64, perOpNs float64) int {
	perOpNs = max(perOpNs, 0.01) // a coarse clock read zero: assume the least
	n := math.Ceil(1.2 * float64(goalNs) / perOpNs)
	return int(min(max(n, 1), 1e9))
}

// Calibration bounds.
const (
	// tinyOp is the cost under which BatchAuto batches an operation.
	tinyOp = int64(time.Microsecond)
	// batchGoal is the least time one batch takes.
	batchGoal = int64(10 * time.Microsecond)
	// calibrationWarmup is how long calibration runs warm batches to
	// size the batch for good.
	calibrationWarmup = int64(10 * time.Millisecond)
	// singlesFor is how long calibration times single operations to
	// decide whether to batch; minSingles and maxSingles bound how many.
	singlesFor = int64(2 * time.Millisecond)
	minSingles = 5
	maxSingles = 100000
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
