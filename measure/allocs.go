package measure

import (
	"context"
	"runtime"
)

// allocsPerOp measures a Loop subject's heap allocations per operation as
// testing.AllocsPerRun does: n operations in a row with GOMAXPROCS at 1, so
// that no other goroutine of the process (a live display, the collector)
// allocates meanwhile unless the operation itself blocks and lets it run.
func allocsPerOp(ctx context.Context, loop func(context.Context, int, int) error, n int) (allocs, bytes float64) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	_ = loop(ctx, 0, n) // a failing operation allocates all the same
	runtime.ReadMemStats(&m1)
	return float64(m1.Mallocs-m0.Mallocs) / float64(n), float64(m1.TotalAlloc-m0.TotalAlloc) / float64(n)
}

// allocPassShare is the share of a repetition's time that the allocation
// pass after it takes: enough operations to average over, short enough (a
// few milliseconds) that no other goroutine waits long for a processor.
const allocPassShare = 20

// allocPassOps returns how many operations the allocation pass runs after a
// repetition of ops operations by workers workers. The pass runs them on one
// goroutine, so it takes a share of each worker's operations, not of all of
// them: a share of all would take workers/allocPassShare of a repetition,
// longer than the repetition itself past 20 workers.
func allocPassOps(ops int64, workers int) int {
	return int(max(1, ops/(allocPassShare*int64(max(1, workers)))))
}

// countAllocs fills in r's allocations. A Loop subject gets a pass of its
// own after the repetition; a Drive subject owns goroutines that a single
// processor would distort, so its figure is the whole process's allocations
// during the repetition (m0 and m1), which a live display adds to.
func (st *subjectState) countAllocs(ctx context.Context, r *Rep, m0, m1 *runtime.MemStats) {
	if st.s.External || r.Ops == 0 {
		return
	}
	if st.s.Loop != nil {
		r.AllocsPerOp, r.BytesPerOp = allocsPerOp(ctx, st.s.Loop, allocPassOps(r.Ops, len(st.recs)))
		return
	}
	r.AllocsPerOp = float64(m1.Mallocs-m0.Mallocs) / float64(r.Ops)
	r.BytesPerOp = float64(m1.TotalAlloc-m0.TotalAlloc) / float64(r.Ops)
}
