package processes

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// primes counts the primes in one range, split into chunks, with each
// strategy's way of running chunks at once.
func primes() *lab.Workload {
	return &lab.Workload{
		ID:    "primes",
		Title: "Count primes in chunks",
		Params: []lab.Param{
			{Name: "chunk", Kind: lab.Int, Default: "100000", Min: "1", Max: "1000000", Help: "numbers per task: the grain of the work"},
			{Name: "tasks", Kind: lab.Int, Default: "8", Min: "1", Max: "4096", Help: "tasks per job; a job is checked against a sieve"},
			{Name: "workers", Kind: lab.Int, Default: "0", Min: "0", Max: "256", Help: "goroutines, GIL threads and worker processes (0: GOMAXPROCS threads, one process per CPU)"},
		},
		// Worker processes are started once for the run.
		Kept: measure.KeptShared,
		// The worker processes' counting runs where no profile reaches.
		Profile: lab.ProfilePart,
		Strategies: []lab.Strategy{
			{ID: "goroutine", Title: "one goroutine", Help: "every task in turn on one goroutine: the baseline", New: newGoroutine},
			{ID: "goroutines", Title: "goroutines", Help: "one goroutine per worker, sharing the cores of this process", New: newGoroutines},
			{ID: "gil", Title: "GIL threads", Help: "one OS thread per worker, all taking one global lock around their CPU work", New: newGIL},
			{ID: "processes", Title: "worker processes", Help: "each task down a pipe to one of the worker processes (perflab worker)", New: newProcesses},
		},
		Prepare: prepare,
	}
}

// base is where the job's range starts: high enough that a number costs a
// few hundred trial divisions, low enough to stay quick with large chunks.
const base = 1_000_000

// maxSpan bounds tasks × chunk, so that the sieve that checks a job stays
// well under a second.
const maxSpan = 100_000_000

// fixture is the job every strategy of a run does.
type fixture struct {
	chunk, tasks int
	// threads is how many goroutines or GIL threads run at once, workers
	// how many worker processes.
	threads, workers int
	// expected is the number of primes in the job's range, by the sieve.
	expected uint64
	// ids numbers tasks across the run, so that a late result is never
	// taken for another task's.
	ids atomic.Uint64
}

func prepare(env *lab.Env) (any, error) {
	fx := &fixture{chunk: env.Params.Int("chunk"), tasks: env.Params.Int("tasks"), workers: env.Params.Int("workers")}
	if span := fx.chunk * fx.tasks; span > maxSpan {
		return nil, fmt.Errorf("tasks × chunk is %d numbers, at most %d", span, maxSpan)
	}
	// By default threads match the Go scheduler's processors and worker
	// processes the machine's CPUs: the same number, unless GOMAXPROCS
	// was set lower.
	fx.threads = fx.workers
	if fx.workers == 0 {
		fx.threads, fx.workers = runtime.GOMAXPROCS(0), runtime.NumCPU()
	}
	fx.expected = worker.SievePrimes(base, base+uint64(fx.chunk*fx.tasks))
	return fx, nil
}

// task returns the job's i-th task.
func (fx *fixture) task(i int) worker.Task {
	lo := uint64(base + i*fx.chunk)
	return worker.Task{ID: fx.ids.Add(1), Kind: worker.Primes, A: lo, B: lo + uint64(fx.chunk)}
}

// An executor runs one task for the job's w-th goroutine and returns its
// value and the service time it measured, 0 if it measured none.
type executor func(ctx context.Context, w int, t worker.Task) (value uint64, serviceNs int64, err error)

// jobStats add up, across jobs, the round trips and service times of tasks
// whose executor measures service time apart.
type jobStats struct {
	tasks, roundTripNs, serviceNs atomic.Int64
}

// runJob does one job with len(recs) goroutines at once: each takes the next
// task, runs it with exec and records its latency into its own recorder, if
// it has one (a benchmark gives none). It checks the job's total against the
// sieve.
func (fx *fixture) runJob(ctx context.Context, recs []*measure.Recorder, exec executor, stats *jobStats, lockThread bool) error {
	var next atomic.Int64
	var total atomic.Uint64
	g, gctx := errgroup.WithContext(ctx)
	for w, rec := range recs {
		g.Go(func() error {
			if lockThread {
				// One OS thread per worker, as a thread pool in C or
				// Python has; the goroutine holds it for the job.
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
			}
			for i := int(next.Add(1) - 1); i < fx.tasks; i = int(next.Add(1) - 1) {
				start := measure.Now()
				v, svc, err := exec(gctx, w, fx.task(i))
				if err != nil {
					return err
				}
				rtt := measure.Now() - start
				if rec != nil {
					rec.Record(rtt)
				}
				total.Add(v)
				if stats != nil {
					stats.tasks.Add(1)
					stats.roundTripNs.Add(rtt)
					stats.serviceNs.Add(svc)
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if got := total.Load(); got != fx.expected {
		return fmt.Errorf("the job counted %d primes in [%d, %d), the sieve %d", got, base, base+fx.chunk*fx.tasks, fx.expected)
	}
	return nil
}

// metrics returns the per-task means of stats.
func (s *jobStats) metrics(workers int) map[string]float64 {
	m := map[string]float64{"workers": float64(workers)}
	if n := s.tasks.Load(); n > 0 {
		rtt, svc := float64(s.roundTripNs.Load())/float64(n), float64(s.serviceNs.Load())/float64(n)
		m["round_trip_ns_per_task"] = rtt
		m["service_ns_per_task"] = svc
		m["ipc_ns_per_task"] = rtt - svc
	}
	return m
}
