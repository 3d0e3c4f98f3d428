package machines

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/labs/internal/python"
	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/labs/internal/worker/workertest"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// runPython measures the Python workload's strategies with params, the
// queue's workers on the embedded server on loopback.
func runPython(t *testing.T, params map[string]string, ids ...string) *measure.Report {
	t.Helper()
	workertest.NeedPython(t)
	t.Setenv(worker.EnvNATS, "")
	w := pythonQueueWorkload()
	env := labtest.Env(t, context.Background(), w, params)
	var subjects []*measure.Subject
	for _, id := range ids {
		st, err := w.Strategy(id)
		if err != nil {
			t.Fatal(err)
		}
		s := labtest.Subject(t, *st, env)
		s.Name = id
		subjects = append(subjects, s)
	}
	run, err := measure.Start(context.Background(), measure.Config{Reps: 1, RepDuration: time.Millisecond}, subjects)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := run.Wait()
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestPythonQueueCountsPrimesInCPython(t *testing.T) {
	rep := runPython(t, map[string]string{"workers": "2", "task": "cpu", "chunk": "500", "tasks": "6"}, "local", "queue")
	for _, res := range rep.Strategies {
		if res.Errors != 0 || res.Ops == 0 {
			t.Errorf("%s: %d errors in %d tasks", res.Name, res.Errors, res.Ops)
		}
	}
	// The queue checks every count against the sieve: a wrong count
	// from CPython would fail a task.
	wantAccounted(t, rep.Strategies[1].Metrics)
	if left := workertest.Children(t, os.Getpid()); len(left) != 0 {
		t.Errorf("processes left behind: %v", left)
	}
}

func TestPythonKilledWorkerLosesNothing(t *testing.T) {
	// Every interpreter of the run, the killed worker's too, keeps its
	// folder under tmp: so they can be told from other tests' ones.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	rep := runPython(t, map[string]string{
		"workers": "2", "task_time": "250ms", "tasks": "4", "ack_wait": "300ms", "kill_worker_after": "1ms",
	}, "queue")
	m := rep.Strategies[0].Metrics
	if m["workers_killed"] != 1 || m["workers_restarted"] != 1 {
		t.Errorf("killed %v, restarted %v: want 1 each", m["workers_killed"], m["workers_restarted"])
	}
	if m["redeliveries"] < 1 {
		t.Errorf("redeliveries = %v: the killed worker's task should have come back", m["redeliveries"])
	}
	wantAccounted(t, m)
	// The killed worker's interpreter dies with it: nothing is left
	// anywhere that runs the worker's Python.
	measuretest.WaitFor(t, "the killed worker's interpreter to end", func() bool { return len(pythonWorkers(t, tmp)) == 0 })
	// Nor its folder, which the interpreter removes as it goes, since
	// its killed starter cannot.
	measuretest.WaitFor(t, "the killed worker's interpreter's folder to go", func() bool {
		entries, err := os.ReadDir(tmp)
		return err == nil && len(entries) == 0
	})
}

// pythonWorkers returns the processes on the machine that run a perflab
// Python worker kept in a folder under tmp.
func pythonWorkers(t *testing.T, tmp string) []string {
	t.Helper()
	cmdlines, err := filepath.Glob("/proc/[0-9]*/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, path := range cmdlines {
		b, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(b), filepath.Join(tmp, "perflab-python-")) {
			out = append(out, path)
		}
	}
	return out
}

func TestPythonBadSettingsAreClearErrors(t *testing.T) {
	t.Setenv(worker.EnvNATS, "")
	t.Setenv(python.EnvPython, "/no/such/python")
	if _, err := pythonQueueWorkload().Parse(nil); err == nil || !strings.Contains(err.Error(), "$"+python.EnvPython) || strings.Contains(err.Error(), "\n") {
		t.Errorf("no interpreter: got %v, want one line naming $%s", err, python.EnvPython)
	}
	if _, err := pythonQueueWorkload().Parse(map[string]string{"workers": "0"}); err == nil || !strings.Contains(err.Error(), "set inflight") {
		t.Errorf("workers=0: got %v, want the queue workload's own refusal", err)
	}
	if _, err := pythonQueueWorkload().Parse(map[string]string{"chunk": "0"}); err == nil {
		t.Error("chunk=0: accepted, want a refusal within the parameter's bounds")
	}
}
