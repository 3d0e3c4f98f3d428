// Package optimize is lab 3 of perflab: Cheap tactics with big effects:
// caching first.
package optimize

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go, and
// the modules of the Python workloads, py_*.py.
//
//go:embed *.md py_*.py
var lessons embed.FS

// New returns the optimize lab.
func New() *lab.Lab {
	return lab.New(lessons, 3, "optimize", "Cheap tactics with big effects: caching first", cachingWorkload(), allocWorkload(), pyCache())
}
