package queue

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/perflab/perflab/labs/internal/clock"
	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/measure"
)

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
	// seq is the task's message in the stream; attempt counts its
	// submissions, from 1.
	seq     uint64
	attempt int
}

// pendingTasks are a batch's tasks in flight, by id.
type pendingTasks map[uint64]*inFlightTask

// Run does one batch: it submits the tasks, keeping at most window of them
// in flight, and waits until each has a result. A task's latency, recorded
// in rec, is its round trip on this machine's clock, from just before it is
// first published to the arrival of its result: never a difference of two
// machines' clocks, and with any outage of the server inside it.
//
// If stall passes with no result, the tasks in flight are counted lost and
// Run fails. If the server goes away and does not come back within the
// reconnect window, the tasks in flight are lost too, and the error is
// measure.Fatal: no later batch could run either.
func (q *Queue) Run(ctx context.Context, tasks []worker.Task, window int, rec Recorder, stall time.Duration) error {
	pending := make(pendingTasks, window)
	next := 0
	timer := time.NewTimer(stall)
	defer timer.Stop()
	var workers <-chan time.Time
	if q.opts.Workers != nil {
		t := time.NewTicker(workersCheck)
		defer t.Stop()
		workers = t.C
	}
	for next < len(tasks) || len(pending) > 0 {
		for len(pending) < window && next < len(tasks) {
			t := tasks[next]
			q.nextID++
			t.ID = q.nextID
			p := &inFlightTask{task: t, start: measure.Now()}
			if err := q.submit(ctx, p, pending); err != nil {
				return q.abandon(ctx, pending, err)
			}
			q.stats.submitted++
			pending[t.ID] = p
			next++
		}
		select {
		case m := <-q.results:
			if q.accept(m.Data, pending, rec) {
				timer.Reset(stall)
			}
		case <-q.reconnected:
			if err := q.recover(ctx, pending); err != nil {
				return q.abandon(ctx, pending, err)
			}
			timer.Reset(stall)
		case <-q.closed:
			return q.abandon(ctx, pending, q.goneError())
		case <-workers:
			if err := q.opts.Workers(); err != nil {
				// No later batch could run either.
				return measure.Fatal(q.abandon(ctx, pending, fmt.Errorf("%d tasks in flight lost: %w", len(pending), err)))
			}
		case <-timer.C:
			return q.abandon(ctx, pending, fmt.Errorf("%d tasks got no result within %v: lost", len(pending), stall))
		case <-ctx.Done():
			return q.abandon(ctx, pending, ctx.Err())
		}
	}
	return nil
}

// abandon ends a batch early with err and accounts for its tasks in flight:
// at a cancel they are neither completed nor lost; otherwise they are lost.
// Tasks never published are not counted at all. A lost server makes err
// fatal to the run.
func (q *Queue) abandon(ctx context.Context, pending pendingTasks, err error) error {
	if ctx.Err() != nil {
		q.stats.cancelled += uint64(len(pending))
		return ctx.Err()
	}
	q.stats.lost += uint64(len(pending))
	if q.nc.IsClosed() || errors.Is(err, errServerGone) {
		return measure.Fatal(err)
	}
	return err
}

// errServerGone marks the failures that mean the server is unreachable.
var errServerGone = errors.New("the NATS server is gone")

// goneError says, in one line, that the server stayed away.
func (q *Queue) goneError() error {
	return fmt.Errorf("%w: no answer from %s within %v", errServerGone, worker.RedactURL(q.url), q.opts.ReconnectWindow)
}

// publishTimeout bounds one attempt to publish a task; a server that is
// restarting is waited for between attempts.
const publishTimeout = 2 * time.Second

// submit publishes p's task and waits for the stream to store it. A publish
// that fails while the server restarts is tried again once the connection
// is back, after recover has put the tasks in flight back in order, until
// the reconnect window ends. Each attempt carries the same message id, so
// that the stream stores the task once however many attempts reach it.
func (q *Queue) submit(ctx context.Context, p *inFlightTask, pending pendingTasks) error {
	p.attempt++
	deadline := time.Now().Add(q.opts.ReconnectWindow)
	for {
		err := q.publish(ctx, p)
		if err == nil || ctx.Err() != nil {
			return err
		}
		if q.nc.IsClosed() {
			return q.goneError()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w: publish task %d: %v", errServerGone, p.task.ID, err)
		}
		if err := q.waitConnected(ctx, deadline); err != nil {
			return err
		}
		if err := q.recover(ctx, pending); err != nil {
			return err
		}
	}
}

// publish makes one attempt to store p's task in the stream.
func (q *Queue) publish(ctx context.Context, p *inFlightTask) error {
	ctx, cancel := context.WithTimeout(ctx, publishTimeout)
	defer cancel()
	q.buf = worker.AppendTask(q.buf[:0], p.task)
	msg := nats.NewMsg(worker.TaskSubject(q.id))
	msg.Header.Set(worker.HeaderReply, q.inbox)
	msg.Data = q.buf
	id := strconv.FormatUint(p.task.ID, 10) + "." + strconv.Itoa(p.attempt)
	ack, err := q.js.PublishMsg(ctx, msg, jetstream.WithMsgID(id), jetstream.WithExpectStream(q.StreamName()))
	if err != nil {
		return err
	}
	p.seq = ack.Sequence
	return nil
}

// waitConnected waits until the connection is up, gone for good, or
// deadline passes.
func (q *Queue) waitConnected(ctx context.Context, deadline time.Time) error {
	for !q.nc.IsConnected() {
		if q.nc.IsClosed() {
			return q.goneError()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w: no connection to %s within %v", errServerGone, worker.RedactURL(q.url), q.opts.ReconnectWindow)
		}
		if err := clock.Sleep(ctx, reconnectWait); err != nil {
			return err
		}
	}
	return nil
}

// accept takes one result: the first for a pending task completes it;
// another for a completed task is a duplicate, dropped. It reports whether
// a pending task completed.
func (q *Queue) accept(data []byte, pending pendingTasks, rec Recorder) bool {
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
