// Package optimize is lab 3 of perflab: Cheap tactics with big effects:
// caching first.
package optimize

import (
	_ "embed"

	"github.com/perflab/perflab/labs/lab"
)

// labLesson is the lab's lesson, kept in lesson.md so that a teacher
// can edit it without touching Go.
//
//go:embed lesson.md
var labLesson string

// New returns the optimize lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    3,
		ID:        "optimize",
		Title:     "Cheap tactics with big effects: caching first",
		Workloads: []*lab.Workload{cachingWorkload(), allocWorkload()},
		Lesson:    lab.Unwrap(labLesson),
	}
}
