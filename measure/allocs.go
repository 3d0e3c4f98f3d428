package measure

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
)

// allocsPerOp measures a Loop subject's heap allocations per operation as
// testing.AllocsPerRun does: n operations with GOMAXPROCS at 1, so that no
// other goroutine of the process (a live display, the collector) allocates
// meanwhile. The runtime counts allocations for the whole process, though,
// and another goroutine still runs when this one is preempted or parks (a
// stop of the world to read the counters can leave a preemption pending),
// so the pass is split into allocChunks runs, each counted alone, and the
// median run's figure is the one kept: another goroutine's allocations land
// in a few runs and only raise them. As testing.B reports them, the figures
// are whole allocations and bytes per operation, so that code that does not
// allocate reads 0, not 0.001.
func allocsPerOp(ctx context.Context, loop func(context.Context, int, int) error, n int) (allocs, bytes float64) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	// Start from a collected heap, as testing.B does, so that a
	// collection owed by the repetition does not fall in the pass.
	runtime.GC()
	chunks := min(n, allocChunks)
	counts := make([]allocCount, 0, chunks)
	for i := range chunks {
		ops := n/chunks + btoi(i < n%chunks)
		// Let every goroutine that is ready run now, not inside the
		// count.
		runtime.Gosched()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		_ = loop(ctx, 0, ops) // a failing operation allocates all the same
		runtime.ReadMemStats(&m1)
		counts = append(counts, allocCount{
			allocs: float64(m1.Mallocs-m0.Mallocs) / float64(ops),
			bytes:  float64(m1.TotalAlloc-m0.TotalAlloc) / float64(ops),
		})
	}
	slices.SortFunc(counts, func(a, b allocCount) int { return cmp.Compare(a.allocs, b.allocs) })
	mid := counts[len(counts)/2]
	return math.Floor(mid.allocs), math.Floor(mid.bytes)
}

// allocChunks is how many runs the allocation pass is split into: enough
// that a few disturbed ones leave the median alone, few enough that each
// run averages over many operations.
const allocChunks = 9

// allocCount is one run of the allocation pass, per operation.
type allocCount struct{ allocs, bytes float64 }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
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
	// Whole numbers, as testing.B reports them.
	r.AllocsPerOp = float64((m1.Mallocs - m0.Mallocs) / uint64(r.Ops))
	r.BytesPerOp = float64((m1.TotalAlloc - m0.TotalAlloc) / uint64(r.Ops))
}

// Scopes of a result's allocation figures; see Result.AllocsScope.
const (
	allocsOfOperation = "operation"
	AllocsOfProcess   = "process"
)

// allocsScope says whose allocations countAllocs counts for the subject.
func (st *subjectState) allocsScope() string {
	if st.s.Loop != nil {
		return allocsOfOperation
	}
	return AllocsOfProcess
}
