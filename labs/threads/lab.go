// Package threads is lab 4 of perflab: More threads help while you wait, and bring their own trouble.
package threads

import "github.com/perflab/perflab/labs/lab"

// New returns the threads lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    4,
		ID:        "threads",
		Title:     "More threads help while you wait, and bring their own trouble",
		Workloads: []*lab.Workload{ioWorkload(), cpuWorkload(), contentionWorkload()},
		Lesson: `A program that waits on IO wastes its thread while it waits. Run the waits side by side on k threads or goroutines and a batch of tasks finishes up to k times sooner: the work did not get faster, the waiting overlapped. Threads do nothing for work that is bound by one lock or one core, and shared state brings contention and races.

Predict the throughput of a pool of k against the sequential strategy, then run it: near k times, until the pool outgrows the waiting.`,
	}
}
