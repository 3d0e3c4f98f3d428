package worker

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/worker/workertest"
	"github.com/perflab/perflab/measure/measuretest"
)

// pythonChildren returns this process's children that run an interpreter.
func pythonChildren(t *testing.T) []int {
	t.Helper()
	var out []int
	for _, pid := range workertest.Children(t, os.Getpid()) {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
		if err == nil && strings.Contains(string(b), "perflab_worker.py") {
			out = append(out, pid)
		}
	}
	return out
}

func TestRunnerDoesPythonKindsInOneKeptInterpreter(t *testing.T) {
	workertest.NeedPython(t)
	measuretest.NoLeaks(t)
	r := NewRunner(context.Background())
	defer r.Close()
	tests := []struct {
		task Task
		want uint64
	}{
		{Task{ID: 1, Kind: PyPrimes, A: 1_000_000, B: 1_002_000}, SievePrimes(1_000_000, 1_002_000)},
		{Task{ID: 2, Kind: PyPrimes, A: 0, B: 100}, 25},
		{Task{ID: 3, Kind: PySleep, A: uint64(time.Millisecond)}, 0},
		{Task{ID: 4, Kind: Primes, A: 0, B: 100}, 25},
	}
	var first []int
	for i, tt := range tests {
		got, err := r.Do(context.Background(), tt.task)
		if err != nil || got != tt.want {
			t.Errorf("%v: got %d, %v; want %d", tt.task, got, err, tt.want)
		}
		py := pythonChildren(t)
		if i == 0 {
			first = py
		}
		if len(py) != 1 || py[0] != first[0] {
			t.Errorf("after task %d: python children %v, want the one started by the first task %v", tt.task.ID, py, first)
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if py := pythonChildren(t); len(py) != 0 {
		t.Errorf("python children after Close: %v", py)
	}
}

func TestRunnerRefusesBadPythonTasks(t *testing.T) {
	workertest.NeedPython(t)
	r := NewRunner(context.Background())
	defer r.Close()
	tests := []struct {
		task Task
		want string
	}{
		{Task{ID: 1, Kind: PyPrimes, A: 10, B: 5}, "reversed"},
		{Task{ID: 2, Kind: PyPrimes, A: 0, B: MaxPrimesEnd + 1}, "wider than"},
		{Task{ID: 3, Kind: PySleep, A: uint64(2 * MaxSleep)}, "longer than"},
		{Task{ID: 4, Kind: 99}, "unknown kind"},
	}
	for _, tt := range tests {
		if _, err := r.Do(context.Background(), tt.task); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: got %v, want an error containing %q", tt.task, err, tt.want)
		}
	}
}

func TestRunnerCancelKillsTheInterpreterAndStartsAnother(t *testing.T) {
	workertest.NeedPython(t)
	measuretest.NoLeaks(t)
	r := NewRunner(context.Background())
	defer r.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := r.Do(ctx, Task{ID: 1, Kind: PySleep, A: uint64(MaxSleep)})
		done <- err
	}()
	measuretest.WaitFor(t, "the interpreter to start", func() bool { return len(pythonChildren(t)) == 1 })
	cancel()
	if err := <-done; err == nil || !strings.Contains(err.Error(), "canceled") {
		t.Errorf("cancelled task: got %v, want context.Canceled", err)
	}
	measuretest.WaitFor(t, "the interpreter to end", func() bool { return len(pythonChildren(t)) == 0 })
	got, err := r.Do(context.Background(), Task{ID: 2, Kind: PyPrimes, A: 0, B: 100})
	if err != nil || got != 25 {
		t.Errorf("task after a cancel: got %d, %v; want 25 from a new interpreter", got, err)
	}
}
