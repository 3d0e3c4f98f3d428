package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/perflab/perflab/labs/internal/clock"
)

// The work queue's names, shared by the coordinator that creates it and the
// workers, local or on other machines, that pull from it.
const (
	// StreamName is the JetStream stream that holds tasks until a worker
	// acknowledges them.
	StreamName = "PERFLAB_TASKS"
	// TaskSubject is where the coordinator publishes tasks.
	TaskSubject = "perflab.tasks"
	// ConsumerName is the durable pull consumer every worker shares: each
	// task goes to one of them.
	ConsumerName = "perflab-workers"
	// HeaderReply is the task message header naming the subject a result
	// goes to.
	HeaderReply = "Perflab-Reply"
)

// Timings of the NATS worker's loop.
const (
	// pullWait is how long one pull waits for a task before it asks again;
	// short enough that a deleted queue or a signal is noticed soon.
	pullWait = 2 * time.Second
	// retryWait spaces attempts to find the queue when no coordinator has
	// created it yet.
	retryWait = 250 * time.Millisecond
	// serverWait is how long a worker waits for an unreachable server,
	// trying every reconnectWait.
	serverWait    = 2 * time.Minute
	reconnectWait = time.Second
)

// ServeNATS is the worker's loop over a NATS JetStream work queue: it pulls
// one task at a time from the shared consumer, runs it, publishes the result
// to the subject the task names, and only then acknowledges the task, so
// that a worker that dies mid-task leaves it to be redelivered to another.
//
// A worker outlives runs: it waits for a coordinator to create the queue, and
// when a run ends and the queue goes, waits for the next. It waits as well for
// a server that is not up yet or restarts, for up to serverWait. It returns
// nil when ctx is cancelled, and an error when the server stays away.
func ServeNATS(ctx context.Context, url, name string, log io.Writer) error {
	if log == nil {
		log = io.Discard
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	connected := func(nc *nats.Conn) {
		fmt.Fprintf(log, "perflab worker %s: connected to %s, waiting for tasks\n", name, nc.ConnectedUrlRedacted())
	}
	var gone atomic.Bool
	nc, err := nats.Connect(url,
		nats.Name("perflab worker "+name),
		// Machines start in any order: keep trying a server that is not
		// up yet, and one that goes away, for serverWait.
		nats.RetryOnFailedConnect(true),
		nats.ReconnectWait(reconnectWait),
		nats.MaxReconnects(int(serverWait/reconnectWait)),
		nats.ConnectHandler(connected),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				fmt.Fprintf(log, "perflab worker %s: disconnected: %v; retrying\n", name, err)
			}
		}),
		nats.ReconnectHandler(connected),
		nats.ClosedHandler(func(*nats.Conn) {
			gone.Store(true)
			cancel()
		}),
	)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", url, err)
	}
	defer nc.Close()
	if nc.IsConnected() {
		connected(nc)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	w := &natsWorker{nc: nc, js: js, name: name, log: log}
	for ctx.Err() == nil {
		cons, err := w.consumer(ctx)
		if err != nil {
			break
		}
		w.pull(ctx, cons)
	}
	if gone.Load() {
		return fmt.Errorf("no NATS server at %s for %v", url, serverWait)
	}
	return nil
}

type natsWorker struct {
	nc   *nats.Conn
	js   jetstream.JetStream
	name string
	log  io.Writer
	out  []byte
}

// consumer waits until the queue exists and returns its consumer.
func (w *natsWorker) consumer(ctx context.Context) (jetstream.Consumer, error) {
	for {
		cons, err := w.js.Consumer(ctx, StreamName, ConsumerName)
		if err == nil {
			return cons, nil
		}
		if err := clock.Sleep(ctx, retryWait); err != nil {
			return nil, err
		}
	}
}

// pull runs tasks from cons until ctx ends or the consumer goes away.
func (w *natsWorker) pull(ctx context.Context, cons jetstream.Consumer) {
	ackWait := cons.CachedInfo().Config.AckWait
	for ctx.Err() == nil {
		pctx, cancel := context.WithTimeout(ctx, pullWait)
		// One message per pull: a worker never holds a second task while
		// it works on the first, so tasks spread evenly and a killed
		// worker strands at most one.
		msg, err := cons.Next(jetstream.FetchContext(pctx))
		cancel()
		switch {
		case err == nil:
			w.handle(ctx, msg, ackWait)
		case ctx.Err() != nil:
			return
		case errors.Is(err, context.DeadlineExceeded), errors.Is(err, nats.ErrTimeout):
			// No task within pullWait: ask again.
		default:
			// The queue was deleted or the server is restarting:
			// look the consumer up again.
			_ = clock.Sleep(ctx, retryWait)
			return
		}
	}
}

// handle runs one task and answers it: result first, acknowledgement after.
func (w *natsWorker) handle(ctx context.Context, msg jetstream.Msg, ackWait time.Duration) {
	t, err := DecodeTask(msg.Data())
	reply := msg.Headers().Get(HeaderReply)
	if err != nil || reply == "" {
		// A task no worker can read must not be redelivered forever.
		fmt.Fprintf(w.log, "perflab worker %s: dropping a task: %v (reply %q)\n", w.name, err, reply)
		w.settle(msg.Term(), "drop", 0)
		return
	}
	deliveries := uint32(1)
	if md, err := msg.Metadata(); err == nil {
		deliveries = uint32(md.NumDelivered)
	}
	stop := keepAlive(msg, ackWait)
	start := time.Now()
	v, err := Do(ctx, t)
	service := time.Since(start)
	stop()
	if ctx.Err() != nil {
		// Shutting down mid-task: hand the task back at once rather than
		// after the ack wait.
		w.settle(msg.Nak(), "hand back", t.ID)
		return
	}
	res := Result{ID: t.ID, Value: v, ServiceNs: int64(service), Deliveries: deliveries, Worker: w.name}
	if err != nil {
		res.Err = err.Error()
	}
	w.out = AppendResult(w.out[:0], res)
	if err := w.nc.Publish(reply, w.out); err != nil {
		// Without a result the task must run again: leave it unacked.
		fmt.Fprintf(w.log, "perflab worker %s: publish result of task %d: %v\n", w.name, t.ID, err)
		w.settle(msg.Nak(), "hand back", t.ID)
		return
	}
	// The result and the ack leave on one connection in this order, so the
	// server routes the result before it sees the ack.
	w.settle(msg.Ack(), "ack", t.ID)
}

// settle reports a failed ack, nak or term. None is fatal: the server
// redelivers a task it did not hear about after the ack wait, and the
// coordinator drops a second result for a task it has; but a person watching
// the worker should see why a task came back.
func (w *natsWorker) settle(err error, what string, id uint64) {
	if err != nil {
		fmt.Fprintf(w.log, "perflab worker %s: %s task %d: %v\n", w.name, what, id, err)
	}
}

// keepAlive tells the server, every third of the ack wait, that a long task
// is still in progress, so that it is not redelivered to a second worker
// while the first is still on it. It returns a function that stops it.
func keepAlive(msg jetstream.Msg, ackWait time.Duration) (stop func()) {
	if ackWait <= 0 {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(ackWait / 3)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				// A lost keep-alive costs at worst a redelivery,
				// which the queue counts; the next tick tries again.
				_ = msg.InProgress()
			case <-done:
				return
			}
		}
	}()
	return func() { close(done); <-finished }
}
