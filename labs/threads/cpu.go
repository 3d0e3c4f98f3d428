package threads

import (
	"context"
	"sync"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// cpuWorkload runs batches of tasks that only compute: no waiting to overlap.
func cpuWorkload() *lab.Workload {
	return &lab.Workload{
		ID:    "cpu",
		Title: "Tasks that only compute",
		Params: []lab.Param{
			{Name: "tasks", Kind: lab.Int, Default: "64", Min: "1", Max: "100000", Help: "tasks in one batch"},
			{Name: "k", Kind: lab.Int, Default: "8", Min: "1", Max: "1000", Help: "threads or goroutines in a pool"},
			{Name: "work", Kind: lab.Duration, Default: "200us", Min: "1us", Max: "1s", Help: "computation in one task, on one core"},
		},
		// The pools of threads are started once and shared by the run.
		Kept: measure.KeptShared,
		Strategies: []lab.Strategy{
			{ID: "sequential", Title: "sequential", Help: "one task after another on one goroutine", New: newCPUSequential},
			{ID: "threads", Title: "pool of k OS threads", Help: "k workers, each locked to an OS thread of its own", New: newCPUPool(true, false)},
			{ID: "goroutines", Title: "pool of k goroutines", Help: "k goroutines on the Go scheduler", New: newCPUPool(false, false)},
			{ID: "gil", Title: "pool of k threads under a GIL", Help: "a simulation in Go: k OS threads that hold one global lock while they compute, as CPython's threads do (threads/python-cpu runs the real GIL)", New: newCPUPool(true, true)},
		},
	}
}

// cpuTask returns a task for k workers that computes for about the work
// parameter and records its time. With gil set it holds gil while it
// computes, and its time includes the wait for it.
func cpuTask(env *lab.Env, gil *sync.Mutex, recs []*measure.Recorder, k int) task {
	iters := itersFor(env.Params.Duration("work"))
	set := measure.NewRecorderSet(recs, k)
	return func(_ context.Context, w int) {
		start := measure.Now()
		if gil != nil {
			gil.Lock()
		}
		sink.Store(spin(iters, uint64(start)))
		if gil != nil {
			gil.Unlock()
		}
		set.Record(w, start)
	}
}

func newCPUSequential(env *lab.Env) (*measure.Subject, error) {
	n := env.Params.Int("tasks")
	return &measure.Subject{
		Drive: func(ctx context.Context, recs []*measure.Recorder) error {
			sequential(ctx, n, cpuTask(env, nil, recs, 1))
			return nil
		},
	}, nil
}

func newCPUPool(locked, withGIL bool) func(env *lab.Env) (*measure.Subject, error) {
	return func(env *lab.Env) (*measure.Subject, error) {
		n, k := env.Params.Int("tasks"), env.Params.Int("k")
		var gil *sync.Mutex
		if withGIL {
			gil = new(sync.Mutex)
		}
		p := newPool(k, locked)
		return &measure.Subject{
			Recorders: measure.RecordersFor(k),
			Drive: func(ctx context.Context, recs []*measure.Recorder) error {
				p.run(ctx, n, cpuTask(env, gil, recs, k))
				return nil
			},
			Close: p.close,
		}, nil
	}
}
