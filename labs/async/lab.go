// Package async is lab 5 of perflab: Thousands of waits for the price of one thread.
package async

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons holds the lab's lesson, lesson.md, and one for each workload,
// named after it: Markdown that a teacher can edit without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the async lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    5,
		ID:        "async",
		Title:     "Thousands of waits for the price of one thread",
		Workloads: []*lab.Workload{requestsWorkload()},
		Lesson:    lab.Lesson(lessons, "lesson.md"),
	}
}
