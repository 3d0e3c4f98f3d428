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
		var byWorker [4]atomic.Int64
		for range 3 {
			p.run(context.Background(), 100, func(_ context.Context, w int) {
				ran.Add(1)
				byWorker[w].Add(1)
			})
		}
		if err := p.close(); err != nil {
			t.Fatal(err)
		}
		if got, want := ran.Load(), int64(300); got != want {
			t.Errorf("locked=%v: ran %d tasks, want %d", locked, got, want)
		}
		var sum int64
		for w := range byWorker {
			sum += byWorker[w].Load()
		}
		if sum != 300 {
			t.Errorf("locked=%v: worker counts sum to %d, want 300", locked, sum)
		}
	}
}

func TestPoolStopsOnCancel(t *testing.T) {
	p := newPool(2, false)
	defer p.close()
	ctx, cancel := context.WithCancel(context.Background())
	var ran atomic.Int64
	p.run(ctx, 1000, func(ctx context.Context, _ int) {
		if ran.Add(1) == 10 {
			cancel()
		}
	})
	// Each worker may finish the task it holds when the cancel lands.
	if got := ran.Load(); got > 12 {
		t.Errorf("ran %d tasks after cancelling at 10, want at most 12", got)
	}
}

func TestSequentialRunsInOrderOnWorkerZero(t *testing.T) {
	n := 0
	sequential(context.Background(), 5, func(_ context.Context, w int) {
		if w != 0 {
			t.Errorf("worker %d, want 0", w)
		}
		n++
	})
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
