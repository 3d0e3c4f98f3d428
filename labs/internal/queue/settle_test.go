package queue

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/measure/measuretest"
)

// resultCounter is an independent subscriber to a queue's results: it
// counts every result by task id, as someone watching the wire would.
type resultCounter struct {
	mu    sync.Mutex
	total int
	ids   map[uint64]int
}

func (c *resultCounter) duplicates() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total - len(c.ids)
}

func countResults(t *testing.T, url, subject string) *resultCounter {
	t.Helper()
	c := &resultCounter{ids: map[uint64]int{}}
	nc, err := nats.Connect(url, nats.MaxReconnects(-1), nats.ReconnectWait(50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	if _, err := nc.Subscribe(subject, func(m *nats.Msg) {
		r, err := worker.DecodeResult(m.Data)
		if err != nil {
			t.Errorf("malformed result: %v", err)
			return
		}
		c.mu.Lock()
		c.total++
		c.ids[r.ID]++
		c.mu.Unlock()
	}); err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestDuplicatesAgreeWithAnIndependentCount restarts the server under a
// batch, with its store kept, while an independent subscriber counts every
// result on the wire: once the queue has settled, its duplicate count is
// the subscriber's, though most duplicates arrive after the batch ended
// (a task whose acknowledgement the restart lost is delivered again after
// the ack wait).
func TestDuplicatesAgreeWithAnIndependentCount(t *testing.T) {
	srv := newRestartable(t)
	q := openQueue(t, srv.url(), QueueOptions{AckWait: 300 * time.Millisecond, MaxDeliver: 5})
	count := countResults(t, srv.url(), q.inbox)
	startWorkers(t, srv.url(), 3)
	batchAcrossRestart(t, srv, q, true, 26)
	q.Settle(context.Background(), 20*time.Second)
	m := q.Metrics()
	// The subscriber may hear the last result a moment after the queue.
	measuretest.WaitFor(t, "the subscriber to hear what the queue heard", func() bool {
		return count.duplicates() >= int(m["duplicate_results"])
	})
	if got, want := int(m["duplicate_results"]), count.duplicates(); got != want {
		t.Errorf("the queue counted %d duplicate results, an independent subscriber %d (metrics %v)", got, want, m)
	}
	if m["tasks_lost"] != 0 || m["tasks_counted_twice"] != 0 || m["tasks_outstanding_at_end"] != 0 {
		t.Errorf("metrics %v: want nothing lost, counted twice or left in the queue", m)
	}
}
