package queue

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/perflab/perflab/labs/internal/clock"
	"github.com/perflab/perflab/labs/internal/worker"
)

// recover puts the run's queue back in order once the connection to a
// server that went away is back, so that a restart loses no task:
//
//   - the stream and the consumer are made again if the server lost its
//     store, and found as they were if it kept it;
//   - a task in flight whose message is still in the stream is left to it:
//     a worker has it or will get it;
//   - a task whose message is gone is published again: its worker
//     acknowledged it, but the result went out while this side was away
//     and nobody heard it; and in a new stream every task in flight is gone.
//
// A task can thus run twice; its second result is dropped by task id, so
// it is still counted once. recover gives up, with an error, when the
// server's JetStream does not answer within the reconnect window.
func (q *Queue) recover(ctx context.Context, pending pendingTasks) error {
	select {
	case <-q.reconnected: // this recovery answers it
	default:
	}
	q.stats.reconnects++
	deadline := time.Now().Add(q.opts.ReconnectWindow)
	before := q.created
	for {
		err := q.ensure(ctx)
		if err == nil {
			break
		}
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case q.nc.IsClosed():
			return q.goneError()
		case time.Now().After(deadline):
			return fmt.Errorf("%w: %s came back, but its queue could not be made again within %v: %v",
				errServerGone, worker.RedactURL(q.url), q.opts.ReconnectWindow, err)
		}
		if err := clock.Sleep(ctx, reconnectWait); err != nil {
			return err
		}
	}
	fresh := !q.created.Equal(before)
	for _, id := range slices.Sorted(maps.Keys(pending)) {
		p := pending[id]
		if !fresh {
			gone, err := q.messageGone(ctx, p.seq)
			if err != nil {
				return fmt.Errorf("%w: look up task %d after the server came back: %v", errServerGone, id, err)
			}
			if !gone {
				continue
			}
		}
		p.attempt++
		if err := q.publish(ctx, p); err != nil {
			return fmt.Errorf("%w: publish task %d again: %v", errServerGone, id, err)
		}
		q.stats.resubmitted++
	}
	return nil
}

// messageGone reports whether the stream no longer holds message seq: a
// work queue drops a message once it is acknowledged.
func (q *Queue) messageGone(ctx context.Context, seq uint64) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, publishTimeout)
	defer cancel()
	_, err := q.stream.GetMsg(ctx, seq)
	switch {
	case err == nil:
		return false, nil
	case errors.Is(err, jetstream.ErrMsgNotFound):
		return true, nil
	}
	return false, err
}
