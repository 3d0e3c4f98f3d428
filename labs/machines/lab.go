// Package machines is lab 7 of perflab: When one machine is not enough.
package machines

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons holds the lab's lesson, lesson.md, and one for each workload,
// named after it: Markdown that a teacher can edit without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the machines lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    7,
		ID:        "machines",
		Title:     "When one machine is not enough",
		Workloads: []*lab.Workload{queueWorkload()},
		Lesson:    lab.Lesson(lessons, "lesson.md"),
	}
}
