package measure

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

// runRep runs one repetition of the subject, collecting every interval and
// calling publish after each collection.
func (st *subjectState) runRep(ctx context.Context, rep int, publish func()) error {
	warm := rep == 0
	var m0, m1 runtime.MemStats
	if st.s.Drive != nil && !st.s.External {
		runtime.ReadMemStats(&m0)
	}
	if st.s.Enter != nil {
		if err := st.s.Enter(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("%s: %w", st.s.Name, err)
		}
	}
	errs0 := st.errCount()
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

	var stop atomic.Bool
	finished := make(chan struct{})
	t0 := Now()
	st.lastCollect = t0
	go func() {
		defer close(finished)
		st.work(ctx, &stop)
	}()

	deadline := time.NewTimer(st.cfg.RepDuration)
	defer deadline.Stop()
	tick := time.NewTicker(st.cfg.Interval)
	defer tick.Stop()
	cancelled := ctx.Done()
wait:
	for {
		select {
		case <-finished:
			break wait
		case <-tick.C:
			st.collect(warm, true)
			publish()
		case <-deadline.C:
			stop.Store(true)
		case <-cancelled:
			stop.Store(true)
			cancelled = nil
		}
	}
	elapsed := Now() - t0
	st.collect(warm, false)
	st.measuring = false
	st.haveLast = false
	if st.s.Drive != nil && !st.s.External {
		runtime.ReadMemStats(&m1)
	}
	if !warm && ctx.Err() == nil {
		st.cum.Merge(st.rep)
		st.measOps += st.repOps
		st.measNs += st.repNs
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
		st.countAllocs(ctx, &r, &m0, &m1)
		if r.Ops > 0 {
			r.NsPerOp = float64(elapsed) / float64(r.Ops)
			if st.openLoop {
				// The rate is fixed, so ops per second says nothing:
				// compare the mean response time instead.
				r.NsPerOp = st.rep.Mean()
			}
		}
		st.reps = append(st.reps, r)
	}
	publish()
	return nil
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
