// Package machines is lab 7 of perflab: When one machine is not enough.
package machines

import (
	_ "embed"

	"github.com/perflab/perflab/labs/lab"
)

// labLesson is the lab's lesson, kept in lesson.md so that a teacher
// can edit it without touching Go.
//
//go:embed lesson.md
var labLesson string

// New returns the machines lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    7,
		ID:        "machines",
		Title:     "When one machine is not enough",
		Workloads: []*lab.Workload{queueWorkload()},
		Lesson:    lab.Unwrap(labLesson),
	}
}
