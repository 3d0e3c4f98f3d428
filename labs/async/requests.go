package async

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/semaphore"

	"github.com/perflab/perflab/labs/backend"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/labs/probe"
	"github.com/perflab/perflab/labs/recpool"
	"github.com/perflab/perflab/measure"
)

// maxThreads bounds n for the thread-per-request strategy: the Go runtime
// stops the process past 10,000 OS threads, and the operating system may
// refuse threads sooner.
const maxThreads = 5000

// requestsWorkload sends batches of n requests at once to the backend.
func requestsWorkload() *lab.Workload {
	params := []lab.Param{
		{Name: "n", Kind: lab.Int, Default: "1000", Min: "1", Max: "5000", Help: "requests in flight at once (each holds two file descriptors)"},
		{Name: "pool", Kind: lab.Int, Default: "16", Min: "1", Max: "5000", Help: "goroutines in the pool"},
		{Name: "sem", Kind: lab.Int, Default: "256", Min: "1", Max: "5000", Help: "requests the semaphore lets in flight at once"},
		{Name: "rate", Kind: lab.Float, Default: "0", Min: "0", Max: "1000000", Help: "open loop: requests a second, whatever the latency (0: closed loop, batches of n)"},
	}
	params = append(params, backend.Params(backend.Defaults{Latency: "10ms", Jitter: "2ms", Dist: "uniform", Limit: "256"})...)
	return &lab.Workload{
		ID:    "requests",
		Title: "n requests in flight",
		Lesson: `Every strategy sends the same batch of n requests to the loopback backend, which answers in about 10 ms and serves at most 256 at once; the rest wait in its queue.

Predict: the pool of 16 keeps only 16 requests in flight, so a batch of 1,000 takes about 1000/16 × 10 ms. Fan-out starts a goroutine per request and sends all 1,000 at once; the semaphore starts them all too but lets only 256 send at a time. Both finish far ahead of the pool, in about four rounds of the backend's 256. A thread per request finishes in about the same time as fan-out, but look at its cost: peak_threads near n, one OS thread for every wait, and the memory for their stacks, where fan-out's thousand waits run on a handful of threads.

Now the tail. Fan-out sends more than the backend can serve, so three in four of its requests wait in the backend's queue: its p99 is several times the latency. The semaphore keeps the excess in your program instead, where you can still decide what to do with it (wait, shed, time out): its requests see the backend's latency alone. That is backpressure. Latency here runs from the moment a request is sent to its answer; waiting for the semaphore or a pool worker is not included.

The peak figures are the whole process's, sampled while the strategy runs: they include the three goroutines that hold each open connection. Set rate for an open loop, where each arrival is one request and n (at most 128) bounds those in flight.`,
		Params:  params,
		Config:  openLoopConfig,
		Prepare: prepare,
		Strategies: []lab.Strategy{
			{ID: "threads", Title: "thread per request", Help: "a goroutine per request, locked to an OS thread of its own", New: newThreadPerRequest},
			{ID: "pool", Title: "goroutine pool", Help: "a pool of goroutines takes the requests one at a time", New: newPool},
			{ID: "fanout", Title: "async fan-out", Help: "a goroutine per request, all sent at once", New: newFanOut},
			{ID: "semaphore", Title: "async with a semaphore", Help: "a goroutine per request, at most sem sending at once (x/sync/semaphore)", New: newSemaphore},
		},
	}
}

// openLoopConfig runs the engine's open loop when the rate parameter, or
// the --rate of the command line, is set, with up to n requests in flight
// (at most maxInFlight).
func openLoopConfig(v lab.Values, c *measure.Config) {
	if r := v.Float("rate"); r > 0 {
		c.Rate = r
	} else if c.Rate > 0 {
		v["rate"] = c.Rate
	}
	if c.Rate > 0 && c.Workers == 0 {
		c.Workers = min(v.Int("n"), maxInFlight)
	}
}

// maxInFlight bounds the open loop's requests in flight: the engine keeps
// two histograms of some 270 kB for each of its open-loop workers.
const maxInFlight = 128

// fixture is what the strategies of one run share.
type fixture struct {
	target *backend.Target
	probe  *probe.Probe
	n      int
	open   bool
}

func prepare(env *lab.Env) (any, error) {
	n := env.Params.Int("n")
	t, err := backend.Connect(env, n)
	if err != nil {
		return nil, err
	}
	fx := &fixture{target: t, probe: probe.Start(env.Ctx), n: n, open: env.Params.Float("rate") > 0}
	env.OnClose(fx.probe.Close)
	return fx, nil
}

// send sends one request and records its time from now to its answer.
func (fx *fixture) send(ctx context.Context, recs recpool.Pool) {
	start := measure.Now()
	switch err := fx.target.Call(ctx); {
	case err == nil:
		recs.Record(start)
	case ctx.Err() == nil:
		recs.Error()
	}
}

// subject builds a strategy's subject from its batch (closed loop) and its
// single request (open loop); leave, if set, lets go of what the strategy
// holds when another strategy takes over.
func (fx *fixture) subject(batch func(ctx context.Context, recs recpool.Pool), one func(ctx context.Context) error, leave func() error) *measure.Subject {
	peaks := probe.NewPeaks(func() {
		if leave != nil {
			_ = leave()
		}
	})
	s := &measure.Subject{Metrics: peaks.Metrics, Close: leave}
	if fx.open {
		s.Loop = func(ctx context.Context, _, n int) error {
			fx.probe.Enter(peaks)
			for range n {
				if err := one(ctx); err != nil {
					return err
				}
			}
			return nil
		}
		return s
	}
	s.Recorders = recpool.Size(fx.n)
	s.Drive = func(ctx context.Context, recs []*measure.Recorder) error {
		fx.probe.Enter(peaks)
		batch(ctx, recpool.New(recs))
		return nil
	}
	return s
}

// goEach starts n goroutines running f and waits for them, sampling the
// process once all have started, when the batch is at its peak.
func (fx *fixture) goEach(f func()) {
	var wg sync.WaitGroup
	for range fx.n {
		wg.Go(f)
	}
	fx.probe.Sample()
	wg.Wait()
}

func newThreadPerRequest(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*fixture)
	if fx.n > maxThreads {
		return nil, fmt.Errorf("a thread per request for n=%d needs %d OS threads; this lab allows at most %d", fx.n, fx.n, maxThreads)
	}
	// locked runs f on a goroutine locked to its thread and never
	// unlocked, so that the thread ends with the request instead of
	// returning to the runtime's pool: a new thread per request.
	locked := func(f func()) {
		runtime.LockOSThread()
		f()
	}
	batch := func(ctx context.Context, recs recpool.Pool) {
		fx.goEach(func() { locked(func() { fx.send(ctx, recs) }) })
	}
	one := func(ctx context.Context) error {
		errc := make(chan error, 1)
		go locked(func() { errc <- fx.target.Call(ctx) })
		return <-errc
	}
	return fx.subject(batch, one, nil), nil
}

func newPool(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*fixture)
	k := env.Params.Int("pool")
	batch := func(ctx context.Context, recs recpool.Pool) {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range k {
			wg.Go(func() {
				for ctx.Err() == nil && next.Add(1) <= int64(fx.n) {
					fx.send(ctx, recs)
				}
			})
		}
		fx.probe.Sample()
		wg.Wait()
	}
	if !fx.open {
		return fx.subject(batch, nil, nil), nil
	}
	// In the open loop the pool's goroutines live for the strategy's turn
	// and take arrivals from a queue, so that no more than k are sent at
	// once however many arrive.
	var mu sync.Mutex
	var p *callPool
	get := func() *callPool {
		mu.Lock()
		defer mu.Unlock()
		if p == nil {
			p = newCallPool(k, fx.target.Call)
		}
		return p
	}
	leave := func() error {
		mu.Lock()
		defer mu.Unlock()
		if p != nil {
			p.close()
			p = nil
		}
		return nil
	}
	return fx.subject(batch, func(ctx context.Context) error { return get().do(ctx) }, leave), nil
}

func newFanOut(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*fixture)
	batch := func(ctx context.Context, recs recpool.Pool) {
		fx.goEach(func() { fx.send(ctx, recs) })
	}
	// The open loop's workers are already a goroutine per request in
	// flight, up to n.
	return fx.subject(batch, fx.target.Call, nil), nil
}

func newSemaphore(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*fixture)
	sem := semaphore.NewWeighted(int64(env.Params.Int("sem")))
	batch := func(ctx context.Context, recs recpool.Pool) {
		fx.goEach(func() {
			if sem.Acquire(ctx, 1) != nil {
				return // cancelled while waiting: nothing was sent
			}
			defer sem.Release(1)
			fx.send(ctx, recs)
		})
	}
	one := func(ctx context.Context) error {
		if err := sem.Acquire(ctx, 1); err != nil {
			return err
		}
		defer sem.Release(1)
		return fx.target.Call(ctx)
	}
	return fx.subject(batch, one, nil), nil
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
				c.done <- call(c.ctx)
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
