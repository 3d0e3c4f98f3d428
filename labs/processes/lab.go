// Package processes is lab 6 of perflab: Split the work across processes.
package processes

import (
	_ "embed"

	"github.com/perflab/perflab/labs/lab"
)

// labLesson is the lab's lesson, kept in lesson.md so that a teacher
// can edit it without touching Go.
//
//go:embed lesson.md
var labLesson string

// New returns the processes lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    6,
		ID:        "processes",
		Title:     "Split the work across processes",
		Workloads: []*lab.Workload{primes()},
		Lesson:    lab.Unwrap(labLesson),
	}
}
