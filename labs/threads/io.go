package threads

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/perflab/perflab/labs/internal/backend"
	"github.com/perflab/perflab/labs/internal/probe"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// ioWorkload runs batches of tasks that each wait on IO, then compute a
// little: the shape of most request handlers.
func ioWorkload() *lab.Workload {
	params := []lab.Param{
		{Name: "tasks", Kind: lab.Int, Default: "64", Min: "1", Max: "100000", Help: "tasks in one batch"},
		{Name: "k", Kind: lab.Int, Default: "8", Min: "1", Max: "1000", Help: "threads or goroutines in a pool"},
		{Name: "cpu", Kind: lab.Duration, Default: "10us", Min: "0s", Max: "100ms", Help: "computation after the wait, on one core"},
		{Name: "io", Kind: lab.Choice, Default: "backend", Choices: []string{"backend", "sleep"},
			Help: "backend: HTTP requests to the loopback server; sleep: a timer drawn from the same latency, without a network stack, limit, stalls or errors"},
		rateParam,
	}
	params = append(params, backend.Params(backend.Defaults{Latency: "1ms", Jitter: "200us", Dist: "uniform", Limit: "32"})...)
	return &lab.Workload{
		ID:      "io",
		Title:   "Tasks that wait on IO",
		Params:  params,
		Check:   checkIO,
		Config:  backend.OpenLoopConfig("k"),
		Prepare: prepareIO,
		// The loopback backend and the pools are started once for the run.
		Kept: measure.KeptShared,
		Strategies: []lab.Strategy{
			{ID: "sequential", Title: "sequential", Help: "one task after another on one goroutine", New: newIOSequential},
			{ID: "threads", Title: "pool of k OS threads", Help: "k workers, each locked to an OS thread of its own", New: newIOPool(true)},
			{ID: "goroutines", Title: "pool of k goroutines", Help: "k goroutines on the Go scheduler", New: newIOPool(false)},
		},
	}
}

// rateParam switches an IO workload to an open loop.
var rateParam = lab.Param{Name: "rate", Kind: lab.Float, Default: "0", Min: "0", Max: "1000000",
	Help: "open loop: requests a second, whatever the latency (0: closed loop, as fast as the strategy goes)"}

// checkIO refuses a target with io=sleep, which sends no requests, and
// backend settings that cannot be served.
func checkIO(v lab.Values) error {
	if v.String("io") == "sleep" && v.String("target") != "" {
		return errors.New("target needs io=backend: io=sleep sends no requests")
	}
	return backend.Check(v)
}

// ioFixture is what the strategies of one run share.
type ioFixture struct {
	caller backend.Caller
	probe  *probe.Probe
	tasks  int
	iters  int
	open   bool
}

func prepareIO(env *lab.Env) (any, error) {
	v := env.Params
	fx := &ioFixture{tasks: v.Int("tasks"), iters: itersFor(v.Duration("cpu")), open: v.Float("rate") > 0}
	if v.String("io") == "sleep" {
		fx.caller = backend.Sleeper{Latency: backend.ConfigOf(v).Latency}
	} else {
		t, err := backend.Connect(env, v.Int("k"))
		if err != nil {
			return nil, err
		}
		fx.caller = t
	}
	fx.probe = probe.Start(env.Ctx)
	env.OnClose(fx.probe.Close)
	return fx, nil
}

// do runs one task: wait for the answer, then compute.
func (fx *ioFixture) do(ctx context.Context) error {
	err := fx.caller.Call(ctx)
	sink.Store(spin(fx.iters, uint64(fx.iters)))
	return err
}

// timed returns a task for a Drive subject whose work runs on k goroutines
// that records the time from the start of its wait to the end of its
// computation.
func (fx *ioFixture) timed(recs []*measure.Recorder, k int) task {
	set := measure.NewRecorderSet(recs, k)
	return func(ctx context.Context, w int) {
		start := measure.Now()
		switch err := fx.do(ctx); {
		case err == nil:
			set.Record(w, start)
		case ctx.Err() == nil:
			set.Fail(w, err)
		}
	}
}

// enter returns a subject's Enter: before each repetition, outside the
// clock, the probe switches to this subject (the last one lets go of its
// threads) and start, if set, starts this one's, so that the first timed
// task does not pay for it.
func (fx *ioFixture) enter(peaks *probe.Peaks, start func()) func(context.Context) error {
	return func(context.Context) error {
		fx.probe.Enter(peaks)
		if start != nil {
			start()
		}
		return nil
	}
}

// sink keeps spin's results, so that the compiler cannot drop the work.
var sink atomic.Uint64

func newIOSequential(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*ioFixture)
	peaks := probe.NewPeaks(nil)
	s := &measure.Subject{Metrics: peaks.Metrics, Enter: fx.enter(peaks, nil)}
	if fx.open {
		// The engine's k workers take the arrivals; one lock lets one
		// task run at a time, so a request waits for the one before it,
		// and that wait counts in its service time.
		var one sync.Mutex
		s.Loop = func(ctx context.Context, _, n int) error {
			for range n {
				one.Lock()
				err := fx.do(ctx)
				one.Unlock()
				if err != nil {
					return err
				}
			}
			return nil
		}
		return s, nil
	}
	s.Drive = func(ctx context.Context, recs []*measure.Recorder) error {
		sequential(ctx, fx.tasks, fx.timed(recs, 1))
		return nil
	}
	return s, nil
}

func newIOPool(locked bool) func(env *lab.Env) (*measure.Subject, error) {
	return func(env *lab.Env) (*measure.Subject, error) {
		fx := env.Fixture.(*ioFixture)
		k := env.Params.Int("k")
		if fx.open {
			return openIOPool(fx, k, locked), nil
		}
		pool := &held[*pool]{make: func() *pool { return newPool(k, locked) }, free: (*pool).close}
		peaks := probe.NewPeaks(func() { _ = pool.release() })
		return &measure.Subject{
			Recorders: measure.RecordersFor(k),
			Enter:     fx.enter(peaks, func() { pool.get() }),
			Drive: func(ctx context.Context, recs []*measure.Recorder) error {
				pool.get().run(ctx, fx.tasks, fx.timed(recs, k))
				return nil
			},
			Metrics: peaks.Metrics,
			Close:   pool.release,
		}, nil
	}
}

// openIOPool serves the open loop's arrivals: the engine's workers are a
// pool of goroutines already, and for OS threads each engine worker hands
// its task to a locked thread of its own.
func openIOPool(fx *ioFixture, k int, locked bool) *measure.Subject {
	if !locked {
		peaks := probe.NewPeaks(nil)
		return &measure.Subject{
			Enter: fx.enter(peaks, nil),
			Loop: func(ctx context.Context, _, n int) error {
				for range n {
					if err := fx.do(ctx); err != nil {
						return err
					}
				}
				return nil
			},
			Metrics: peaks.Metrics,
		}
	}
	threads := &held[*threadSet]{make: func() *threadSet { return newThreadSet(k) }, free: (*threadSet).close}
	peaks := probe.NewPeaks(func() { _ = threads.release() })
	return &measure.Subject{
		Enter: fx.enter(peaks, func() { threads.get() }),
		Loop: func(ctx context.Context, w, n int) error {
			for range n {
				if err := threads.get().do(ctx, w, fx.do); err != nil {
					return err
				}
			}
			return nil
		},
		Metrics: peaks.Metrics,
		Close:   threads.release,
	}
}
