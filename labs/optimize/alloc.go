package optimize

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// allocWorkload builds a slice of n records three ways that differ only in
// where the slice's memory comes from.
func allocWorkload() *lab.Workload {
	return &lab.Workload{
		ID:    "allocs",
		Title: "Build n records",
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "1000", Min: "1", Max: "1000000", Help: "records built per operation"},
		},
		// Each strategy builds memory only: fresh instances every block.
		Fresh: true,
		Strategies: []lab.Strategy{
			{ID: "append", Title: "append, no capacity", Help: "append to a nil slice: it grows by reallocating and copying", New: newAppendBuild},
			{ID: "prealloc", Title: "preallocated", Help: "make([]record, 0, n): one allocation of the right size", New: newPreallocBuild},
			{ID: "pool", Title: "sync.Pool buffer", Help: "reuse a slice from a sync.Pool: no allocation in a steady state", New: newPoolBuild},
		},
	}
}

// A record is one row of the result: 32 bytes.
type record struct {
	ID    int64
	Price int64 // in cents
	Qty   int32
	Kind  int32
	Stamp int64
}

// makeRecord returns record i, computed from i alone, so every strategy
// builds the very same records.
func makeRecord(i int) record {
	x := uint64(i)*0x9E3779B97F4A7C15 + 1
	return record{
		ID:    int64(i),
		Price: int64(x % 100_000),
		Qty:   int32(x>>20%50) + 1,
		Kind:  int32(x >> 40 % 4),
		Stamp: 1_700_000_000 + int64(x>>24%86_400),
	}
}

// buildAppend appends n records to a nil slice.
func buildAppend(n int) []record {
	var recs []record
	for i := range n {
		recs = append(recs, makeRecord(i))
	}
	return recs
}

// buildInto appends n records to recs, which has room for them when it
// comes preallocated or from the pool.
func buildInto(recs []record, n int) []record {
	for i := range n {
		recs = append(recs, makeRecord(i))
	}
	return recs
}

// total reads the records once, as the caller of a builder would: the sum
// of price times quantity.
func total(recs []record) int64 {
	var t int64
	for i := range recs {
		t += recs[i].Price * int64(recs[i].Qty)
	}
	return t
}

// The three builds, each returning the total of the records it built.
func appendTotal(n int) int64   { return total(buildAppend(n)) }
func preallocTotal(n int) int64 { return total(buildInto(make([]record, 0, n), n)) }

// newPoolTotal returns a build that takes its slice from a pool of its own
// and puts it back when done.
func newPoolTotal() func(n int) int64 {
	// The pool holds pointers to slices: putting a slice itself into the
	// pool would allocate its header on every Put.
	pool := &sync.Pool{New: func() any { return new([]record) }}
	return func(n int) int64 {
		buf := pool.Get().(*[]record)
		recs := buildInto((*buf)[:0], n)
		t := total(recs)
		*buf = recs
		pool.Put(buf)
		return t
	}
}

func newAppendBuild(env *lab.Env) (*measure.Subject, error) {
	return builds(env.Params.Int("n"), appendTotal), nil
}

func newPreallocBuild(env *lab.Env) (*measure.Subject, error) {
	return builds(env.Params.Int("n"), preallocTotal), nil
}

func newPoolBuild(env *lab.Env) (*measure.Subject, error) {
	return builds(env.Params.Int("n"), newPoolTotal()), nil
}

// builds makes a subject of one build of n records per operation. Builds
// share nothing (the pool is safe for concurrent use), so any number of
// workers may run them at once.
func builds(n int, build func(n int) int64) *measure.Subject {
	var sink atomic.Int64
	return &measure.Subject{
		Loop: func(ctx context.Context, _, ops int) error {
			var t int64
			for range ops {
				t += build(n)
			}
			// Keep the totals, so that the builds cannot be dropped.
			sink.Store(t)
			return ctx.Err()
		},
	}
}
