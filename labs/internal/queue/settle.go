package queue

import (
	"context"
	"time"

	"github.com/perflab/perflab/labs/internal/clock"
	"github.com/perflab/perflab/measure"
)

// settlePoll spaces the questions Settle asks the server.
const settlePoll = 20 * time.Millisecond

// Settle waits, at most bound, until the queue holds no task: none waiting
// and none held by a worker, and counts every result that arrives
// meanwhile. A batch ends when each of its tasks has one result, but the
// queue may still hold a task whose result came and whose acknowledgement
// did not (a server restart loses it): the server delivers it again after
// the ack wait, and its second result is a duplicate the run must count,
// or its duplicate figures undercount what went over the wire. What still
// is in the queue when bound ends is counted as outstanding, a figure of
// the metrics. A cancelled ctx ends the wait at once.
func (q *Queue) Settle(ctx context.Context, bound time.Duration) {
	deadline := time.Now().Add(bound)
	for {
		q.drainResults()
		left, err := q.outstanding(ctx)
		if err == nil && left == 0 {
			// The results of the last tasks were published before
			// their acknowledgement, so they are on the way: a round
			// trip to the server brings them in.
			if q.nc.FlushTimeout(publishTimeout) == nil {
				q.drainResults()
			}
			q.stats.outstanding = 0
			return
		}
		if err == nil {
			q.stats.outstanding = uint64(left)
		}
		if ctx.Err() != nil || q.nc.IsClosed() || time.Now().After(deadline) {
			return
		}
		if clock.Sleep(ctx, settlePoll) != nil {
			return
		}
	}
}

// drainResults takes every result waiting, outside any batch: each is a
// duplicate of a completed task or a stale one of a batch given up on.
func (q *Queue) drainResults() {
	for {
		select {
		case m := <-q.results:
			q.accept(m.Data, pendingTasks{}, nil)
		default:
			return
		}
	}
}

// outstanding returns how many tasks the queue still holds: waiting for a
// worker, or held by one unacknowledged.
func (q *Queue) outstanding(ctx context.Context) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, publishTimeout)
	defer cancel()
	info, err := q.cons.Info(ctx)
	if err != nil {
		return 0, err
	}
	return int(info.NumPending) + info.NumAckPending, nil
}

// The figure Settle leaves, declared once for every reader (see
// measure.Metric).
var _ = measure.DeclareMetric(measure.Metric{Name: "tasks_outstanding_at_end", Better: measure.Lower,
	Meaning: "tasks the queue still held when the run stopped waiting for it to empty: their late results, duplicates or not, are not counted"})
