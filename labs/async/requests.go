package async

import (
	"context"

	"github.com/perflab/perflab/labs/internal/backend"
	"github.com/perflab/perflab/labs/internal/probe"
	"github.com/perflab/perflab/labs/lab"
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

Predict: the pool of 16 keeps only 16 requests in flight, so a batch of 1,000 takes about 1000/16 × 10 ms. Fan-out starts a goroutine per request and sends all 1,000 at once; the semaphore starts them all too but lets only 256 send at a time. Both finish far ahead of the pool, in a few rounds of the backend's 256, as fast as two cores can push HTTP through.

A thread per request waits as well as fan-out does, but look at the cost. peak_threads is near n: one OS thread for every wait, where fan-out's thousand waits share a handful. Each thread has a kernel stack that RSS does not count (kernel_stack_mb, about 16 kB a thread) besides its stacks in the process (rss_growth_mb), and creating and switching a thousand threads costs CPU: its latency, timed from the start of each thread, is many times fan-out's, and its throughput lower.

Now the tail. Fan-out sends more than the backend can serve, so most of its requests wait in the backend's queue: its p50 and p99 are several times the backend's latency. The semaphore keeps the excess in your program instead, where you can still decide what to do with it (wait, shed, time out): its requests see little more than the backend's latency. That is backpressure. Latency here runs from the moment a request is sent to its answer; the wait for the semaphore or a pool worker is not in it.

The peak figures are sampled while the strategy runs. Peaks of goroutines and RSS are the whole process's: they include the three goroutines and the buffers that hold each open connection. Set rate for an open loop, where each arrival is one request and n (at most 128) bounds those in flight.`,
		Params:  params,
		Config:  backend.OpenLoopConfig("n"),
		Prepare: prepare,
		Strategies: []lab.Strategy{
			{ID: "threads", Title: "thread per request", Help: "a goroutine per request, locked to an OS thread of its own", New: subjectOf(threadPerRequest)},
			{ID: "pool", Title: "goroutine pool", Help: "a pool of goroutines takes the requests one at a time", New: subjectOf(goroutinePool)},
			{ID: "fanout", Title: "async fan-out", Help: "a goroutine per request, all sent at once", New: subjectOf(fanOut)},
			{ID: "semaphore", Title: "async with a semaphore", Help: "a goroutine per request, at most sem sending at once (x/sync/semaphore)", New: subjectOf(withSemaphore)},
		},
	}
}

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

// A sink takes the outcome of each request; measure.RecorderPool is one.
type sink interface {
	Record(start int64)
	Fail(err error)
}

// send sends one request and records its time from now to its answer.
func (fx *fixture) send(ctx context.Context, out sink) {
	start := measure.Now()
	switch err := fx.target.Call(ctx); {
	case err == nil:
		out.Record(start)
	case ctx.Err() == nil:
		out.Fail(err)
	}
}

// A strategy is how one way of sending requests runs: a batch of n at once
// in the closed loop, one request per arrival in the open loop, and what it
// lets go of when another strategy takes over.
type strategy struct {
	batch func(ctx context.Context, out sink)
	one   func(ctx context.Context) error
	leave func() error
}

// subjectOf makes a lab strategy's New from a function that builds the
// strategy on the run's fixture.
func subjectOf(build func(fx *fixture, v lab.Values) (strategy, error)) func(env *lab.Env) (*measure.Subject, error) {
	return func(env *lab.Env) (*measure.Subject, error) {
		fx := env.Fixture.(*fixture)
		st, err := build(fx, env.Params)
		if err != nil {
			return nil, err
		}
		return fx.subject(st), nil
	}
}

// subject makes st a measurement subject: a Loop in the open loop, a Drive
// in the closed loop, with the process's peaks as its metrics.
func (fx *fixture) subject(st strategy) *measure.Subject {
	peaks := probe.NewPeaks(func() {
		if st.leave != nil {
			_ = st.leave()
		}
	})
	s := &measure.Subject{
		Metrics: peaks.Metrics,
		Close:   st.leave,
		// Taking the process over (the last subject lets go, the probe
		// resets) happens before each repetition, outside the clock.
		Enter: func(context.Context) error { fx.probe.Enter(peaks); return nil },
	}
	if fx.open {
		s.Loop = func(ctx context.Context, _, n int) error {
			for range n {
				if err := st.one(ctx); err != nil {
					return err
				}
			}
			return nil
		}
		return s
	}
	s.Recorders = measure.PoolSize(fx.n)
	s.Drive = func(ctx context.Context, recs []*measure.Recorder) error {
		st.batch(ctx, measure.NewRecorderPool(recs))
		return nil
	}
	return s
}
