package async

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/semaphore"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// goEach starts n goroutines running f and waits for them, sampling the
// process once all have started, when the batch is at its peak.
func (fx *fixture) goEach(f func(w int)) {
	var wg sync.WaitGroup
	for w := range fx.n {
		wg.Go(func() { f(w) })
	}
	fx.probe.Sample()
	wg.Wait()
}

// locked runs f on the calling goroutine locked to its thread, and never
// unlocks it, so that the thread ends with the goroutine instead of
// returning to the runtime's pool: a new OS thread for every request.
func locked(f func()) {
	runtime.LockOSThread()
	f()
}

func threadPerRequest(fx *fixture, _ lab.Values) (strategy, error) {
	if fx.n > maxThreads {
		return strategy{}, fmt.Errorf("a thread per request for n=%d needs %d OS threads; this lab allows at most %d", fx.n, fx.n, maxThreads)
	}
	return strategy{
		batch: func(ctx context.Context, out sink) {
			fx.goEach(func(w int) { locked(func() { fx.send(ctx, out, w) }) })
		},
		one: func(ctx context.Context) error {
			errc := make(chan error, 1)
			go locked(func() { errc <- fx.target.Call(ctx) })
			return <-errc
		},
	}, nil
}

func goroutinePool(fx *fixture, v lab.Values) (strategy, error) {
	k := v.Int("pool")
	// In the open loop the pool's goroutines live for the strategy's turn
	// and take arrivals from a queue, so that no more than k are sent at
	// once however many arrive.
	var mu sync.Mutex
	var p *callPool
	return strategy{
		goroutines: k,
		batch: func(ctx context.Context, out sink) {
			var next atomic.Int64
			var wg sync.WaitGroup
			for w := range k {
				wg.Go(func() {
					for ctx.Err() == nil && next.Add(1) <= int64(fx.n) {
						fx.send(ctx, out, w)
					}
				})
			}
			fx.probe.Sample()
			wg.Wait()
		},
		one: func(ctx context.Context) error {
			mu.Lock()
			if p == nil {
				p = newCallPool(k, fx.target.Call)
			}
			pool := p
			mu.Unlock()
			return pool.do(ctx)
		},
		leave: func() error {
			mu.Lock()
			defer mu.Unlock()
			if p != nil {
				p.close()
				p = nil
			}
			return nil
		},
	}, nil
}

func fanOut(fx *fixture, _ lab.Values) (strategy, error) {
	return strategy{
		batch: func(ctx context.Context, out sink) {
			fx.goEach(func(w int) { fx.send(ctx, out, w) })
		},
		// The open loop's workers are already a goroutine per request in
		// flight.
		one: fx.target.Call,
	}, nil
}

func withSemaphore(fx *fixture, v lab.Values) (strategy, error) {
	sem := semaphore.NewWeighted(int64(v.Int("sem")))
	return strategy{
		batch: func(ctx context.Context, out sink) {
			fx.goEach(func(w int) {
				if sem.Acquire(ctx, 1) != nil {
					return // cancelled while waiting: nothing was sent
				}
				defer sem.Release(1)
				fx.send(ctx, out, w)
			})
		},
		one: func(ctx context.Context) error {
			if err := sem.Acquire(ctx, 1); err != nil {
				return err
			}
			defer sem.Release(1)
			return fx.target.Call(ctx)
		},
	}, nil
}

// A callPool is k goroutines that run calls taken from one queue.
type callPool struct {
	queue chan poolCall
	wg    sync.WaitGroup
}

type poolCall struct {
	ctx  context.Context
	done chan error
}

func newCallPool(k int, call func(ctx context.Context) error) *callPool {
	p := &callPool{queue: make(chan poolCall)}
	for range k {
		p.wg.Go(func() {
			for c := range p.queue {
				// The goroutine outlives runs: it takes the
				// profiling labels of the call it runs.
				var err error
				measure.WorkFor(c.ctx, func() { err = call(c.ctx) })
				c.done <- err
			}
		})
	}
	return p
}

// do waits for a free goroutine, hands it the call and returns its error.
func (p *callPool) do(ctx context.Context) error {
	c := poolCall{ctx: ctx, done: make(chan error, 1)}
	select {
	case p.queue <- c:
	case <-ctx.Done():
		return ctx.Err()
	}
	return <-c.done
}

func (p *callPool) close() {
	close(p.queue)
	p.wg.Wait()
}
