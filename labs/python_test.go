package labs

import (
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// TestEveryPythonWorkloadRuns runs each lab's Python workloads on the real
// interpreter, every strategy, and checks that each did operations without
// failing and reported the figures its lesson points at. Without a Python
// it fails: .ci/run installs one where it is missing.
func TestEveryPythonWorkloadRuns(t *testing.T) {
	measuretest.NoLeaks(t)
	// The figures a workload's lesson points at, beside every worker's own.
	wantMetrics := map[string][]string{
		"optimize/python-caching":        {"hit_ratio", "cached_entries", "peak_kib_per_op"},
		"threads/python-cpu":             {"peak_threads", "switch_interval_ms"},
		"data-structures/python-strings": {"peak_kib_per_op"},
		"async/python-requests":          {"peak_threads", "peak_kib_per_op"},
		"processes/python-primes":        {"tasks"},
		"machines/python-queue":          {"tasks_completed", "tasks_lost", "redeliveries"},
	}
	// The figures of every Python worker a strategy drives as a lab's
	// strategy; the queue's tasks go one by one to interpreters its
	// workers keep, which report the queue's figures instead.
	workerMetrics := []string{"batch", "max_rss_mib", "gc_per_1k_ops"}
	byTask := map[string]bool{"machines/python-queue": true}
	// Smaller than the defaults where an operation is long, so that the
	// test stays quick.
	params := map[string]map[string]string{
		"async/python-requests": {"n": "10", "latency": "2ms", "jitter": "0s"},
		"machines/python-queue": {"workers": "2", "tasks": "4", "task_time": "1ms"},
	}
	labsPerLang := map[string]int{}
	for _, l := range All() {
		for _, w := range l.Workloads {
			if w.Language() != lab.LangPython {
				continue
			}
			labsPerLang[l.ID]++
			path := l.ID + "/" + w.ID
			t.Run(path, func(t *testing.T) {
				rep := labtest.Run(t, w, params[path], measure.Config{Reps: 1, RepDuration: 20 * time.Millisecond})
				for _, s := range rep.Strategies {
					if s.Ops == 0 || s.Errors != 0 {
						t.Errorf("%s: %d ops, %d errors; want operations and no errors", s.Name, s.Ops, s.Errors)
					}
					want := wantMetrics[path]
					switch {
					case !byTask[path]:
						want = append(want, workerMetrics...)
					case s.Name != "queue":
						// The local strategy is one interpreter here,
						// with no queue to account for.
						want = nil
					}
					for _, k := range want {
						if _, ok := s.Metrics[k]; !ok {
							t.Errorf("%s: metrics %v have no %s", s.Name, s.Metrics, k)
						}
					}
				}
			})
		}
	}
	for _, id := range []string{"measure", "data-structures", "optimize", "threads", "async", "processes", "machines"} {
		if labsPerLang[id] == 0 {
			t.Errorf("lab %s has no Python workload", id)
		}
	}
}
