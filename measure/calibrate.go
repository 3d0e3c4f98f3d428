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
// fastest of many small batches decides (see typicalOp), and the fastest
// of many warm batches sizes: a batch can be slowed by chance but never
// sped up.
func (st *subjectState) calibrate(ctx context.Context) error {
	if st.s.Loop == nil || st.openLoop || st.s.Batch == BatchNever {
		return nil
	}
	timeN := func(n int) int64 {
		t0 := Now()
		_ = st.s.Loop(ctx, 0, n) // a failing operation still tells its cost
		return Now() - t0
	}
	if st.s.Batch == BatchAuto && typicalOp(ctx, timeN) >= float64(tinyOp) {
		return ctx.Err()
	}
	// Grow as testing.B does until one batch takes batchGoal, to learn
	// roughly how many operations that is; then size the batch from warm
	// batches of that many (see warmBest). A batch that reached batchGoal
	// only because it was disturbed (preempted on a loaded machine, or
	// slowed by a collection) would stop the growth too early, and warm
	// batches of too few operations time mostly the clock and the call:
	// sized from them, the batch came out tens of times too small. So the
	// growth stops only at two batches in a row that take batchGoal, and
	// when the warm batches still take under half of it, the growth
	// starts again from the batch the warm figure asks for.
	n, best := 1, 0.0
	for range calibrationPasses {
		n = grow(ctx, timeN, n)
		best = warmBest(ctx, timeN, n)
		if best*float64(n) >= float64(batchGoal)/2 || ctx.Err() != nil {
			break
		}
		n = sizeBatch(batchGoal, best)
	}
	st.batch = sizeBatch(batchGoal, best)
	return ctx.Err()
}

// grow returns how many operations from n on take batchGoal in a batch,
// as testing.B grows b.N, stopping at two batches in a row that do: two
// disturbances that long in a row are rare.
func grow(ctx context.Context, timeN func(int) int64, n int) int {
	for d := timeN(n); ctx.Err() == nil; d = timeN(n) {
		if d >= batchGoal {
			if d = timeN(n); d >= batchGoal {
				return n
			}
		}
		n = predictN(batchGoal, n, d)
	}
	return n
}

// warmBest runs batches of n operations warm for a while and returns the
// fastest time an operation took in one. "A while" is a time and a count:
// a process descheduled for the whole time on a loaded machine would
// otherwise keep a batch or two, cold or disturbed.
func warmBest(ctx context.Context, timeN func(int) int64, n int) float64 {
	best := math.Inf(1)
	for i, t0 := 0, Now(); (i < minWarmBatches || Now()-t0 < calibrationWarmup) && ctx.Err() == nil; i++ {
		best = min(best, float64(timeN(n))/float64(n))
	}
	return best
}

// typicalOp returns the cost of an operation, in ns, as calibration
// decides by it: the fastest mean of many small batches of probeBatch
// operations, timed for probeFor (at least minProbes of them). The mean of
// a small batch is a typical operation's cost, where one operation's may
// be anything: a lookup that finds its key first in a slice is as fast as
// a map's, and it must not make the scan look tiny. The fastest of many is
// a warm, undisturbed one. An operation that takes slowOp or more twice in
// a row is not tiny, cold or not, and is not timed more: two disturbances
// that long in a row are rare, and a slow operation timed sixteen times
// over would lengthen every run of it.
func typicalOp(ctx context.Context, timeN func(int) int64) float64 {
	if d := timeN(1); d >= slowOp {
		if d2 := timeN(1); d2 >= slowOp {
			return float64(min(d, d2))
		}
	}
	best := math.Inf(1)
	for i, t0 := 0, Now(); ctx.Err() == nil; i++ {
		best = min(best, float64(timeN(probeBatch))/probeBatch)
		if i+1 >= minProbes && Now()-t0 >= probeFor {
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
	// size the batch for good, and minWarmBatches the fewest it runs: at
	// about batchGoal each, a millisecond of them, within the time
	// unless the machine is busy.
	calibrationWarmup = int64(10 * time.Millisecond)
	minWarmBatches    = 100
	// calibrationPasses bounds how many times calibration grows the
	// batch and runs it warm: once, unless disturbed.
	calibrationPasses = 3
	// probeFor is how long calibration times small batches of
	// probeBatch operations to decide whether to batch, minProbes the
	// fewest it times; slowOp is the cost past which an operation timed
	// twice is not tiny without more ado.
	probeFor   = int64(2 * time.Millisecond)
	probeBatch = 16
	minProbes  = 5
	slowOp     = 64 * tinyOp
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
