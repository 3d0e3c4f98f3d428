package threads

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// A pool is k long-lived workers that share out batches of tasks. Locked
// workers each hold an OS thread of their own for their whole life, as the
// threads of a classic thread pool do: while a locked worker waits, its
// thread waits with it and runs nothing else.
type pool struct {
	inbox []chan *batch
	wg    sync.WaitGroup
	once  sync.Once
}

// A batch is n tasks that the workers take one at a time until none is left.
type batch struct {
	ctx  context.Context
	n    int64
	next atomic.Int64
	task func(ctx context.Context, w int)
	done sync.WaitGroup
}

// newPool starts k workers; locked ones lock their goroutine to its thread.
func newPool(k int, locked bool) *pool {
	p := &pool{inbox: make([]chan *batch, k)}
	for w := range p.inbox {
		in := make(chan *batch, 1)
		p.inbox[w] = in
		p.wg.Go(func() {
			if locked {
				// Never unlocked: when the worker ends, its thread
				// ends with it instead of returning to the runtime.
				runtime.LockOSThread()
			}
			for b := range in {
				b.run(w)
			}
		})
	}
	return p
}

// size returns the number of workers.
func (p *pool) size() int { return len(p.inbox) }

// run hands every worker the batch of n tasks and waits until the batch is
// done or ctx ends; task gets the index of the worker that runs it, so that
// it can record into that worker's own recorder.
func (p *pool) run(ctx context.Context, n int, task func(ctx context.Context, w int)) {
	b := &batch{ctx: ctx, n: int64(n), task: task}
	b.done.Add(len(p.inbox))
	for _, in := range p.inbox {
		in <- b
	}
	b.done.Wait()
}

func (b *batch) run(w int) {
	defer b.done.Done()
	for b.ctx.Err() == nil && b.next.Add(1) <= b.n {
		b.task(b.ctx, w)
	}
}

// close stops the workers and waits for them to end.
func (p *pool) close() error {
	p.once.Do(func() {
		for _, in := range p.inbox {
			close(in)
		}
	})
	p.wg.Wait()
	return nil
}

// sequential runs n tasks one after another on the calling goroutine, as
// worker 0.
func sequential(ctx context.Context, n int, task func(ctx context.Context, w int)) {
	for i := 0; i < n && ctx.Err() == nil; i++ {
		task(ctx, 0)
	}
}
