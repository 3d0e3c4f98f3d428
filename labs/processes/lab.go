// Package processes is lab 6 of perflab: Split the work across processes.
package processes

import "github.com/perflab/perflab/labs/lab"

// New returns the processes lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number: 6,
		ID:     "processes",
		Title:  "Split the work across processes",
		Lesson: `Processes do not share a lock or a heap, so CPU-bound work spreads across every core, even in languages with a global interpreter lock. The price is inter-process communication: every task and result crosses a pipe. Small tasks drown in that cost; large ones scale with the cores.

This lab is not built yet.`,
	}
}
