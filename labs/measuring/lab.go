// Package measuring is lab 1 of perflab: Measure, or you are buying the
// mechanic's quiet oil.
package measuring

import (
	_ "embed"

	"github.com/perflab/perflab/labs/lab"
)

// labLesson is the lab's lesson, kept in lesson.md so that a teacher
// can edit it without touching Go.
//
//go:embed lesson.md
var labLesson string

// New returns the measure lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    1,
		ID:        "measure",
		Title:     "Measure, or you are buying the mechanic's quiet oil",
		Workloads: []*lab.Workload{sortOrders()},
		Lesson:    lab.Unwrap(labLesson),
	}
}
