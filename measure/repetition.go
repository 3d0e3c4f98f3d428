package measure

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/pprof"
	"sync/atomic"
	"time"
)

// runRep runs one repetition of the subject, collecting every interval and
// calling publish after each collection. A measured repetition that ends
// without a cancel is kept; the warm-up and a cancelled one count nowhere.
func (st *subjectState) runRep(ctx context.Context, rep int, publish func()) error {
	warm := rep == 0
	var m0, m1 runtime.MemStats
	st.readProcessAllocs(&m0)
	if ok, err := st.enter(ctx); !ok {
		return err
	}
	errs0 := st.beginRep(warm)
	elapsed := st.workAndCollect(ctx, warm, publish)
	st.collect(warm, false)
	st.measuring = false
	st.haveLast = false
	st.readProcessAllocs(&m1)
	if st.fatal != nil {
		publish()
		return fmt.Errorf("%s: %w", st.s.Name, st.fatal)
	}
	if !warm && ctx.Err() == nil {
		st.keepRep(ctx, elapsed, errs0, &m0, &m1)
	}
	publish()
	return nil
}

// readProcessAllocs reads the process's allocation counters into m for a
// Drive subject in this process, whose allocations per operation are the
// process's during the repetition (see countAllocs). Other subjects need
// no reading, which takes a stop of the world.
func (st *subjectState) readProcessAllocs(m *runtime.MemStats) {
	if st.s.Drive != nil && !st.s.External {
		runtime.ReadMemStats(m)
	}
}

// enter runs the subject's Enter, if it has one, before the repetition. It
// returns false when the repetition must not run: with Enter's error, or
// with none when Enter failed because ctx ended, since a cancel is not the
// subject's failure.
func (st *subjectState) enter(ctx context.Context) (ok bool, err error) {
	if st.s.Enter == nil {
		return true, nil
	}
	if err := st.s.Enter(ctx); err != nil {
		if ctx.Err() != nil {
			return false, nil
		}
		return false, fmt.Errorf("%s: %w", st.s.Name, err)
	}
	return true, nil
}

// beginRep clears the figures of the repetition about to start and returns
// the error count it starts from.
func (st *subjectState) beginRep(warm bool) (errs0 int64) {
	errs0 = st.errCount()
	st.rep.Reset()
	if st.openLoop {
		st.svcRep.Reset()
	}
	st.repOps, st.repNs = 0, 0
	st.measuring = !warm
	// Start every repetition from a collected heap, as testing.B starts
	// every run, so that a collection owed by the last subject's garbage
	// does not land in this one's time.
	runtime.GC()
	return errs0
}

// workAndCollect runs the repetition's operations on their own goroutine
// and collects every interval on this one until they return, calling
// publish after each collection. The deadline and a cancel only ask the
// operations to stop: a Drive subject finishes its batch, so the
// repetition's time is measured to when they did. It returns that time. An
// Interruptible subject's operations are cancelled at the deadline, so its
// repetition ends there.
func (st *subjectState) workAndCollect(ctx context.Context, warm bool, publish func()) (elapsed int64) {
	var stop atomic.Bool
	finished := make(chan struct{})
	workCtx, cancelWork := ctx, context.CancelFunc(func() {})
	if st.s.Interruptible {
		workCtx, cancelWork = context.WithCancel(ctx)
	}
	defer cancelWork()
	t0 := Now()
	st.lastCollect, st.heldFrom = t0, t0
	go func() {
		defer close(finished)
		// In a profiling round ctx carries the strategy's label: the work
		// and the goroutines it starts take it, the engine's bookkeeping
		// does not (see profileRep). Elsewhere ctx carries none.
		pprof.SetGoroutineLabels(workCtx)
		st.work(workCtx, &stop)
	}()

	deadline := time.NewTimer(st.repBound(t0))
	defer deadline.Stop()
	tick := time.NewTicker(st.cfg.Interval)
	defer tick.Stop()
	cancelled := ctx.Done()
	for {
		select {
		case <-finished:
			return Now() - t0
		case <-tick.C:
			st.collect(warm, true)
			publish()
		case <-deadline.C:
			stop.Store(true)
			cancelWork()
		case <-cancelled:
			stop.Store(true)
			cancelled = nil
		}
	}
}

// repBound is how long the repetition starting at t0 may last: its
// duration, or what is left of the run's budget if that is less, so that a
// warm-up or a round longer than the budget does not outlast it. A Go call
// in flight at the bound still runs to its end; an Interruptible subject's
// is cut.
func (st *subjectState) repBound(t0 int64) time.Duration {
	if st.budgetEnd == 0 {
		return st.cfg.RepDuration
	}
	return max(0, min(st.cfg.RepDuration, time.Duration(st.budgetEnd-t0)))
}

// cutShort says a failed operation was ended by ctx rather than failed: any
// failure once ctx has ended, except that an Interruptible subject's
// repetition is cut at its bound while the server may still answer, so only
// the context's own error is its cut; a 500 that arrived as the bound passed
// is a failure, as the subject counted it.
func (st *subjectState) cutShort(ctx context.Context, err error) bool {
	if ctx.Err() == nil {
		return false
	}
	return !st.s.Interruptible || errors.Is(err, ctx.Err())
}

// keepRep adds a finished measured repetition to the subject's totals and
// keeps its Rep, with its errors counted from errs0 and its allocations.
func (st *subjectState) keepRep(ctx context.Context, elapsed, errs0 int64, m0, m1 *runtime.MemStats) {
	st.cum.Merge(st.rep)
	st.measOps += st.repOps
	st.measNs += st.repNs
	if st.s.Span != nil {
		if span := st.s.Span(); span > 0 {
			st.measNs += int64(span) - st.repNs
		}
	}
	if st.openLoop {
		st.svcCum.Merge(st.svcRep)
	}
	st.open.Late += st.repLate
	st.open.Dropped += st.repDropped
	r := Rep{
		Ops:       st.rep.TotalCount(),
		ElapsedNs: elapsed,
		Errors:    st.errCount() - errs0,
	}
	st.countAllocs(ctx, &r, m0, m1)
	if r.Ops > 0 {
		r.NsPerOp = float64(elapsed) / float64(r.Ops)
		if sub := float64(st.s.Subtract); sub > 0 && !st.openLoop {
			// A repetition that took less than the cost subtracted is
			// noise around nothing; 1 ns keeps its ratios defined.
			r.NsPerOp = max(1, r.NsPerOp-sub)
		}
		if st.s.NsPerOp != nil {
			r.NsPerOp = st.s.NsPerOp()
		}
		if st.openLoop {
			// The rate is fixed, so ops per second says nothing:
			// compare the mean response time instead.
			r.NsPerOp = st.rep.Mean()
		}
	}
	st.reps = append(st.reps, r)
	if st.s.LiveMetrics && st.s.Metrics != nil {
		st.live = st.s.Metrics()
	}
}

// work runs the repetition's operations until stop is set or ctx ends.
func (st *subjectState) work(ctx context.Context, stop *atomic.Bool) {
	switch {
	case st.s.Drive != nil:
		st.drive(ctx, stop)
	case st.openLoop:
		st.runOpenLoop(ctx, stop)
	default:
		st.closedLoop(ctx, stop)
	}
}
