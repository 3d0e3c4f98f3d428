// Package processes is lab 6 of perflab: Split the work across processes.
package processes

import "github.com/perflab/perflab/labs/lab"

// New returns the processes lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    6,
		ID:        "processes",
		Title:     "Split the work across processes",
		Workloads: []*lab.Workload{primes()},
		Lesson: `Processes do not share a lock or a heap, so CPU-bound work spreads across every core, even in languages with a global interpreter lock. The price is inter-process communication: every task and result crosses a pipe. Small tasks drown in that cost; large ones scale with the cores.

The primes workload counts primes in a range split into chunks. One goroutine is the baseline; GOMAXPROCS goroutines share the cores in one process; the "GIL" strategy runs as many OS threads that take one global lock around their CPU work, as CPython's threads do; the processes strategy sends each chunk down a pipe to a worker process (perflab worker) and reads the count back.

Predict: with coarse chunks the goroutines and the processes both approach the core count (about 2x on two cores), and the GIL threads stay at 1x or below. Then shrink the chunk until a task costs less than a round trip through a pipe: the processes fall behind a single goroutine. The metrics show the price per task: ipc_ns_per_task is the round trip measured here minus the service time the worker measured itself.`,
	}
}
