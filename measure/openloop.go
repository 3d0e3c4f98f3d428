package measure

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// maxNap is the longest the dispatcher sleeps before it looks at stop again.
const maxNap = int64(10 * time.Millisecond)

// lateAfter is how far past its intended start an operation may begin before
// it counts as late.
const lateAfter = int64(time.Millisecond)

// A pacer spaces operations evenly at a fixed rate.
type pacer struct {
	periodNs float64
}

func newPacer(rate float64) pacer { return pacer{periodNs: 1e9 / rate} }

// at returns the intended start of operation i, from the loop's start.
func (p pacer) at(i int64) int64 { return int64(float64(i) * p.periodNs) }

// due returns how many operations are due by elapsed: those whose intended
// start is at or before it.
func (p pacer) due(elapsed int64) int64 {
	if elapsed < 0 {
		return 0
	}
	return int64(float64(elapsed)/p.periodNs) + 1
}

// clock is what the dispatcher needs of time, so that a test can run it on
// a fake one.
type clock interface {
	Now() int64
	Sleep(d time.Duration)
}

type realClock struct{}

func (realClock) Now() int64            { return Now() }
func (realClock) Sleep(d time.Duration) { time.Sleep(d) }

// dispatch offers operations to send at their intended start times until
// stop is set or, if limit is positive, limit operations were offered.
// After a late wake-up it sends every operation that fell due meanwhile at
// once, each stamped with its own intended start, so that the delay is
// charged to latency instead of silently thinning the load. send returns
// false when no worker can take the operation: it is dropped.
//
// The bound holds whatever the rate: stop is looked at before every offer,
// so a rate the machine cannot serve does not keep the dispatcher offering
// the backlog of a whole repetition after its end. The operations that fell
// due before the stop and were never offered count as dropped too, so that
// the shortfall against the target shows in full.
func dispatch(c clock, p pacer, stop *atomic.Bool, limit int64, send func(intended int64) bool) (sent, dropped int64) {
	start := c.Now()
	var i int64
	for !stop.Load() {
		due := p.due(c.Now() - start)
		if limit > 0 {
			due = min(due, limit)
		}
		for ; i < due && !stop.Load(); i++ {
			if send(start + p.at(i)) {
				sent++
			} else {
				dropped++
			}
		}
		if limit > 0 && i >= limit {
			return sent, dropped
		}
		if wait := start + p.at(i) - c.Now(); wait > 0 && !stop.Load() {
			// Sleep in slices, so that a stop at a low rate is seen
			// within maxNap rather than a whole period later.
			c.Sleep(time.Duration(min(wait, maxNap)))
		}
	}
	due := p.due(c.Now() - start)
	if limit > 0 {
		due = min(due, limit)
	}
	return sent, dropped + max(0, due-i)
}

// runOpenLoop runs one repetition of an open loop: a dispatcher at the
// configured rate feeds a queue that cfg.Workers workers serve. Response time
// is counted from each operation's intended start, so a stall that delays
// the operations queued behind it shows in their latency (the correction for
// coordinated omission); service time is counted from the actual start.
func (st *subjectState) runOpenLoop(ctx context.Context, stop *atomic.Bool) {
	// The queue holds up to a second of arrivals, so that a stalled
	// backend shows as queueing latency rather than as dropped work.
	queue := make(chan int64, min(max(1024, int(st.cfg.Rate)), 1<<16))
	var late, unserved atomic.Int64
	var wg sync.WaitGroup
	for w := range st.recs {
		resp, svc := st.recs[w], st.svc[w]
		wg.Go(func() {
			var myLate int64
			for intended := range queue {
				// What is still queued when the repetition ends was
				// never started: it is dropped, not served past the
				// bound, which at a rate beyond the machine would
				// take as long as the backlog is deep.
				if stop.Load() || ctx.Err() != nil {
					unserved.Add(1)
					continue
				}
				s0 := Now()
				if s0-intended > lateAfter {
					myLate++
				}
				err := st.s.Loop(ctx, w, 1)
				end := Now()
				if err != nil {
					if !st.cutShort(ctx, err) {
						resp.Fail(err)
					} else if st.s.Interruptible {
						st.over.noteCut(end - s0)
					}
					continue
				}
				st.over.noteOp(end-s0, int64(st.cfg.RepDuration))
				resp.Record(end - intended)
				svc.Record(end - s0)
			}
			late.Add(myLate)
		})
	}
	_, dropped := dispatch(realClock{}, newPacer(st.cfg.Rate), stop, st.cfg.RepOps, func(intended int64) bool {
		select {
		case queue <- intended:
			return true
		default:
			return false
		}
	})
	close(queue)
	wg.Wait()
	st.repLate, st.repDropped = late.Load(), dropped+unserved.Load()
}
