package measure

import "context"

// nop is the empty operation the engine times to measure its own cost: a
// loop with nothing in it, called through a func value as a subject's Loop
// is, so the call is not inlined away.
var nop = func(_ context.Context, _, n int) error {
	for i := 0; i < n; i++ {
	}
	return nil
}

// measureOverhead times the engine's two ways of timing an operation on an
// empty one: per operation (a clock pair, the call and a record) and in a
// batch (the loop, with one clock pair and one record per batch). It takes
// the best of three tries, since what is measured is a floor, not a
// distribution.
func measureOverhead() Overhead {
	ctx := context.Background()
	rec := newRecorder()
	const perOpN, batchN = 20000, 100000
	o := Overhead{PerOp: 1e9, Batched: 1e9}
	for range 3 {
		t0 := Now()
		for range perOpN {
			s := Now()
			_ = nop(ctx, 0, 1)
			rec.Record(Now() - s)
		}
		o.PerOp = min(o.PerOp, float64(Now()-t0)/perOpN)

		s := Now()
		_ = nop(ctx, 0, batchN)
		rec.RecordN((Now()-s)/batchN, batchN)
		o.Batched = min(o.Batched, float64(Now()-s)/batchN)
	}
	return o
}
