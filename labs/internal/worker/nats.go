package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	neturl "net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/perflab/perflab/labs/internal/clock"
)

// The work queue's names, shared by the coordinator that creates it and the
// workers, local or on other machines, that pull from it. Each run owns a
// stream and a subject named after it, so that two runs on one server
// neither share tasks nor delete each other's queue.
const (
	// StreamPrefix starts the name of every run's JetStream stream, which
	// holds tasks until a worker acknowledges them.
	StreamPrefix = "PERFLAB_TASKS_"
	// SubjectPrefix starts the subject every run publishes its tasks to.
	SubjectPrefix = "perflab.tasks."
	// ConsumerName is the durable pull consumer of a run's stream that
	// every worker of the run shares: each task goes to one of them.
	ConsumerName = "perflab-workers"
	// HeaderReply is the task message header naming the subject a result
	// goes to.
	HeaderReply = "Perflab-Reply"
)

// StreamName is the stream of the run with the given id.
func StreamName(run string) string { return StreamPrefix + strings.ToUpper(run) }

// TaskSubject is the subject the run with the given id publishes tasks to.
func TaskSubject(run string) string { return SubjectPrefix + strings.ToLower(run) }

// URLSchemes are the schemes of a NATS server's URL that nats.go dials.
var URLSchemes = []string{"nats", "tls", "ws", "wss"}

// Timings of the NATS worker's loop.
const (
	// pullWait is how long one pull waits for a task before it asks again;
	// short enough that a deleted queue or a signal is noticed soon.
	pullWait = 2 * time.Second
	// retryWait spaces attempts to find a queue when no coordinator has
	// created one yet.
	retryWait = 250 * time.Millisecond
	// serverWait is how long a worker waits for an unreachable server,
	// trying every reconnectWait.
	serverWait    = 2 * time.Minute
	reconnectWait = time.Second
)

// ServeNATS is the worker's loop over a NATS JetStream work queue: it pulls
// one task at a time from a run's shared consumer, runs it, publishes the
// result to the subject the task names, and only then acknowledges the task,
// so that a worker that dies mid-task leaves it to be redelivered to another.
//
// A worker outlives runs: it waits for a coordinator to create a queue, and
// when a run ends and its queue goes, waits for the next. With stream set it
// serves that run's queue only, as a worker its coordinator spawned does;
// otherwise any run's. It waits as well for a server that is not up yet or
// restarts, for up to serverWait, and says so once. It returns nil when ctx
// is cancelled, and an error when the server stays away.
func ServeNATS(ctx context.Context, url, stream, name string, log io.Writer) error {
	return serveNATS(ctx, url, stream, name, log, false)
}

// serveNATS is ServeNATS; with python, the worker starts its Python
// process before it asks for a task, so that no task pays for the start,
// and a machine without a Python says so at once and exits.
func serveNATS(ctx context.Context, url, stream, name string, log io.Writer, python bool) error {
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
				fmt.Fprintf(log, "perflab worker %s: disconnected: %v; retrying every %v for up to %v\n", name, err, reconnectWait, serverWait)
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
	} else {
		// Said once, so that a person who started the worker before
		// the server knows it is waiting, for what, and how long.
		fmt.Fprintf(log, "perflab worker %s: no NATS server at %s yet; trying every %v for up to %v\n", name, RedactURL(url), reconnectWait, serverWait)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	// The Python kinds run in a CPython process the worker keeps from
	// task to task; it ends with the worker.
	run := NewRunner(ctx)
	defer func() {
		if err := run.Close(); err != nil {
			fmt.Fprintf(log, "perflab worker %s: stop its Python: %v\n", name, err)
		}
	}()
	if python {
		if err := run.Warm(); err != nil {
			if ctx.Err() != nil {
				// The coordinator left while the interpreter started
				// (a kill's replacement stopped with the run): a
				// clean end, not a failure.
				return nil
			}
			return err
		}
	}
	w := &natsWorker{nc: nc, js: js, stream: stream, name: name, log: log, run: run}
	for ctx.Err() == nil {
		cons, err := w.consumer(ctx)
		if err != nil {
			break
		}
		w.pull(ctx, cons)
	}
	if gone.Load() {
		return fmt.Errorf("no NATS server at %s for %v", RedactURL(url), serverWait)
	}
	return nil
}

// RedactURL hides the password or token of a URL, which a log or a
// message must not show.
func RedactURL(s string) string {
	u, err := neturl.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); !ok {
		// A user name alone is how a NATS URL carries a token.
		u.User = neturl.User("xxxxx")
		return u.String()
	}
	return u.Redacted()
}

type natsWorker struct {
	nc *nats.Conn
	js jetstream.JetStream
	// stream, if set, is the one run's stream to serve.
	stream string
	name   string
	log    io.Writer
	out    []byte
	run    *Runner
}

// consumer waits until a queue exists and returns its consumer: the run's
// named stream, or any run's, chosen at random so that workers spread over
// runs that share a server.
func (w *natsWorker) consumer(ctx context.Context) (jetstream.Consumer, error) {
	for {
		var idle jetstream.Consumer
		for _, stream := range w.streams(ctx) {
			cons, err := w.js.Consumer(ctx, stream, ConsumerName)
			if err != nil {
				continue
			}
			// A run with tasks waiting comes first.
			if cons.CachedInfo().NumPending > 0 {
				return cons, nil
			}
			if idle == nil {
				idle = cons
			}
		}
		if idle != nil {
			return idle, nil
		}
		if err := clock.Sleep(ctx, retryWait); err != nil {
			return nil, err
		}
	}
}

// streams lists the streams the worker may serve, in random order.
func (w *natsWorker) streams(ctx context.Context) []string {
	if w.stream != "" {
		return []string{w.stream}
	}
	lister := w.js.StreamNames(ctx, jetstream.WithStreamListSubject(SubjectPrefix+">"))
	var names []string
	for name := range lister.Name() {
		if strings.HasPrefix(name, StreamPrefix) {
			names = append(names, name)
		}
	}
	// An error of the listing leaves names short; the caller tries again.
	rand.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	return names
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
			if w.stream == "" {
				// Idle on one run while others may share the
				// server: choose again, so that no run starves
				// while its tasks wait.
				return
			}
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
	v, err := w.run.Do(ctx, t)
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
