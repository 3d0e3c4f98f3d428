package machines

import (
	"github.com/perflab/perflab/labs/internal/python"
	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/labs/lab"
)

// pythonQueueWorkload is the queue workload with every task run in
// CPython: each worker, here or on another machine, hands its task to the
// Python process it keeps, so that the queue, the redelivery and the
// scaling are those of a Python service's fleet.
func pythonQueueWorkload() *lab.Workload {
	w := queueWorkload()
	w.ID, w.Title, w.Lang = "python-queue", "Python: tasks through a work queue", lab.LangPython
	// CPython's trial division is tens of times slower than Go's: a tenth
	// of the Go workload's chunk keeps a task near the same tens of
	// milliseconds.
	w.Params = queueParams("2000")
	w.Check = checkPython
	w.Strategies = []lab.Strategy{
		{ID: "local", Title: "one CPython here", Help: "every task in turn in one Python process beside perflab: one machine, one interpreter", New: newLocal},
		{ID: "queue", Title: "JetStream work queue", Help: "tasks through NATS JetStream to the worker processes, each running them in a CPython of its own", New: newQueue},
	}
	w.Prepare = func(env *lab.Env) (any, error) { return prepare(env, true) }
	return w
}

// checkPython refuses what check refuses and a machine without a Python,
// in one line, before any worker starts.
func checkPython(v lab.Values) error {
	if err := check(v); err != nil {
		return err
	}
	_, err := python.Find()
	return err
}

// isPython reports whether t is run by a Python process.
func isPython(t worker.Task) bool { return t.Kind == worker.PyPrimes || t.Kind == worker.PySleep }
