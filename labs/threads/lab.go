// Package threads is lab 4 of perflab: More threads help while you wait, and bring their own trouble.
package threads

import (
	_ "embed"

	"github.com/perflab/perflab/labs/lab"
)

// labLesson is the lab's lesson, kept in lesson.md so that a teacher
// can edit it without touching Go.
//
//go:embed lesson.md
var labLesson string

// New returns the threads lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    4,
		ID:        "threads",
		Title:     "More threads help while you wait, and bring their own trouble",
		Workloads: []*lab.Workload{ioWorkload(), cpuWorkload(), contentionWorkload()},
		Lesson:    lab.Unwrap(labLesson),
	}
}
