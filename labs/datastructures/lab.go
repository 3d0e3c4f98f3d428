// Package datastructures is lab 2 of perflab: Big O stings.
package datastructures

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons holds the lab's lesson, lesson.md, and one for each workload,
// named after it: Markdown that a teacher can edit without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the data-structures lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    2,
		ID:        "data-structures",
		Title:     "Big O stings",
		Workloads: []*lab.Workload{membership(), queueWorkload(), stringsWorkload()},
		Lesson:    lab.Lesson(lessons, "lesson.md"),
	}
}
