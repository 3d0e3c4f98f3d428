// Package async is lab 5 of perflab: Thousands of waits for the price of one thread.
package async

import "github.com/perflab/perflab/labs/lab"

// New returns the async lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    5,
		ID:        "async",
		Title:     "Thousands of waits for the price of one thread",
		Workloads: []*lab.Workload{requestsWorkload()},
		Lesson: `An OS thread costs memory and scheduling; a goroutine or an async task costs a few kilobytes. When thousands of requests wait at once, a thread per request runs out of memory or scheduler long before async does. Unbounded async has its own failure: it sends everything at once and the backend queues it, so the tail grows. A semaphore that bounds requests in flight is backpressure.

Predict how much faster fan-out finishes a thousand requests than a small pool, and how many OS threads a thread per request needs; then run it and read peak_threads, kernel_stack_mb and rss_growth_mb beside the speed.`,
	}
}
