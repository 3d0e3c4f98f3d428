// Package async is lab 5 of perflab: Thousands of waits for the price of one thread.
package async

import "github.com/perflab/perflab/labs/lab"

// New returns the async lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number: 5,
		ID:     "async",
		Title:  "Thousands of waits for the price of one thread",
		Lesson: `An OS thread costs memory and scheduling; a goroutine or an async task costs a few kilobytes. When thousands of requests wait at once, a thread per request runs out of memory or scheduler long before async does. Unbounded async has its own failure: it sends everything at once and the backend queues it, so the tail grows. A semaphore that bounds requests in flight is backpressure.

This lab is not built yet.`,
	}
}
