package machines

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/perflab/perflab/labs/internal/clock"
	"github.com/perflab/perflab/labs/internal/queue"
	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/measure"
)

// A fleet is the local worker processes that stand in for machines: each
// one a `perflab worker --nats URL` pulling from the queue. A killed worker
// is replaced, as an orchestrator would restart a failed machine's service.
type fleet struct {
	ctx    context.Context
	url    string
	stream string // the run's, which its workers serve alone
	// python makes each worker start its Python process before it
	// joins, so that no task pays for the interpreter's start.
	python bool
	mu     sync.Mutex
	procs  []*worker.Proc
	spawns int
	// closed refuses new workers once the fleet is stopping, so that a
	// kill's replacement cannot outlive the run.
	closed bool
	// killed and restarted count fault injections.
	killed, restarted atomic.Int64
	// died counts the workers that exited unasked (killed from outside,
	// crashed), replaced counts their replacements, and size is the
	// fleet's size as asked for; once died passes maxDeaths no more are
	// replaced, and lastDeath says how the last one ended.
	died, replaced atomic.Int64
	limit          atomic.Int64 // maxDeaths of the fleet's size
	lastDeath      error
}

// maxDeaths bounds the workers a fleet of n replaces after they died
// unasked: a killed machine is replaced, as an orchestrator restarts a
// failed service, but a worker that dies as it starts would be replaced
// forever.
func maxDeaths(n int) int64 { return int64(2*n + 4) }

// joinTimeout bounds how long workers may take to connect and ask for a
// task.
const joinTimeout = 30 * time.Second

// startFleet spawns n workers and waits until each has asked the queue for a
// task, so that start-up is not measured. Cancelling ctx kills them all.
func startFleet(ctx context.Context, url string, n int, q *queue.Queue, python bool) (*fleet, error) {
	f := &fleet{ctx: ctx, url: url, stream: q.StreamName(), python: python}
	f.limit.Store(maxDeaths(n))
	for range n {
		if err := f.spawn(); err != nil {
			return nil, errors.Join(err, f.stop())
		}
	}
	if err := waitIdle(ctx, q, n, f); err != nil {
		return nil, errors.Join(err, f.stop())
	}
	return f, nil
}

// spawn starts one more worker.
func (f *fleet) spawn() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return errors.New("the fleet is stopping")
	}
	f.spawns++
	p, err := worker.Spawn(f.ctx, worker.SpawnOptions{NATS: f.url, Stream: f.stream, Name: fmt.Sprintf("machine-%d", f.spawns), Python: f.python})
	if err != nil {
		return err
	}
	f.procs = append(f.procs, p)
	go f.watch(p)
	return nil
}

// watch waits for p to exit. A worker that exits while it is still one of
// the fleet's, neither killed by the fleet nor stopped with it, died
// unasked: it is counted and replaced, until maxDeaths.
func (f *fleet) watch(p *worker.Proc) {
	<-p.Done()
	f.mu.Lock()
	i := slices.Index(f.procs, p)
	if i < 0 || f.closed {
		f.mu.Unlock()
		return
	}
	f.procs = slices.Delete(f.procs, i, i+1)
	f.lastDeath = fmt.Errorf("worker %s (pid %d) exited unasked", p.Name, p.PID)
	if err := p.Stop(0); err != nil {
		f.lastDeath = err
	}
	f.mu.Unlock()
	if f.died.Add(1) > f.limit.Load() {
		return
	}
	if f.spawn() == nil {
		f.replaced.Add(1)
	}
}

// alive returns an error when no worker is left and none will be started:
// every one died, more often than the fleet replaces them. While a
// replacement is on its way it returns nil.
func (f *fleet) alive() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.procs) > 0 || f.closed || f.died.Load() <= f.limit.Load() {
		return nil
	}
	return fmt.Errorf("no worker left: %d died unasked, more than the %d the run replaces; the last: %v", f.died.Load(), f.limit.Load(), f.lastDeath)
}

// waitIdle waits until at least n workers wait for a task on q. A worker of
// f that dies meanwhile fails the wait with its last words.
func waitIdle(ctx context.Context, q *queue.Queue, n int, f *fleet) error {
	deadline := time.Now().Add(joinTimeout)
	for {
		idle, err := q.Idle(ctx)
		if err != nil {
			return fmt.Errorf("ask the queue for its workers: %w", err)
		}
		if idle >= n {
			return nil
		}
		if f != nil {
			if err := f.deadWorker(); err != nil {
				return err
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d of %d workers joined the queue within %v", idle, n, joinTimeout)
		}
		if err := clock.Sleep(ctx, 10*time.Millisecond); err != nil {
			return err
		}
	}
}

// deadWorker returns an error for a worker that exited unasked.
func (f *fleet) deadWorker() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.procs {
		select {
		case <-p.Done():
			return fmt.Errorf("worker %s (pid %d) exited before it joined the queue: %w", p.Name, p.PID, p.Stop(0))
		default:
		}
	}
	return nil
}

// killOne sends SIGKILL to one worker chosen at random, with no warning, and
// starts a replacement. It returns the victim's pid.
func (f *fleet) killOne() (int, error) {
	f.mu.Lock()
	if len(f.procs) == 0 {
		f.mu.Unlock()
		return 0, errors.New("no local worker to kill")
	}
	i := rand.IntN(len(f.procs))
	victim := f.procs[i]
	f.procs = append(f.procs[:i], f.procs[i+1:]...)
	f.mu.Unlock()

	victim.Kill()
	_ = victim.Stop(0) // reap it; its death is the point, not an error
	f.killed.Add(1)
	if err := f.spawn(); err != nil {
		return victim.PID, fmt.Errorf("replace the killed worker: %w", err)
	}
	f.restarted.Add(1)
	return victim.PID, nil
}

// size returns how many workers the fleet has.
func (f *fleet) size() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.procs)
}

// stopGrace is how long a worker may take to leave after its coordinator
// closes its pipe.
const stopGrace = 2 * time.Second

// stop ends every worker at once and waits for them.
func (f *fleet) stop() error {
	f.mu.Lock()
	procs := f.procs
	f.procs, f.closed = nil, true
	f.mu.Unlock()
	errs := make([]error, len(procs))
	var wg sync.WaitGroup
	for i, p := range procs {
		wg.Go(func() { errs[i] = p.Stop(stopGrace) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// The fleet's figures of workers that died unasked, declared once for every
// reader (see measure.Metric): a run whose workers were killed from outside
// says so beside its result.
var (
	_ = measure.DeclareMetric(measure.Metric{Name: "workers_died", Better: measure.Lower,
		Meaning: "local workers that exited unasked (killed from outside, crashed), each replaced while the run allows; their tasks come back after the ack wait"})
	_ = measure.DeclareMetric(measure.Metric{Name: "workers_replaced", Better: measure.Neither,
		Meaning: "workers started in place of those that died unasked"})
)
