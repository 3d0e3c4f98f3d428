package machines

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/perflab/perflab/labs/internal/clock"
	"github.com/perflab/perflab/labs/internal/queue"
	"github.com/perflab/perflab/labs/internal/worker"
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
}

// joinTimeout bounds how long workers may take to connect and ask for a
// task.
const joinTimeout = 30 * time.Second

// startFleet spawns n workers and waits until each has asked the queue for a
// task, so that start-up is not measured. Cancelling ctx kills them all.
func startFleet(ctx context.Context, url string, n int, q *queue.Queue, python bool) (*fleet, error) {
	f := &fleet{ctx: ctx, url: url, stream: q.StreamName(), python: python}
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
	return nil
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
