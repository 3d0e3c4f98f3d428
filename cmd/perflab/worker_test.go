package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestRunSpawnsTheBinaryAsItsWorker runs the processes lab on the built
// binary: the coordinator spawns "perflab worker" from its own executable and
// the tasks come back over its pipes.
func TestRunSpawnsTheBinaryAsItsWorker(t *testing.T) {
	rep := runJSON(t, "run", "processes/primes", "--strategies", "goroutine,processes", "--reps", "1", "--duration", "20ms",
		"--param", "workers=1")
	for _, s := range rep.Strategies {
		if s.Ops == 0 || s.Errors != 0 {
			t.Errorf("%s: %d ops, %d errors; want tasks done by the worker process without errors", s.Name, s.Ops, s.Errors)
		}
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
