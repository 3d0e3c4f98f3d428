// Package datastructures is lab 2 of perflab: Big O stings.
package datastructures

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go, and
// the modules of the Python workloads, py_*.py.
//
//go:embed *.md py_*.py
var lessons embed.FS

// New returns the data-structures lab.
func New() *lab.Lab {
	return lab.New(lessons, 2, "data-structures", "Big O stings", membership(), queueWorkload(), stringsWorkload(), pyMembership(), pyQueue(), pyStrings())
}
