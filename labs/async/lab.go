// Package async is lab 5 of perflab: Thousands of waits for the price of one thread.
package async

import (
	_ "embed"

	"github.com/perflab/perflab/labs/lab"
)

// labLesson is the lab's lesson, kept in lesson.md so that a teacher
// can edit it without touching Go.
//
//go:embed lesson.md
var labLesson string

// New returns the async lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    5,
		ID:        "async",
		Title:     "Thousands of waits for the price of one thread",
		Workloads: []*lab.Workload{requestsWorkload()},
		Lesson:    lab.Unwrap(labLesson),
	}
}
