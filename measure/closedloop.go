package measure

import (
	"context"
	"sync"
	"sync/atomic"
)

// closedLoop runs cfg.Workers workers, each starting its next operation (or
// batch) when the last one ends.
func (st *subjectState) closedLoop(ctx context.Context, stop *atomic.Bool) {
	var budget int64
	if st.cfg.RepOps > 0 {
		budget = (st.cfg.RepOps + int64(len(st.recs)) - 1) / int64(len(st.recs))
	}
	var wg sync.WaitGroup
	for w, rec := range st.recs {
		wg.Go(func() { st.worker(ctx, w, rec, stop, budget) })
	}
	wg.Wait()
}

// worker is one closed-loop goroutine. It times its operations, or
// batches, until stop is set, ctx ends or it has done its budget of them (0
// is no bound). A failed operation is counted, not timed: a fast failure is
// not a fast operation.
func (st *subjectState) worker(ctx context.Context, w int, rec *Recorder, stop *atomic.Bool, budget int64) {
	loop, n := st.s.Loop, max(1, st.batch)
	// What every call pays that is not the work (a shell's start-up),
	// taken off each call's time; 0 for nearly every subject.
	cost := int64(n) * int64(st.s.Subtract)
	for done := int64(0); !stop.Load() && (budget == 0 || done < budget); {
		t0 := Now()
		err := loop(ctx, w, n)
		took := Now() - t0
		d := max(0, took-cost)
		if err != nil {
			if st.cutShort(ctx, err) {
				if st.s.Interruptible {
					st.over.noteCut(took)
				}
				return
			}
			rec.Fail(err)
			// A failure counts against the budget: an operation that
			// fails at once must not spin until the deadline.
			done += int64(n)
			continue
		}
		if st.batch > 0 {
			// Rounded, not truncated: a batch mean of 2.6 ns is 3, so that
			// the percentiles of nanosecond operations are not biased low.
			rec.RecordN((d+int64(n)/2)/int64(n), int64(n))
		} else {
			rec.Record(d)
		}
		st.over.noteOp(took, int64(st.cfg.RepDuration))
		done += int64(n)
	}
}
