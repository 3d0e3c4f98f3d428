package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/measure"
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
}

// setupTimeout bounds each call to the server while the queue is set up or
// torn down.
const setupTimeout = 10 * time.Second

// A Queue is the coordinator's side of the work queue: it publishes tasks to
// a JetStream stream that keeps each until a worker acknowledges it, and
// collects the results workers publish to its inbox. It is used by one
// goroutine at a time.
type Queue struct {
	nc      *nats.Conn
	js      jetstream.JetStream
	cons    jetstream.Consumer
	sub     *nats.Subscription
	inbox   string
	results chan *nats.Msg
	opts    QueueOptions
	nextID  uint64
	// done maps every completed task to the most deliveries seen for it:
	// a later result for it is a duplicate, dropped and counted.
	done  map[uint64]uint32
	stats queueStats
	buf   []byte
}

// queueStats is the queue's accounting over a run.
type queueStats struct {
	submitted, completed, failed, recorded uint64
	lost, duplicates, stale, malformed     uint64
	redeliveries                           uint64
	roundTripNs, serviceNs                 int64
	workers                                map[string]bool
}

// resultBuffer holds results that arrived while the coordinator was busy
// publishing. At most one result per task in flight, plus the odd
// duplicate, is ever waiting, so this is far more than needed; a full
// buffer would make NATS drop results, and the tasks would count as lost.
const resultBuffer = 4096

// OpenQueue connects to the server at url and makes the work queue ready:
// a work-queue stream, emptied of any task a previous run left, and the
// durable pull consumer that workers share.
func OpenQueue(ctx context.Context, url string, o QueueOptions) (*Queue, error) {
	nc, err := nats.Connect(url, nats.Name("perflab coordinator"))
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", url, err)
	}
	q := &Queue{nc: nc, opts: o, done: map[uint64]uint32{}, results: make(chan *nats.Msg, resultBuffer)}
	q.stats.workers = map[string]bool{}
	if err := q.setup(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return q, nil
}

func (q *Queue) setup(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, setupTimeout)
	defer cancel()
	var err error
	if q.js, err = jetstream.New(q.nc); err != nil {
		return err
	}
	stream, err := q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:     worker.StreamName,
		Subjects: []string{worker.TaskSubject},
		// A work queue keeps a task until it is acknowledged, then
		// drops it: each task goes to exactly one worker at a time.
		Retention: jetstream.WorkQueuePolicy,
		Storage:   jetstream.FileStorage,
	})
	if err != nil {
		return fmt.Errorf("create the task stream (is JetStream on?): %w", err)
	}
	if err := stream.Purge(ctx); err != nil {
		return fmt.Errorf("empty the task stream: %w", err)
	}
	q.cons, err = q.js.CreateOrUpdateConsumer(ctx, worker.StreamName, jetstream.ConsumerConfig{
		Durable:       worker.ConsumerName,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.opts.AckWait,
		MaxDeliver:    q.opts.MaxDeliver,
		MaxAckPending: resultBuffer / 2,
	})
	if err != nil {
		return fmt.Errorf("create the workers' consumer: %w", err)
	}
	q.inbox = q.nc.NewInbox()
	if q.sub, err = q.nc.ChanSubscribe(q.inbox, q.results); err != nil {
		return err
	}
	return q.nc.Flush()
}

// Close deletes the queue, so that nothing of the run stays on a server that
// outlives it and workers elsewhere go back to waiting, then disconnects.
func (q *Queue) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	err := q.sub.Unsubscribe()
	if derr := q.js.DeleteStream(ctx, worker.StreamName); derr != nil && !errors.Is(derr, jetstream.ErrStreamNotFound) {
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

// A Recorder takes each task's latency, or counts a failed task: a
// *measure.Recorder.
type Recorder interface {
	Record(ns int64)
	Error()
}

var _ Recorder = (*measure.Recorder)(nil)

// inFlightTask is a task submitted and not yet answered.
type inFlightTask struct {
	task  worker.Task
	start int64
}

// Run does one batch: it submits the tasks, keeping at most window of them
// in flight, and waits until each has a result. A task's latency, recorded
// in rec, is its round trip on this machine's clock, from just before it is
// published to the arrival of its result: never a difference of two
// machines' clocks. If stall passes with no result, the tasks still out
// are counted lost and Run fails.
func (q *Queue) Run(ctx context.Context, tasks []worker.Task, window int, rec Recorder, stall time.Duration) error {
	pending := make(map[uint64]inFlightTask, window)
	next := 0
	timer := time.NewTimer(stall)
	defer timer.Stop()
	for next < len(tasks) || len(pending) > 0 {
		for len(pending) < window && next < len(tasks) {
			t := tasks[next]
			q.nextID++
			t.ID = q.nextID
			start := measure.Now()
			if err := q.submit(ctx, t); err != nil {
				return err
			}
			pending[t.ID] = inFlightTask{task: t, start: start}
			next++
		}
		select {
		case m := <-q.results:
			if q.accept(m.Data, pending, rec) {
				timer.Reset(stall)
			}
		case <-timer.C:
			lost := len(pending) + len(tasks) - next
			q.stats.lost += uint64(lost)
			return fmt.Errorf("%d tasks got no result within %v: lost", lost, stall)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// submit publishes t and waits for the stream to store it.
func (q *Queue) submit(ctx context.Context, t worker.Task) error {
	q.buf = worker.AppendTask(q.buf[:0], t)
	msg := nats.NewMsg(worker.TaskSubject)
	msg.Header.Set(worker.HeaderReply, q.inbox)
	msg.Data = q.buf
	if _, err := q.js.PublishMsg(ctx, msg); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("publish task %d: %w", t.ID, err)
	}
	q.stats.submitted++
	return nil
}

// accept takes one result: the first for a pending task completes it;
// another for a completed task is a duplicate, dropped. It reports whether
// a pending task completed.
func (q *Queue) accept(data []byte, pending map[uint64]inFlightTask, rec Recorder) bool {
	now := measure.Now()
	r, err := worker.DecodeResult(data)
	if err != nil {
		q.stats.malformed++
		return false
	}
	p, ok := pending[r.ID]
	if !ok {
		if seen, done := q.done[r.ID]; done {
			q.stats.duplicates++
			if r.Deliveries > seen {
				q.stats.redeliveries += uint64(r.Deliveries - seen)
				q.done[r.ID] = r.Deliveries
			}
		} else {
			q.stats.stale++ // from a batch given up on
		}
		return false
	}
	delete(pending, r.ID)
	q.done[r.ID] = r.Deliveries
	q.stats.completed++
	q.stats.redeliveries += uint64(max(r.Deliveries, 1) - 1)
	q.stats.workers[r.Worker] = true
	if r.Err == "" && q.opts.Check != nil {
		if err := q.opts.Check(p.task, r.Value); err != nil {
			r.Err = err.Error()
		}
	}
	if r.Err != "" {
		q.stats.failed++
		rec.Error()
		return true
	}
	rtt := now - p.start
	rec.Record(rtt)
	q.stats.recorded++
	q.stats.roundTripNs += rtt
	q.stats.serviceNs += r.ServiceNs
	return true
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
	if s.stale > 0 {
		m["stale_results"] = float64(s.stale)
	}
	if s.malformed > 0 {
		m["malformed_results"] = float64(s.malformed)
	}
	if s.recorded > 0 {
		rtt, svc := float64(s.roundTripNs)/float64(s.recorded), float64(s.serviceNs)/float64(s.recorded)
		m["round_trip_ns_per_task"] = rtt
		m["service_ns_per_task"] = svc
		m["queue_ns_per_task"] = rtt - svc
	}
	return m
}
