package threads

import (
	"context"
	"sync/atomic"

	"github.com/perflab/perflab/labs/backend"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// ioWorkload runs batches of tasks that each wait on IO, then compute a
// little: the shape of most request handlers.
func ioWorkload() *lab.Workload {
	return &lab.Workload{
		ID:    "io",
		Title: "Tasks that wait on IO",
		Lesson: `Every strategy runs the same batches of tasks. A task waits for an answer (the IO latency), then computes a little.

Predict: sequential finishes one task per latency, so its throughput is about 1/latency. A pool of k keeps k waits in flight at once and finishes about k times as many tasks a second, whether its workers are OS threads or goroutines: while a task waits, its thread or goroutine does nothing at all, so what you buy with k is overlap, not speed. The latency of each task does not improve; only the batch finishes sooner.

Look at the ratio column: near k for both pools. Raise k until the gain flattens: the CPU part, or the backend, becomes the limit.`,
		Params: []lab.Param{
			{Name: "tasks", Kind: lab.Int, Default: "64", Min: "1", Max: "100000", Help: "tasks in one batch"},
			{Name: "k", Kind: lab.Int, Default: "8", Min: "1", Max: "1000", Help: "threads or goroutines in a pool"},
			{Name: "latency", Kind: lab.Duration, Default: "1ms", Min: "0s", Max: "10s", Help: "mean IO wait of one task"},
			{Name: "jitter", Kind: lab.Duration, Default: "200us", Min: "0s", Max: "10s", Help: "IO waits spread evenly over latency ± jitter"},
			{Name: "cpu", Kind: lab.Duration, Default: "10us", Min: "0s", Max: "100ms", Help: "computation after the wait, on one core"},
		},
		Strategies: []lab.Strategy{
			{ID: "sequential", Title: "sequential", Help: "one task after another on one goroutine", New: newIOSequential},
			{ID: "threads", Title: "pool of k OS threads", Help: "k workers, each locked to an OS thread of its own", New: newIOPool(true)},
			{ID: "goroutines", Title: "pool of k goroutines", Help: "k goroutines on the Go scheduler", New: newIOPool(false)},
		},
		Prepare: prepareIO,
	}
}

// ioFixture is what the strategies of one run share.
type ioFixture struct {
	caller backend.Caller
	tasks  int
	iters  int
}

func prepareIO(env *lab.Env) (any, error) {
	v := env.Params
	lat := backend.Latency{Dist: backend.Uniform, Mean: v.Duration("latency"), Jitter: v.Duration("jitter")}
	if err := lat.Validate(); err != nil {
		return nil, err
	}
	return &ioFixture{
		caller: backend.Sleeper{Latency: lat},
		tasks:  v.Int("tasks"),
		iters:  itersFor(v.Duration("cpu")),
	}, nil
}

// task returns one IO task that records into recs[w]: the time from the
// start of its wait to the end of its computation.
func (fx *ioFixture) task(recs []*measure.Recorder) func(ctx context.Context, w int) {
	return func(ctx context.Context, w int) {
		start := measure.Now()
		err := fx.caller.Call(ctx)
		sink.Store(spin(fx.iters, uint64(start)))
		switch {
		case err == nil:
			recs[w].RecordSince(start)
		case ctx.Err() == nil:
			recs[w].Error()
		}
	}
}

// sink keeps spin's results, so that the compiler cannot drop the work.
var sink atomic.Uint64

func newIOSequential(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*ioFixture)
	return &measure.Subject{
		Drive: func(ctx context.Context, recs []*measure.Recorder) error {
			sequential(ctx, fx.tasks, fx.task(recs))
			return nil
		},
	}, nil
}

func newIOPool(locked bool) func(env *lab.Env) (*measure.Subject, error) {
	return func(env *lab.Env) (*measure.Subject, error) {
		fx := env.Fixture.(*ioFixture)
		p := newPool(env.Params.Int("k"), locked)
		return &measure.Subject{
			Recorders: p.size(),
			Drive: func(ctx context.Context, recs []*measure.Recorder) error {
				p.run(ctx, fx.tasks, fx.task(recs))
				return nil
			},
			Close: p.close,
		}, nil
	}
}
