package queue

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/perflab/perflab/labs/internal/worker"
)

// QueueOptions configure the work queue.
type QueueOptions struct {
	// AckWait is how long a worker may hold a task without acknowledging
	// it before the server hands it to another worker.
	AckWait time.Duration
	// MaxDeliver is how many times a task is delivered at most.
	MaxDeliver int
	// Check, if set, vets a task's value; an error counts the task as
	// failed.
	Check func(t worker.Task, value uint64) error
	// ReconnectWindow is how long the coordinator keeps trying a server
	// that went away before the run fails; DefaultReconnectWindow if 0.
	ReconnectWindow time.Duration
	// Workers, if set, says whether any worker is left to take a task: a
	// batch whose workers are all gone for good ends at once with its
	// error, as lost tasks, rather than wait for results that cannot
	// come. It is asked every workersCheck while a batch runs.
	Workers func() error
}

// workersCheck spaces the questions to QueueOptions.Workers: a tenth of a
// second is nothing beside the ack wait a dead worker's task waits anyway.
const workersCheck = 100 * time.Millisecond

// DefaultReconnectWindow rides out a server restart, which takes a second
// or two, and gives up on a server gone for good soon enough that a person
// is not left waiting.
const DefaultReconnectWindow = 10 * time.Second

// reconnectWait spaces the coordinator's attempts to reach its server.
const reconnectWait = 250 * time.Millisecond

// setupTimeout bounds each call to the server while the queue is set up or
// torn down.
const setupTimeout = 10 * time.Second

// A Queue is the coordinator's side of the work queue: it publishes tasks to
// a JetStream stream of its own, which keeps each until a worker
// acknowledges it, and collects the results workers publish to its inbox.
// It is used by one goroutine at a time, and rides out a restart of its
// server (see recover).
type Queue struct {
	nc      *nats.Conn
	js      jetstream.JetStream
	stream  jetstream.Stream
	cons    jetstream.Consumer
	sub     *nats.Subscription
	url     string
	id      string // the run's, naming its stream and subject
	inbox   string
	results chan *nats.Msg
	opts    QueueOptions
	nextID  uint64
	// created is when the server made the stream: a later one means the
	// server lost its store and the stream is new.
	created time.Time
	// reconnected has a token when the connection came back; closed is
	// closed when it is gone for good.
	reconnected chan struct{}
	closed      chan struct{}
	closeOnce   sync.Once
	// done maps every completed task to the most deliveries seen for it:
	// a later result for it is a duplicate, dropped and counted.
	done  map[uint64]uint32
	stats queueStats
	buf   []byte
}

// queueStats is the queue's accounting over a run. Every task submitted
// ends completed, lost, or in flight at a cancel: see Accounted.
type queueStats struct {
	submitted, completed, failed, recorded uint64
	lost, cancelled, duplicates            uint64
	stale, malformed                       uint64
	redeliveries, resubmitted, reconnects  uint64
	// outstanding is what the queue still held when Settle gave up.
	outstanding            uint64
	roundTripNs, serviceNs int64
	workers                map[string]bool
}

// resultBuffer holds results that arrived while the coordinator was busy
// publishing. At most one result per task in flight, plus the odd
// duplicate, is ever waiting, so this is far more than needed; a full
// buffer would make NATS drop results, and the tasks would count as lost.
const resultBuffer = 4096

// OpenQueue connects to the server at url and makes the run's work queue
// ready: a work-queue stream and subject named after the run, and the
// durable pull consumer that its workers share.
func OpenQueue(ctx context.Context, url string, o QueueOptions) (*Queue, error) {
	if o.ReconnectWindow <= 0 {
		o.ReconnectWindow = DefaultReconnectWindow
	}
	q := &Queue{
		url: url, id: newRunID(), opts: o, done: map[uint64]uint32{},
		results:     make(chan *nats.Msg, resultBuffer),
		reconnected: make(chan struct{}, 1),
		closed:      make(chan struct{}),
	}
	q.stats.workers = map[string]bool{}
	nc, err := nats.Connect(url,
		nats.Name("perflab coordinator "+q.id),
		nats.ReconnectWait(reconnectWait),
		nats.MaxReconnects(int(o.ReconnectWindow/reconnectWait)),
		nats.ReconnectHandler(func(*nats.Conn) {
			select {
			case q.reconnected <- struct{}{}:
			default:
			}
		}),
		nats.ClosedHandler(func(*nats.Conn) { q.closeOnce.Do(func() { close(q.closed) }) }),
	)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", worker.RedactURL(url), err)
	}
	q.nc = nc
	if q.js, err = jetstream.New(nc); err != nil {
		nc.Close()
		return nil, err
	}
	if err := q.ensure(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	q.inbox = nc.NewInbox()
	if q.sub, err = nc.ChanSubscribe(q.inbox, q.results); err != nil {
		nc.Close()
		return nil, err
	}
	if err := nc.Flush(); err != nil {
		nc.Close()
		return nil, err
	}
	return q, nil
}

// newRunID returns a name for the run's stream and subject, unique among
// the runs that may share a server.
func newRunID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on Linux
	return hex.EncodeToString(b[:])
}

// StreamName is the run's stream, for workers told to serve it alone.
func (q *Queue) StreamName() string { return worker.StreamName(q.id) }

// ensure creates the run's stream and consumer, or finds them as they are,
// and reports through q.created whether the stream is a new one.
func (q *Queue) ensure(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, setupTimeout)
	defer cancel()
	stream, err := q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:     q.StreamName(),
		Subjects: []string{worker.TaskSubject(q.id)},
		// A work queue keeps a task until it is acknowledged, then
		// drops it: each task goes to exactly one worker at a time.
		Retention: jetstream.WorkQueuePolicy,
		Storage:   jetstream.FileStorage,
	})
	if err != nil {
		return fmt.Errorf("create the task stream (is JetStream on?): %w", err)
	}
	q.stream = stream
	q.created = stream.CachedInfo().Created
	q.cons, err = q.js.CreateOrUpdateConsumer(ctx, q.StreamName(), jetstream.ConsumerConfig{
		Durable:       worker.ConsumerName,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.opts.AckWait,
		MaxDeliver:    q.opts.MaxDeliver,
		MaxAckPending: resultBuffer / 2,
	})
	if err != nil {
		return fmt.Errorf("create the workers' consumer: %w", err)
	}
	return nil
}

// Close deletes the run's queue, and nothing else, so that nothing of the
// run stays on a server that outlives it and workers elsewhere go back to
// waiting, then disconnects. A server already gone has nothing to delete:
// the failure was reported when it went.
func (q *Queue) Close() error {
	err := q.sub.Unsubscribe()
	if q.nc.IsClosed() {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	if derr := q.js.DeleteStream(ctx, q.StreamName()); derr != nil && !errors.Is(derr, jetstream.ErrStreamNotFound) {
		err = errors.Join(err, fmt.Errorf("delete the task stream: %w", derr))
	}
	q.nc.Close()
	return err
}

// InFlight returns how many tasks workers hold unacknowledged.
func (q *Queue) InFlight(ctx context.Context) (int, error) {
	info, err := q.cons.Info(ctx)
	if err != nil {
		return 0, err
	}
	return info.NumAckPending, nil
}

// Idle returns how many pull requests, one per idle worker, wait for a task.
func (q *Queue) Idle(ctx context.Context) (int, error) {
	info, err := q.cons.Info(ctx)
	if err != nil {
		return 0, err
	}
	return info.NumWaiting, nil
}

// Accounted reports whether every task submitted is accounted for: each
// one completed, lost, or in flight when a run was cancelled.
func (q *Queue) Accounted() error {
	s := &q.stats
	if s.submitted != s.completed+s.lost+s.cancelled {
		return fmt.Errorf("%d tasks submitted, but %d completed + %d lost + %d in flight at a cancel", s.submitted, s.completed, s.lost, s.cancelled)
	}
	return nil
}

// Metrics returns the queue's accounting: what every lab of this kind
// must show. tasks_lost and tasks_counted_twice must be 0.
func (q *Queue) Metrics() map[string]float64 {
	s := &q.stats
	m := map[string]float64{
		"tasks_submitted": float64(s.submitted),
		"tasks_completed": float64(s.completed),
		"tasks_failed":    float64(s.failed),
		"tasks_lost":      float64(s.lost),
		// Every result is counted once, by task id: completions beyond
		// the number of distinct tasks completed would be double counts.
		"tasks_counted_twice": float64(s.completed - uint64(len(q.done))),
		"duplicate_results":   float64(s.duplicates),
		"redeliveries":        float64(s.redeliveries),
		"workers_seen":        float64(len(s.workers)),
	}
	optional := map[string]uint64{
		"tasks_in_flight_at_cancel": s.cancelled,
		"tasks_resubmitted":         s.resubmitted,
		"server_reconnects":         s.reconnects,
		"stale_results":             s.stale,
		"malformed_results":         s.malformed,
		"tasks_outstanding_at_end":  s.outstanding,
	}
	for k, v := range optional {
		if v > 0 {
			m[k] = float64(v)
		}
	}
	if s.recorded > 0 {
		rtt, svc := float64(s.roundTripNs)/float64(s.recorded), float64(s.serviceNs)/float64(s.recorded)
		m["round_trip_ns_per_task"] = rtt
		m["service_ns_per_task"] = svc
		m["queue_ns_per_task"] = rtt - svc
	}
	return m
}
