package main

import (
	"bufio"
	"os/exec"
	"strings"
	"testing"

	"github.com/perflab/perflab/labs/worker"
)

func TestWorkerCommandOverPipes(t *testing.T) {
	cmd := exec.Command(binary, "worker", "--stdio", "--name", "e2e")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	out := bufio.NewReader(stdout)
	body, err := worker.ReadFrame(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if h, err := worker.DecodeHello(body); err != nil || h.Worker != "e2e" {
		t.Fatalf("hello: %+v, %v", h, err)
	}
	if err := worker.WriteFrame(stdin, worker.AppendTask(nil, worker.Task{ID: 9, Kind: worker.Primes, A: 0, B: 1000})); err != nil {
		t.Fatal(err)
	}
	if body, err = worker.ReadFrame(out, nil); err != nil {
		t.Fatal(err)
	}
	if r, err := worker.DecodeResult(body); err != nil || r.ID != 9 || r.Value != 168 || r.ServiceNs <= 0 {
		t.Errorf("result: got %+v, %v; want task 9 with 168 primes", r, err)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Errorf("worker after its stdin closed: %v, want exit 0", err)
	}
}

func TestWorkerRejectsAGarbledStream(t *testing.T) {
	cmd := exec.Command(binary, "worker", "--stdio")
	cmd.Stdin = strings.NewReader("\x00\x00\x00\x03XYZ")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(stderr.String(), "malformed frame") {
		t.Errorf("exit %d (%v), stderr %q: want 1 and a malformed-frame message", code, err, stderr.String())
	}
}

func TestRunKillsAWorkerAndLosesNothing(t *testing.T) {
	rep := runJSON(t, "run", "machines/queue", "--strategies", "queue", "--reps", "1", "--duration", "1ms",
		"--param", "workers=2", "--param", "task_time=250ms", "--param", "tasks=4", "--param", "ack_wait=300ms",
		"--kill-worker-after", "1ms")
	m := rep.Strategies[0].Metrics
	if m["workers_killed"] != 1 || m["redeliveries"] < 1 {
		t.Errorf("killed %v, redeliveries %v: want a worker killed and its task redelivered", m["workers_killed"], m["redeliveries"])
	}
	if m["tasks_lost"] != 0 || m["tasks_counted_twice"] != 0 || m["tasks_completed"] != m["tasks_submitted"] {
		t.Errorf("metrics %v: want every task counted exactly once", m)
	}
	if rep.Params["kill_worker_after"] != "1ms" {
		t.Errorf("params %v: want kill_worker_after=1ms", rep.Params)
	}
}

func TestLabFlagsNeedTheirParameter(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", "processes/primes", "--kill-worker-after", "1s"}, `no parameter "kill_worker_after"`},
		{[]string{"run", "machines/queue", "--kill-worker-after", "0s"}, "must be positive"},
		{[]string{"run", "data-structures/membership", "--nats", "nats://127.0.0.1:4222"}, `no parameter "nats"`},
		{[]string{"worker", "--stdio", "--nats", "nats://127.0.0.1:4222"}, "exclude each other"},
	}
	for _, tt := range tests {
		_, stderr, code := perflab(t, tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}
