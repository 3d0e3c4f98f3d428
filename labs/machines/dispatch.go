package machines

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/perflab/perflab/labs/internal/clock"
	"github.com/perflab/perflab/labs/internal/queue"
	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// queueSubject is the queue strategy's state: the server (when embedded),
// the queue, the local fleet and the fault injector.
type queueSubject struct {
	fx     *fixture
	srv    *queue.Server
	q      *queue.Queue
	fleet  *fleet
	stall  time.Duration
	busyNs int64 // time spent in batches, for throughput
	// running is set while a batch is at the workers: only then does a
	// worker hold a task that a kill makes the queue redeliver.
	running atomic.Bool
	// ctx is the run's, for a kill a person asks for.
	ctx context.Context

	stopKiller context.CancelFunc
	killerDone chan struct{}
	killErr    error // read after killerDone is closed
}

func newQueue(env *lab.Env) (*measure.Subject, error) {
	_, s, err := openQueueSubject(env)
	return s, err
}

// openQueueSubject starts the queue strategy and returns its state beside
// its subject, for a test to reach the fleet.
func openQueueSubject(env *lab.Env) (*queueSubject, *measure.Subject, error) {
	fx := env.Fixture.(*fixture)
	c := &queueSubject{fx: fx, stall: fx.ackWait*time.Duration(fx.maxDeliver) + 5*time.Second + 2*fx.cost, ctx: env.Ctx}
	if err := c.start(env.Ctx); err != nil {
		return nil, nil, errors.Join(err, c.close())
	}
	lab.FaultsFrom(env.Ctx).OnKillWorkerWhen(c.canKill, c.killNow)
	return c, &measure.Subject{
		Recorders: 1,
		External:  true,
		Drive: func(ctx context.Context, recs []*measure.Recorder) error {
			t0 := measure.Now()
			c.running.Store(true)
			err := c.q.Run(ctx, fx.batch(), fx.inflight, recs[0], c.stall)
			c.running.Store(false)
			c.busyNs += measure.Now() - t0
			return err
		},
		Metrics: c.metrics,
		Close:   c.close,
	}, nil
}

// start brings up the server unless one was named, the queue, the fleet and
// the fault injector.
func (c *queueSubject) start(ctx context.Context) error {
	url := c.fx.url
	if url == "" {
		srv, err := queue.StartServer(c.fx.listen, c.fx.token)
		if err != nil {
			return err
		}
		c.srv, url = srv, srv.URL()
	}
	q, err := queue.OpenQueue(ctx, url, queue.QueueOptions{AckWait: c.fx.ackWait, MaxDeliver: c.fx.maxDeliver, Check: c.fx.check, Workers: c.workersAlive})
	if err != nil {
		return err
	}
	c.q = q
	if c.fx.workers == 0 {
		// Only workers elsewhere: wait for the first to ask for a task.
		if err := waitIdle(ctx, q, 1, nil); err != nil {
			return fmt.Errorf("%w: start perflab worker --nats %s on each machine", err, worker.RedactURL(url))
		}
		return nil
	}
	if c.fleet, err = startFleet(ctx, url, c.fx.workers, q, isPython(c.fx.task)); err != nil {
		return err
	}
	if c.fx.killAfter > 0 {
		kctx, cancel := context.WithCancel(ctx)
		c.stopKiller, c.killerDone = cancel, make(chan struct{})
		go func() {
			defer close(c.killerDone)
			c.killErr = c.killLater(kctx)
		}()
	}
	return nil
}

// workersAlive returns an error when the local fleet has no worker left and
// will start none. Without a local fleet (workers elsewhere only) nothing
// here can tell, and the queue's stall bound ends a batch nobody takes.
func (c *queueSubject) workersAlive() error {
	if c.fleet == nil {
		return nil
	}
	return c.fleet.alive()
}

// killLater waits killAfter, then until every local worker holds a task, and
// kills one: so the victim dies mid-task, with a task the queue must
// redeliver.
func (c *queueSubject) killLater(ctx context.Context) error {
	if clock.Sleep(ctx, c.fx.killAfter) != nil {
		return nil
	}
	busy, err := c.waitBusy(ctx)
	if ctx.Err() != nil || !busy {
		return nil
	}
	if err != nil {
		return fmt.Errorf("kill a worker: %w", err)
	}
	_, err = c.fleet.killOne()
	return err
}

// waitBusy waits until every local worker holds a task, or ctx ends; busy
// says whether they all did.
func (c *queueSubject) waitBusy(ctx context.Context) (busy bool, err error) {
	want := min(c.fleet.size(), c.fx.inflight)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		n, err := c.q.InFlight(ctx)
		if ctx.Err() != nil {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if n >= want {
			return true, nil
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return false, nil
		}
	}
}

// canKill reports whether a kill now would take a task down with its
// worker: there are local workers, and the queue strategy's batch is at
// them. During the local strategy's turn the workers are idle.
func (c *queueSubject) canKill() bool {
	return c.fleet != nil && c.running.Load() && c.fleet.size() > 0
}

// settleBound bounds how long the end of a run waits for the queue to
// empty: a redelivery comes after the ack wait, a second by default.
const settleBound = 2 * time.Second

// killWait bounds how long a kill a person asks for waits for every worker
// to hold a task: a batch refills the workers within a task's time.
const killWait = 2 * time.Second

// killNow kills a local worker at a person's request, once every worker
// holds a task, so that the victim surely held one, and says what comes of
// it; if they do not all hold one within killWait, it kills none.
func (c *queueSubject) killNow() (string, error) {
	if c.fleet == nil {
		return "", errors.New("workers=0: there is no local worker to kill")
	}
	if !c.running.Load() {
		return "", lab.ErrNotReady
	}
	ctx, cancel := context.WithTimeout(c.ctx, killWait+c.fx.cost)
	busy, err := c.waitBusy(ctx)
	cancel()
	if err != nil {
		return "", fmt.Errorf("kill a worker: %w", err)
	}
	if !busy {
		// Killing now might take no task down: the promise of a
		// redelivery would not hold, so nothing is killed.
		return "", errors.New("nothing killed: the queue strategy's turn ended before every worker held a task; press x again during its turn")
	}
	pid, err := c.fleet.killOne()
	if err != nil {
		return "", err
	}
	// killOne has started the replacement by now: the count is the
	// fleet's as it stands.
	return fmt.Sprintf("killed worker pid %d mid-task: the queue redelivers its task to another worker after ack_wait (%v); a replacement was started (%d workers)", pid, c.fx.ackWait, c.fleet.size()), nil
}

// metrics gathers the queue's accounting, the faults injected and the
// scaling figures: throughput against the ideal of inflight workers each
// doing a task per cost.
func (c *queueSubject) metrics() map[string]float64 {
	// A task whose acknowledgement a server restart lost comes back
	// after the ack wait, and its second result is a duplicate: wait for
	// the queue to empty, within settleBound, so that the figures count
	// what went over the wire.
	// With no worker left nothing would empty it.
	if c.workersAlive() == nil {
		c.q.Settle(c.ctx, min(c.fx.ackWait+2*c.fx.cost, settleBound))
	}
	m := c.q.Metrics()
	if c.fleet != nil {
		m["workers"] = float64(c.fx.workers)
		m["workers_killed"] = float64(c.fleet.killed.Load())
		m["workers_restarted"] = float64(c.fleet.restarted.Load())
		m["workers_died"] = float64(c.fleet.died.Load())
		m["workers_replaced"] = float64(c.fleet.replaced.Load())
	}
	m["task_cost_ns"] = float64(c.fx.cost)
	if c.busyNs > 0 && c.fx.cost > 0 {
		tput := m["tasks_completed"] / (float64(c.busyNs) / 1e9)
		ideal := float64(c.fx.inflight) * 1e9 / float64(c.fx.cost)
		m["throughput_per_s"] = tput
		m["ideal_throughput_per_s"] = ideal
		m["efficiency"] = tput / ideal
	}
	return m
}

// close stops the fault injector, the fleet, the queue and the server, in
// that order: workers leave before the queue they pull from goes away.
func (c *queueSubject) close() error {
	var errs []error
	if c.stopKiller != nil {
		c.stopKiller()
		<-c.killerDone
		errs = append(errs, c.killErr)
	}
	if c.fleet != nil {
		errs = append(errs, c.fleet.stop())
	}
	if c.q != nil {
		errs = append(errs, c.q.Close())
	}
	if c.srv != nil {
		errs = append(errs, c.srv.Close())
	}
	return errors.Join(errs...)
}
