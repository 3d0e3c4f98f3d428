package processes

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// inProcess runs a task on the calling goroutine.
func inProcess(ctx context.Context, _ int, t worker.Task) (uint64, int64, error) {
	v, err := worker.Do(ctx, t)
	return v, 0, err
}

func newGoroutine(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*fixture)
	return &measure.Subject{
		Recorders: 1,
		Drive: func(ctx context.Context, recs []*measure.Recorder) error {
			return fx.runJob(ctx, recs, inProcess, nil, false)
		},
	}, nil
}

func newGoroutines(env *lab.Env) (*measure.Subject, error) {
	return env.Fixture.(*fixture).threadsSubject(inProcess, false), nil
}

// threadsSubject runs the job on one goroutine for each thread of the run,
// each task through exec, on an OS thread of its own if lockThread is set.
func (fx *fixture) threadsSubject(exec executor, lockThread bool) *measure.Subject {
	return &measure.Subject{
		Recorders: fx.threads,
		Drive: func(ctx context.Context, recs []*measure.Recorder) error {
			return fx.runJob(ctx, recs, exec, nil, lockThread)
		},
		Metrics: func() map[string]float64 { return map[string]float64{"workers": float64(fx.threads)} },
	}
}

// gilSlice is how many numbers a GIL thread tests per turn with the lock:
// tens of microseconds, so that the threads take turns often, as CPython's
// do when one of them holds the interpreter lock past its switch interval.
const gilSlice = 256

func newGIL(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*fixture)
	var gil sync.Mutex
	exec := func(ctx context.Context, _ int, t worker.Task) (uint64, int64, error) {
		var n uint64
		for lo := t.A; lo < t.B; {
			hi := min(t.B, lo+gilSlice)
			gil.Lock()
			n += worker.CountPrimes(lo, hi)
			gil.Unlock()
			lo = hi
			if err := ctx.Err(); err != nil {
				return n, 0, err
			}
		}
		return n, 0, nil
	}
	return fx.threadsSubject(exec, true), nil
}

// stopGrace is how long a worker process may take to exit once its pipe is
// closed before it is killed.
const stopGrace = time.Second

func newProcesses(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*fixture)
	procs, err := startWorkers(env.Ctx, fx.workers)
	if err != nil {
		return nil, err
	}
	var stats jobStats
	exec := func(ctx context.Context, w int, t worker.Task) (uint64, int64, error) {
		r, err := procs[w].Do(ctx, t)
		return r.Value, r.ServiceNs, err
	}
	return &measure.Subject{
		Recorders: fx.workers,
		External:  true,
		Drive: func(ctx context.Context, recs []*measure.Recorder) error {
			return fx.runJob(ctx, recs, exec, &stats, false)
		},
		Metrics: func() map[string]float64 { return stats.metrics(fx.workers) },
		Close:   func() error { return stopWorkers(procs) },
	}, nil
}

// startWorkers spawns n stdio workers at once and waits for each to be
// ready, so that their start-up is not measured. Cancelling ctx kills them.
func startWorkers(ctx context.Context, n int) ([]*worker.Stdio, error) {
	procs := make([]*worker.Stdio, n)
	var g errgroup.Group
	for i := range procs {
		g.Go(func() error {
			p, err := worker.StartStdio(ctx, fmt.Sprintf("w%d", i))
			procs[i] = p
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, errors.Join(err, stopWorkers(procs))
	}
	return procs, nil
}

// stopWorkers stops every worker that was started, at once.
func stopWorkers(procs []*worker.Stdio) error {
	errs := make([]error, len(procs))
	var wg sync.WaitGroup
	for i, p := range procs {
		if p != nil {
			wg.Go(func() { errs[i] = p.Stop(stopGrace) })
		}
	}
	wg.Wait()
	return errors.Join(errs...)
}
