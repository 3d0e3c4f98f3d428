package threads

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/perflab/perflab/measure"
)

// A pool is k long-lived workers that share out batches of tasks. Locked
// workers each hold an OS thread of their own for their whole life, as the
// threads of a classic thread pool do: while a locked worker waits, its
// thread waits with it and runs nothing else. A worker takes the profiling
// labels of the batch it runs (measure.WorkFor), so that a profile of the
// pool's strategy holds its workers' time.
type pool struct {
	inbox []chan *batch
	wg    sync.WaitGroup
	once  sync.Once
}

// A task is one unit of a batch, run by worker w of the pool (0 when run
// sequentially): the index picks the worker's own recorder.
type task func(ctx context.Context, w int)

// A batch is n tasks that the workers take one at a time until none is left.
type batch struct {
	ctx  context.Context
	n    int64
	next atomic.Int64
	task task
	done sync.WaitGroup
}

// newPool starts k workers; locked ones lock their goroutine to its thread.
func newPool(k int, locked bool) *pool {
	p := &pool{inbox: make([]chan *batch, k)}
	for i := range p.inbox {
		in := make(chan *batch, 1)
		p.inbox[i] = in
		w := i
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
// done or ctx ends.
func (p *pool) run(ctx context.Context, n int, task task) {
	b := &batch{ctx: ctx, n: int64(n), task: task}
	b.done.Add(len(p.inbox))
	for _, in := range p.inbox {
		in <- b
	}
	b.done.Wait()
}

func (b *batch) run(w int) {
	defer b.done.Done()
	measure.WorkFor(b.ctx, func() {
		for b.ctx.Err() == nil && b.next.Add(1) <= b.n {
			b.task(b.ctx, w)
		}
	})
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

// sequential runs n tasks one after another on the calling goroutine.
func sequential(ctx context.Context, n int, task task) {
	for i := 0; i < n && ctx.Err() == nil; i++ {
		task(ctx, 0)
	}
}

// A threadSet is k goroutines, each locked to an OS thread of its own, that
// run calls handed to them one at a time: caller w always uses thread w % k.
type threadSet struct {
	inbox []chan call
	wg    sync.WaitGroup
}

// A call is one function to run on a thread, and where its error goes.
type call struct {
	ctx  context.Context
	fn   func(ctx context.Context) error
	done chan error
}

func newThreadSet(k int) *threadSet {
	ts := &threadSet{inbox: make([]chan call, k)}
	for i := range ts.inbox {
		in := make(chan call)
		ts.inbox[i] = in
		ts.wg.Go(func() {
			// Never unlocked: the thread ends with its goroutine.
			runtime.LockOSThread()
			for c := range in {
				var err error
				measure.WorkFor(c.ctx, func() { err = c.fn(c.ctx) })
				c.done <- err
			}
		})
	}
	return ts
}

// do runs fn on caller w's thread and returns its error.
func (ts *threadSet) do(ctx context.Context, w int, fn func(ctx context.Context) error) error {
	c := call{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case ts.inbox[w%len(ts.inbox)] <- c:
	case <-ctx.Done():
		return ctx.Err()
	}
	return <-c.done
}

// close stops the threads and waits for them to end.
func (ts *threadSet) close() error {
	for _, in := range ts.inbox {
		close(in)
	}
	ts.wg.Wait()
	return nil
}
