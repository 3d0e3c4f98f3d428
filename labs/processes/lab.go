// Package processes is lab 6 of perflab: Split the work across processes.
package processes

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons holds the lab's lesson, lesson.md, and one for each workload,
// named after it: Markdown that a teacher can edit without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the processes lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    6,
		ID:        "processes",
		Title:     "Split the work across processes",
		Workloads: []*lab.Workload{primes()},
		Lesson:    lab.Lesson(lessons, "lesson.md"),
	}
}
