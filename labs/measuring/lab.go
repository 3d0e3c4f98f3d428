// Package measuring is lab 1 of perflab: Measure, or you are buying the
// mechanic's quiet oil.
package measuring

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons holds the lab's lesson, lesson.md, and one for each workload,
// named after it: Markdown that a teacher can edit without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the measure lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    1,
		ID:        "measure",
		Title:     "Measure, or you are buying the mechanic's quiet oil",
		Workloads: []*lab.Workload{sortOrders()},
		Lesson:    lab.Lesson(lessons, "lesson.md"),
	}
}
