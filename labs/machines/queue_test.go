package machines

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/labs/internal/queue"
	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/labs/internal/worker/workertest"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// envServer makes the test binary a NATS server in a process of its own, for
// the test of --nats against a server this process did not start.
const envServer = "PERFLAB_TEST_NATS_SERVER"

func TestMain(m *testing.M) { workertest.Main(m, envServer, serveNATS) }

// serveNATS runs an embedded server, prints its URL and store, and stops
// when standard input closes.
func serveNATS() int {
	s, err := queue.StartServer("", "")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(s.URL(), s.StoreDir())
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	if err := s.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// runQueue measures the queue strategy alone with params and returns its
// result. The baseline's serial tasks would only slow these tests down.
func runQueue(t *testing.T, ctx context.Context, params map[string]string, reps int) *measure.Result {
	t.Helper()
	s := queueOnly(t, labtest.Env(t, ctx, queueWorkload(), params))
	run, err := measure.Start(ctx, measure.Config{Reps: reps, RepDuration: time.Millisecond}, []*measure.Subject{s})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := run.Wait()
	if err != nil {
		t.Fatal(err)
	}
	return rep.Strategies[0]
}

// queueOnly builds the queue strategy's subject on env.
func queueOnly(t *testing.T, env *lab.Env) *measure.Subject {
	t.Helper()
	s, err := newQueue(env)
	if err != nil {
		t.Fatal(err)
	}
	s.Name = "queue"
	return s
}

// wantAccounted checks that every task submitted was completed exactly once.
func wantAccounted(t *testing.T, m map[string]float64) {
	t.Helper()
	if m["tasks_lost"] != 0 || m["tasks_counted_twice"] != 0 || m["tasks_failed"] != 0 {
		t.Errorf("lost %v, counted twice %v, failed %v: want 0 each", m["tasks_lost"], m["tasks_counted_twice"], m["tasks_failed"])
	}
	if m["tasks_submitted"] == 0 || m["tasks_completed"] != m["tasks_submitted"] {
		t.Errorf("completed %v of %v tasks", m["tasks_completed"], m["tasks_submitted"])
	}
}

func TestKilledWorkerLosesNothing(t *testing.T) {
	// Tasks long beside the kill's reaction time, so that the victim is
	// surely mid-task, and a short ack wait, so that its task soon comes
	// back.
	res := runQueue(t, context.Background(), map[string]string{
		"workers": "2", "task_time": "250ms", "tasks": "4", "ack_wait": "300ms", "kill_worker_after": "1ms",
	}, 1)
	m := res.Metrics
	if m["workers_killed"] != 1 || m["workers_restarted"] != 1 {
		t.Errorf("killed %v, restarted %v: want 1 each", m["workers_killed"], m["workers_restarted"])
	}
	if m["redeliveries"] < 1 {
		t.Errorf("redeliveries = %v: the killed worker's task should have come back", m["redeliveries"])
	}
	wantAccounted(t, m)
	if res.Errors != 0 {
		t.Errorf("%d failed operations", res.Errors)
	}
	if left := workertest.Children(t, os.Getpid()); len(left) != 0 {
		t.Errorf("worker processes left behind: %v", left)
	}
}

// TestFourSleepWorkersBeatOne races one worker against four on tasks that
// sleep: four should near four times the throughput. The tasks are long
// (100 ms) so that a loaded machine's delays, which each task pays on the
// queue and in the worker, stay small beside them: with 20 ms tasks the
// ratio fell to 1.82 at a load of 10.
func TestFourSleepWorkersBeatOne(t *testing.T) {
	params := func(workers string) map[string]string {
		return map[string]string{"workers": workers, "task_time": "100ms", "tasks": "16"}
	}
	one := runQueue(t, context.Background(), params("1"), 1).Metrics
	four := runQueue(t, context.Background(), params("4"), 1).Metrics
	wantAccounted(t, one)
	wantAccounted(t, four)
	ratio := four["throughput_per_s"] / one["throughput_per_s"]
	t.Logf("4 workers: %.0f tasks/s, 1 worker: %.0f tasks/s, ratio %.2f (efficiency %.2f)", four["throughput_per_s"], one["throughput_per_s"], ratio, four["efficiency"])
	if ratio <= 2 {
		t.Errorf("4 sleep-bound workers gave %.2fx the throughput of 1, want more than 2x", ratio)
	}
}

func TestExternalServerInAnotherProcess(t *testing.T) {
	server := workertest.StartHelper(t, envServer)
	line, err := server.Stdout.ReadString('\n')
	url, store, ok := strings.Cut(strings.TrimSpace(line), " ")
	if err != nil || !ok || !strings.HasPrefix(url, "nats://127.0.0.1:") {
		t.Fatalf("server process said %q, %v", line, err)
	}

	res := runQueue(t, context.Background(), map[string]string{"nats": url, "workers": "2", "task": "cpu", "chunk": "2000", "tasks": "8"}, 2)
	wantAccounted(t, res.Metrics)
	if res.Metrics["workers_seen"] != 2 {
		t.Errorf("workers_seen = %v, want 2", res.Metrics["workers_seen"])
	}

	server.Stdin.Close()
	if err := server.Cmd.Wait(); err != nil {
		t.Fatalf("server process: %v", err)
	}
	if _, err := os.Stat(store); !os.IsNotExist(err) {
		t.Errorf("the server's store %s is still there: %v", store, err)
	}
}

func TestNothingLeftBehind(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	res := runQueue(t, context.Background(), map[string]string{"workers": "2", "task_time": "1ms", "tasks": "4"}, 1)
	wantAccounted(t, res.Metrics)
	if left := workertest.Children(t, os.Getpid()); len(left) != 0 {
		t.Errorf("worker processes left behind: %v", left)
	}
	if entries, err := os.ReadDir(tmp); err != nil || len(entries) != 0 {
		t.Errorf("temporary folders left behind: %v %v", entries, err)
	}
}

func TestCancelStopsWorkersAndServer(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := queueWorkload()
	w.Prepare = prepareWithoutTiming
	s := queueOnly(t, labtest.Env(t, ctx, w, map[string]string{"workers": "2", "task_time": "10s", "tasks": "4"}))
	pids := workertest.Children(t, os.Getpid())
	if len(pids) != 2 {
		t.Fatalf("%d worker processes, want 2", len(pids))
	}
	run, err := measure.Start(ctx, measure.Config{Reps: 1}, []*measure.Subject{s})
	if err != nil {
		t.Fatal(err)
	}
	<-run.Snapshots()
	start := time.Now()
	cancel()
	took := workertest.WaitGone(t, "workers after cancel", pids)
	if _, err := run.Wait(); err != context.Canceled {
		t.Errorf("run: got %v, want context.Canceled", err)
	}
	t.Logf("workers gone %v after cancel; server, queue and run closed after %v", took, time.Since(start))
}

// prepareWithoutTiming prepares the fixture without timing a task, which
// for a 10 s sleep would take half a minute.
func prepareWithoutTiming(env *lab.Env) (any, error) {
	task := env.Params.Duration("task_time")
	env.Params["task_time"] = time.Millisecond
	fx, err := prepare(env, false)
	if err != nil {
		return nil, err
	}
	f := fx.(*fixture)
	f.task = worker.Task{Kind: worker.Sleep, A: uint64(task)}
	return f, nil
}

// TestBadSettingsAreClearErrors refuses, when the parameters are parsed and
// so before anything starts, every setting that cannot run: one line each.
func TestBadSettingsAreClearErrors(t *testing.T) {
	t.Setenv(worker.EnvNATS, "")
	tests := []struct {
		params map[string]string
		want   string
	}{
		{map[string]string{"workers": "0"}, "set inflight"},
		{map[string]string{"workers": "0", "inflight": "2", "kill_worker_after": "1s"}, "starts none"},
		{map[string]string{"nats": "nats://127.0.0.1:1", "listen": "127.0.0.1:4222"}, "there is none"},
		{map[string]string{"nats": "nats://127.0.0.1:1", "expose": "true"}, "there is none"},
		{map[string]string{"nats": "notaurl"}, "must be a URL"},
		{map[string]string{"nats": "http://127.0.0.1:4222"}, "must start with nats://"},
		{map[string]string{"nats": "nats://127.0.0.1:99999"}, "port must be"},
		{map[string]string{"listen": "nonsense"}, "listen must be host:port"},
		{map[string]string{"listen": "127.0.0.1:99999"}, "port must be"},
		{map[string]string{"listen": "127.0.0.1:-1"}, "port must be"},
		{map[string]string{"listen": ":0"}, "every interface"},
		{map[string]string{"listen": "0.0.0.0:4222"}, "expose=true"},
		{map[string]string{"listen": "[::]:0"}, "expose=true"},
		{map[string]string{"token": "a-secret-of-20-chars"}, "add expose=true"},
	}
	for _, tt := range tests {
		_, err := queueWorkload().Parse(tt.params)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: got %v, want an error containing %q", tt.params, err, tt.want)
		}
	}
	t.Setenv(worker.EnvNATS, "garbage")
	if _, err := queueWorkload().Parse(nil); err == nil || !strings.Contains(err.Error(), "$NATS_URL") {
		t.Errorf("NATS_URL=garbage: got %v, want an error naming $NATS_URL", err)
	}
}

func TestKillWorkerOnRequest(t *testing.T) {
	faults := &lab.Faults{}
	ctx := lab.WithFaults(context.Background(), faults)
	killed := make(chan string, 1)
	go func() {
		// Ask until the queue strategy has registered its workers. The
		// test goroutine is busy running the queue meanwhile, so this one
		// cannot fail the test: past the patience of measuretest.WaitFor
		// it says why instead, and the check below fails.
		deadline := time.Now().Add(measuretest.Patience)
		for {
			what, err := faults.KillWorker()
			switch {
			case err == nil:
				killed <- what
				return
			case time.Now().After(deadline):
				killed <- "no worker to kill: " + err.Error()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	res := runQueue(t, ctx, map[string]string{"workers": "2", "task_time": "100ms", "tasks": "6", "ack_wait": "300ms"}, 1)
	if what := <-killed; !strings.Contains(what, "killed worker pid") || !strings.Contains(what, "mid-task") {
		t.Errorf("KillWorker said %q, want a worker killed mid-task", what)
	}
	if m := res.Metrics; m["workers_killed"] != 1 || m["workers_restarted"] != 1 {
		t.Errorf("killed %v, restarted %v: want 1 each", m["workers_killed"], m["workers_restarted"])
	}
	// The key promises a redelivery: the victim held a task, which came
	// back.
	if r := res.Metrics["redeliveries"]; r < 1 {
		t.Errorf("redeliveries %v after a kill mid-task, want at least 1", r)
	}
	if faults.CanKillWorker() {
		t.Error("a kill is still offered after the run ended")
	}
	wantAccounted(t, res.Metrics)
	if _, err := faults.KillWorker(); err == nil {
		t.Error("a kill after the run ended succeeded")
	}
	if left := workertest.Children(t, os.Getpid()); len(left) != 0 {
		t.Errorf("worker processes left behind: %v", left)
	}
}
