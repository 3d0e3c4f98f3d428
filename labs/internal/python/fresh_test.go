package python

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// pidFile is a person's file whose setup appends its worker's PID to the
// file named by the parameter pids, so that a test sees every worker a run
// started.
const pidFile = `import os
PARAMS = {"pids": ""}

def setup(params):
    with open(params["pids"], "a") as f:
        f.write("%d\n" % os.getpid())

def bench_a():
    return sum(range(100))

def bench_b():
    return sum(range(100))
`

// startFile starts a run of the file's two strategies through the lab, as
// perflab python does, with the workers' PIDs written to pids.
func startFile(t *testing.T, ctx context.Context, pids string, cfg measure.Config) (*measure.Run, *lab.Env) {
	t.Helper()
	l, err := FileLab(ctx, measuretest.WriteTemp(t, "pids.py", pidFile))
	if err != nil {
		t.Fatal(err)
	}
	w := l.Workloads[0]
	strategies := []*lab.Strategy{&w.Strategies[0], &w.Strategies[1]}
	r, env, err := lab.Start(ctx, w, strategies, []string{"a", "b"}, lab.Values{"pids": pids}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r, env
}

// workerPIDs reads the PIDs the workers' setups wrote, in order.
func workerPIDs(t *testing.T, path string) []int {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, f := range strings.Fields(string(b)) {
		if pid, err := strconv.Atoi(f); err == nil {
			out = append(out, pid)
		}
	}
	return out
}

func waitAllEnded(t *testing.T, pids []int) {
	t.Helper()
	for _, pid := range pids {
		measuretest.WaitFor(t, "worker "+strconv.Itoa(pid)+" to end", func() bool { return measuretest.Ended(pid) })
	}
}

// TestAFileRacesFreshWorkers runs a person's file in a fixed design: each
// strategy is measured in more than one worker, every worker a new process
// that ran setup, the report says so and gives no reason to keep one, and
// no worker outlives the run.
func TestAFileRacesFreshWorkers(t *testing.T) {
	measuretest.NoLeaks(t)
	pids := filepath.Join(t.TempDir(), "pids")
	r, env := startFile(t, context.Background(), pids, measure.Config{Reps: 12, RepDuration: time.Millisecond})
	rep, err := r.Wait()
	if err := env.Close(); err != nil {
		t.Error(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	built := 0
	for _, s := range rep.Strategies {
		in := s.Instances
		if in == nil || in.Built < 2 || in.Block < 1 || in.Kept != "" {
			t.Errorf("%s: instances %+v, want fresh ones every block and no reason to keep one", s.Name, in)
			continue
		}
		built += in.Built
	}
	// Each strategy's first worker serves calibration and the warm-up
	// round only; the instances counted are those measured after it.
	got, want := workerPIDs(t, pids), built+len(rep.Strategies)
	if distinct := len(slices.Compact(slices.Sorted(slices.Values(got)))); distinct != len(got) || len(got) != want {
		t.Errorf("workers set up: %v (%d distinct); want %d, a new process for each instance", got, distinct, want)
	}
	waitAllEnded(t, got)
}

// TestACancelledFileRunLeavesNoWorker replaces workers while the run goes
// on, the replaced ones ending then, and cancels it: no worker is left.
func TestACancelledFileRunLeavesNoWorker(t *testing.T) {
	measuretest.NoLeaks(t)
	pids := filepath.Join(t.TempDir(), "pids")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, env := startFile(t, ctx, pids, measure.Config{Reps: measure.MaxReps, RepDuration: time.Millisecond})
	// Two workers at the start, then two more a block.
	measuretest.WaitFor(t, "a third and a fourth worker", func() bool { return len(workerPIDs(t, pids)) >= 4 })
	first := workerPIDs(t, pids)[0]
	measuretest.WaitFor(t, "the first worker, replaced, to end while the run goes on", func() bool { return measuretest.Ended(first) })
	select {
	case <-r.Done():
		t.Fatal("the run ended by itself; it was to be cancelled")
	default:
	}
	cancel()
	// A cancelled run may report what it measured or its cancel; either
	// way what it started must end.
	_, err := r.Wait()
	t.Logf("the cancelled run: %v", err)
	if err := env.Close(); err != nil {
		t.Error(err)
	}
	waitAllEnded(t, workerPIDs(t, pids))
}
