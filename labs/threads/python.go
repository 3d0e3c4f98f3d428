package threads

import (
	"github.com/perflab/perflab/labs/internal/python"
	"github.com/perflab/perflab/labs/internal/pytrack"
	"github.com/perflab/perflab/labs/lab"
)

// The lab's Python workloads differ only in their task: pure-Python
// arithmetic, which holds the GIL (the real one); a wait; and hashlib's C,
// which lets go of it.

func pyCPU() *lab.Workload {
	return pyThreadWorkload("cpu", "Python: threads on pure-Python work (the real GIL)", "cpu", "work")
}

func pyIO() *lab.Workload {
	return pyThreadWorkload("io", "Python: threads on waits", "io", "wait")
}

func pyHash() *lab.Workload {
	return pyThreadWorkload("hashlib", "Python: threads on hashlib (C that lets go of the GIL)", "hash", "buffer_kib")
}

// pyThreadWorkload is one of the lab's Python workloads: the same tasks,
// py_threads.py's bench_TASK_*, run one after another, then on a threading
// pool of k. Its parameters are those every one shares and size, the one
// that sizes its task.
func pyThreadWorkload(id, title, task, size string) *lab.Workload {
	return pytrack.New(lessons, pytrack.Workload{
		ID:      "python-" + id,
		Title:   title,
		File:    "py_threads.py",
		Params:  pyThreadParams("tasks", "k", size, "switch_interval"),
		Options: python.Options{PerOp: true},
		Strategies: []python.Strategy{
			{ID: "sequential", Title: "sequential", Help: "one task after another on the main thread", Bench: "bench_" + task + "_sequential"},
			{ID: "threads", Title: "threading pool of k", Help: "a concurrent.futures.ThreadPoolExecutor of k threads", Bench: "bench_" + task + "_threads"},
		},
	})
}

// pyThreadParams are the parameters of the Python thread workloads; each
// workload keeps those its tasks use.
func pyThreadParams(names ...string) []lab.Param {
	all := map[string]lab.Param{
		"tasks":           {Name: "tasks", Kind: lab.Int, Default: "16", Min: "1", Max: "10000", Help: "tasks in one operation"},
		"k":               {Name: "k", Kind: lab.Int, Default: "4", Min: "1", Max: "256", Help: "threads in the pool"},
		"work":            {Name: "work", Kind: lab.Int, Default: "2000", Min: "1", Max: "10000000", Help: "rounds of pure-Python arithmetic in one task"},
		"wait":            {Name: "wait", Kind: lab.Duration, Default: "2ms", Min: "0s", Max: "1s", Help: "time.sleep in one task"},
		"buffer_kib":      {Name: "buffer_kib", Kind: lab.Int, Default: "1024", Min: "1", Max: "262144", Help: "KiB one task hashes with sha256"},
		"switch_interval": {Name: "switch_interval", Kind: lab.Duration, Default: "5ms", Min: "1us", Max: "1s", Help: "sys.setswitchinterval: how long a thread keeps the GIL before it is asked to let go"},
	}
	out := make([]lab.Param, len(names))
	for i, n := range names {
		out[i] = all[n]
	}
	return out
}
