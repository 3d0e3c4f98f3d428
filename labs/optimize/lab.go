// Package optimize is lab 3 of perflab: Cheap tactics with big effects:
// caching first.
package optimize

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons holds the lab's lesson, lesson.md, and one for each workload,
// named after it: Markdown that a teacher can edit without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the optimize lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    3,
		ID:        "optimize",
		Title:     "Cheap tactics with big effects: caching first",
		Workloads: []*lab.Workload{cachingWorkload(), allocWorkload()},
		Lesson:    lab.Lesson(lessons, "lesson.md"),
	}
}
