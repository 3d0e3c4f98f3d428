// Package optimize is lab 3 of perflab: Cheap tactics with big effects:
// caching first.
package optimize

import "github.com/perflab/perflab/labs/lab"

// New returns the optimize lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    3,
		ID:        "optimize",
		Title:     "Cheap tactics with big effects: caching first",
		Workloads: []*lab.Workload{cachingWorkload(), allocWorkload()},
		Lesson:    `Before rewriting an algorithm, look for work you do twice. A cache turns a repeated expensive call into a map lookup; how much it helps depends on how often keys repeat (the hit ratio), and a bounded cache trades memory for misses. Allocation is the other cheap target: growing a slice by appending allocates and copies again and again, where a preallocated one allocates once and a pooled one not at all.`,
	}
}
