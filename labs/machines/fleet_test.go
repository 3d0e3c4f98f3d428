package machines

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// killAllFromOutside waits until every worker of c holds a task, then
// kills each one's process group, as a person's kill -9 would: the fleet
// is not told.
func killAllFromOutside(t *testing.T, ctx context.Context, c *queueSubject) {
	for !c.running.Load() {
		if ctx.Err() != nil {
			return
		}
		time.Sleep(time.Millisecond)
	}
	if busy, err := c.waitBusy(ctx); !busy || err != nil {
		t.Errorf("workers never all held a task (err %v)", err)
		return
	}
	c.fleet.mu.Lock()
	procs := slices.Clone(c.fleet.procs)
	c.fleet.mu.Unlock()
	for _, p := range procs {
		p.Kill()
	}
}

// runKilled races the queue strategy alone while every worker is killed from
// outside mid-task, and returns its report, how long it took, and its
// error. A limit of 0 or more is how many deaths the fleet replaces.
func runKilled(t *testing.T, limit int64) (*measure.Report, time.Duration, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env := labtest.Env(t, ctx, queueWorkload(), map[string]string{
		"workers": "2", "task_time": "200ms", "tasks": "4", "ack_wait": "300ms",
	})
	c, s, err := openQueueSubject(env)
	if err != nil {
		t.Fatal(err)
	}
	s.Name = "queue"
	if limit >= 0 {
		c.fleet.limit.Store(limit)
	}
	start := time.Now()
	run, err := measure.Start(ctx, measure.Config{Reps: 2, RepDuration: time.Millisecond}, []*measure.Subject{s})
	if err != nil {
		t.Fatal(err)
	}
	killed := make(chan struct{})
	go func() {
		defer close(killed)
		killAllFromOutside(t, ctx, c)
	}()
	rep, err := run.Wait()
	cancel()
	<-killed
	return rep, time.Since(start), err
}

// TestWorkersKilledFromOutsideAreReplaced kills every worker of a run from
// outside, mid-task: the fleet sees them die, says so, and starts
// replacements, which take the tasks the queue redelivers; nothing is lost.
func TestWorkersKilledFromOutsideAreReplaced(t *testing.T) {
	measuretest.NoLeaks(t)
	rep, took, err := runKilled(t, -1)
	if err != nil {
		t.Fatal(err)
	}
	if took > 20*time.Second {
		t.Errorf("a run whose workers were all killed took %v", took)
	}
	m := rep.Strategies[0].Metrics
	if m["workers_died"] != 2 || m["workers_replaced"] != 2 {
		t.Errorf("died %v, replaced %v: want 2 each", m["workers_died"], m["workers_replaced"])
	}
	if m["redeliveries"] < 1 {
		t.Errorf("redeliveries %v: the killed workers' tasks should have come back", m["redeliveries"])
	}
	wantAccounted(t, m)
}

// TestNoWorkerLeftEndsTheRun kills every worker of a run that replaces none:
// the run ends at once with an error saying no worker is left, and counts
// the tasks they held as lost, instead of waiting for results that cannot
// come.
func TestNoWorkerLeftEndsTheRun(t *testing.T) {
	measuretest.NoLeaks(t)
	rep, took, err := runKilled(t, 0)
	if err == nil || !strings.Contains(err.Error(), "no worker left") {
		t.Fatalf("run error %v, want one saying no worker is left", err)
	}
	// The queue's own stall bound, ack_wait × max_deliver + 5 s, is
	// 6.5 s; the run must not need it.
	if took > 6*time.Second {
		t.Errorf("a run with no worker left took %v to end", took)
	}
	m := rep.Strategies[0].Metrics
	if m["workers_died"] != 2 || m["workers_replaced"] != 0 || m["tasks_lost"] < 1 {
		t.Errorf("died %v, replaced %v, lost %v: want 2, 0 and the tasks in flight", m["workers_died"], m["workers_replaced"], m["tasks_lost"])
	}
	if m["tasks_submitted"] != m["tasks_completed"]+m["tasks_lost"] {
		t.Errorf("submitted %v, completed %v, lost %v: every task must be one or the other", m["tasks_submitted"], m["tasks_completed"], m["tasks_lost"])
	}
}
