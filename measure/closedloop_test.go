package measure

import (
	"context"
	"testing"
	"time"
)

// TestClosedLoopRepetitionEndsAtItsOperationBound shares an operation bound
// among three workers, with a time bound the run would never reach.
func TestClosedLoopRepetitionEndsAtItsOperationBound(t *testing.T) {
	cfg := Config{Reps: 2, RepDuration: time.Hour, RepOps: 30, Workers: 3}
	rep := runToEnd(t, cfg, []*Subject{{Name: "bounded", Loop: tinyLoop(), Batch: BatchNever}})
	for i, r := range rep.Strategies[0].Reps {
		if r.Ops != 30 {
			t.Errorf("rep %d: %d operations, want the bound of 30", i, r.Ops)
		}
	}
}

// TestClosedLoopSubtractsAFixedCost runs operations of at least 2 ms with
// 1 ms to subtract, and with an hour, which no operation reaches: every
// figure of the work is the time less the cost, never below zero, while
// throughput stays of wall time.
func TestClosedLoopSubtractsAFixedCost(t *testing.T) {
	sleep := func(ctx context.Context, _, n int) error {
		for range n {
			time.Sleep(2 * time.Millisecond)
		}
		return nil
	}
	cfg := Config{Reps: 3, RepDuration: time.Hour, RepOps: 3}
	rep := runToEnd(t, cfg, []*Subject{
		{Name: "ms", Loop: sleep, Batch: BatchNever, Subtract: time.Millisecond},
		{Name: "hour", Loop: sleep, Batch: BatchNever, Subtract: time.Hour},
	})
	ms, hour := rep.Strategies[0], rep.Strategies[1]
	if ms.P50Ns < int64(time.Millisecond) {
		t.Errorf("ms: p50 %d ns, want at least the 1 ms left of a 2 ms sleep", ms.P50Ns)
	}
	for i, r := range ms.Reps {
		if want := float64(r.ElapsedNs)/float64(r.Ops) - float64(time.Millisecond); r.NsPerOp != want {
			t.Errorf("ms rep %d: ns/op %.0f, want elapsed/ops less 1 ms, %.0f", i, r.NsPerOp, want)
		}
	}
	if hour.MaxNs > 1 || hour.NsPerOp.Median != 1 {
		t.Errorf("hour: max %d ns, ns/op %.0f; want every operation at 0 (the histogram keeps 1 ns at least) and each repetition at the floor of 1 ns", hour.MaxNs, hour.NsPerOp.Median)
	}
	if hour.Throughput <= 0 || hour.Throughput > 1000 {
		t.Errorf("hour: throughput %.0f/s, want that of 2 ms operations in wall time, at most 500/s", hour.Throughput)
	}
}
