package threads

import (
	"context"
	"sync/atomic"
	"testing"
)

func TestPoolRunsEveryTaskOnce(t *testing.T) {
	for _, locked := range []bool{false, true} {
		p := newPool(4, locked)
		var ran atomic.Int64
		for range 3 {
			p.run(context.Background(), 100, func(context.Context, int) { ran.Add(1) })
		}
		if err := p.close(); err != nil {
			t.Fatal(err)
		}
		if got, want := ran.Load(), int64(300); got != want {
			t.Errorf("locked=%v: ran %d tasks, want %d", locked, got, want)
		}
	}
}

func TestPoolStopsOnCancel(t *testing.T) {
	p := newPool(2, false)
	defer p.close()
	ctx, cancel := context.WithCancel(context.Background())
	var ran, atCancel atomic.Int64
	p.run(ctx, 1000, func(context.Context, int) {
		if ran.Add(1) == 10 {
			cancel()
			atCancel.Store(ran.Load())
		}
	})
	// Other workers go on while cancel runs, so count from when it
	// returned: from then on each worker may finish only the task it holds.
	if got, limit := ran.Load(), atCancel.Load()+int64(p.size()); got > limit {
		t.Errorf("ran %d tasks, %d when the cancel returned: want at most %d", got, atCancel.Load(), limit)
	}
}

// TestPoolGivesEachWorkerItsIndex checks that each worker of a pool runs its
// tasks under its own index, the one that picks its own recorder.
func TestPoolGivesEachWorkerItsIndex(t *testing.T) {
	const k = 4
	p := newPool(k, false)
	defer p.close()
	var seen [k]atomic.Int64
	p.run(context.Background(), 1000, func(_ context.Context, w int) { seen[w].Add(1) })
	total := int64(0)
	for w := range seen {
		total += seen[w].Load()
	}
	if total != 1000 {
		t.Errorf("the workers ran %d tasks under indexes 0..%d, want 1000", total, k-1)
	}
}

func TestSequentialRunsEveryTask(t *testing.T) {
	n := 0
	sequential(context.Background(), 5, func(context.Context, int) { n++ })
	if n != 5 {
		t.Errorf("ran %d tasks, want 5", n)
	}
}

func TestItersForScales(t *testing.T) {
	a, b := itersFor(10_000), itersFor(20_000)
	if a <= 0 || b < 2*a-1 || b > 2*a+1 {
		t.Errorf("itersFor(10µs)=%d, itersFor(20µs)=%d: want positive and doubling", a, b)
	}
}
