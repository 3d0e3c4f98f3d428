// Package threads is lab 4 of perflab: More threads help while you wait, and bring their own trouble.
package threads

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons holds the lab's lesson, lesson.md, and one for each workload,
// named after it: Markdown that a teacher can edit without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the threads lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    4,
		ID:        "threads",
		Title:     "More threads help while you wait, and bring their own trouble",
		Workloads: []*lab.Workload{ioWorkload(), cpuWorkload(), contentionWorkload()},
		Lesson:    lab.Lesson(lessons, "lesson.md"),
	}
}
