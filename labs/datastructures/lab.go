// Package datastructures is lab 2 of perflab: Big O stings.
package datastructures

import (
	_ "embed"

	"github.com/perflab/perflab/labs/lab"
)

// labLesson is the lab's lesson, kept in lesson.md so that a teacher
// can edit it without touching Go.
//
//go:embed lesson.md
var labLesson string

// New returns the data-structures lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    2,
		ID:        "data-structures",
		Title:     "Big O stings",
		Workloads: []*lab.Workload{membership(), queueWorkload(), stringsWorkload()},
		Lesson:    lab.Unwrap(labLesson),
	}
}
