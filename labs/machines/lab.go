// Package machines is lab 7 of perflab: When one machine is not enough.
package machines

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the machines lab.
func New() *lab.Lab {
	return lab.New(lessons, 7, "machines", "When one machine is not enough", queueWorkload(), pythonQueueWorkload())
}
