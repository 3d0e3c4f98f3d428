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
		ID:      "requests",
		Title:   "n requests in flight",
		Params:  params,
		Config:  backend.OpenLoopConfig("n"),
		Check:   backend.Check,
		Prepare: prepare,
		// The loopback backend is started once for the run.
		Kept: measure.KeptShared,
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

// A sink takes the outcome of each request sent by goroutine w;
// measure.RecorderSet is one.
type sink interface {
	Record(w int, start int64)
	Fail(w int, err error)
}

// send sends one request for goroutine w and records its time from now to
// its answer.
func (fx *fixture) send(ctx context.Context, out sink, w int) {
	start := measure.Now()
	switch err := fx.target.Call(ctx); {
	case err == nil:
		out.Record(w, start)
	case ctx.Err() == nil:
		out.Fail(w, err)
	}
}

// A strategy is how one way of sending requests runs: a batch of n at once
// in the closed loop, one request per arrival in the open loop, and what it
// lets go of when another strategy takes over.
type strategy struct {
	// goroutines is how many goroutines send a batch, 0 for one per
	// request: a pool of k owns a recorder each, a goroutine per request
	// borrows one of a few.
	goroutines int
	batch      func(ctx context.Context, out sink)
	one        func(ctx context.Context) error
	leave      func() error
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
	goroutines := fx.n
	if st.goroutines > 0 {
		goroutines = st.goroutines
	}
	s.Recorders = measure.RecordersFor(goroutines)
	s.Drive = func(ctx context.Context, recs []*measure.Recorder) error {
		st.batch(ctx, measure.NewRecorderSet(recs, goroutines))
		return nil
	}
	return s
}
