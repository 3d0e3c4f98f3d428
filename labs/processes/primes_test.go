package processes

import (
	"context"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/labs/internal/worker/workertest"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// envCoordinator makes the test binary a coordinator that runs the
// processes strategy until it is killed: the crash test's victim.
const envCoordinator = "PERFLAB_TEST_COORDINATOR"

func TestMain(m *testing.M) { workertest.Main(m, envCoordinator, coordinate) }

// coordinate starts two workers, says so on stdout and runs jobs on them
// until the process is killed.
func coordinate() int {
	s, _, err := newSubject(context.Background(), newProcesses, map[string]string{"chunk": "100000", "tasks": "64", "workers": "2"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	s.Name = "processes"
	run, err := measure.Start(context.Background(), measure.Config{Reps: measure.MaxReps, RepDuration: time.Hour}, []*measure.Subject{s})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("ready")
	if _, err := run.Wait(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	return 1 // the run should have been killed long before it ended
}

// newSubject builds one strategy's subject for a test, outside the engine.
func newSubject(ctx context.Context, build func(*lab.Env) (*measure.Subject, error), params map[string]string) (*measure.Subject, *lab.Env, error) {
	v, err := primes().Parse(params)
	if err != nil {
		return nil, nil, err
	}
	env := lab.NewEnv(ctx, v)
	if env.Fixture, err = prepare(env); err != nil {
		return nil, nil, err
	}
	s, err := build(env)
	return s, env, err
}

func TestEveryStrategyCountsTheJob(t *testing.T) {
	rep := labtest.Run(t, primes(), map[string]string{"chunk": "200", "tasks": "8", "workers": "2"}, labtest.Quick)
	for _, r := range rep.Strategies {
		if r.Ops == 0 || r.Errors != 0 {
			t.Errorf("%s: %d tasks, %d errors, warnings %v", r.Name, r.Ops, r.Errors, r.Warnings)
		}
	}
	m := rep.Strategies[3].Metrics
	if m["service_ns_per_task"] <= 0 || m["round_trip_ns_per_task"] <= m["service_ns_per_task"] || m["workers"] != 2 {
		t.Errorf("processes metrics: got %v, want a round trip longer than the service time", m)
	}
}

func TestOversizedJobIsAClearError(t *testing.T) {
	_, _, err := newSubject(context.Background(), newGoroutine, map[string]string{"chunk": "1000000", "tasks": "1000"})
	if err == nil || !strings.Contains(err.Error(), "at most 100000000") {
		t.Errorf("got %v, want a bound on tasks × chunk", err)
	}
}

func TestCancelLeavesNoWorker(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, _, err := newSubject(ctx, newProcesses, map[string]string{"chunk": "1000000", "tasks": "4", "workers": "2"})
	if err != nil {
		t.Fatal(err)
	}
	pids := workertest.Children(t, os.Getpid())
	if len(pids) != 2 {
		t.Fatalf("got %d worker processes, want 2", len(pids))
	}
	s.Name = "processes"
	run, err := measure.Start(ctx, measure.Config{Reps: 3, RepDuration: time.Hour}, []*measure.Subject{s})
	if err != nil {
		t.Fatal(err)
	}
	// Cancel once the workers are busy: the first snapshot comes after
	// the run has started its warm-up.
	<-run.Snapshots()
	cancel()
	took := workertest.WaitGone(t, "workers after cancel", pids)
	t.Logf("workers gone %v after cancel", took)
	rep, err := run.Wait()
	if err != context.Canceled || !rep.Cancelled {
		t.Errorf("run after cancel: got %v, cancelled %v; want context.Canceled", err, rep.Cancelled)
	}
}

func TestCoordinatorCrashLeavesNoWorker(t *testing.T) {
	// The coordinator's workers keep their temporary folders under tmp.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	coordinator := workertest.StartHelper(t, envCoordinator)
	if line, err := coordinator.Stdout.ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("coordinator said %q, %v; want ready", line, err)
	}
	cmd := coordinator.Cmd
	pids := workertest.Children(t, cmd.Process.Pid)
	if len(pids) != 2 {
		t.Fatalf("coordinator has %d worker processes, want 2", len(pids))
	}
	// SIGKILL: the coordinator runs no clean-up at all.
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	took := workertest.WaitGone(t, "workers after the coordinator was killed", pids)
	t.Logf("workers gone %v after the coordinator died", took)
	// Each worker removed its temporary folder as it left, since its
	// coordinator could not.
	if left, err := os.ReadDir(tmp); err != nil || len(left) != 0 {
		t.Errorf("left in the temporary folder: %v (%v)", left, err)
	}
}
