// Package threads is lab 4 of perflab: More threads help while you wait, and bring their own trouble.
package threads

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go, and
// the modules of the Python workloads, py_*.py.
//
//go:embed *.md py_*.py
var lessons embed.FS

// New returns the threads lab.
func New() *lab.Lab {
	return lab.New(lessons, 4, "threads", "More threads help while you wait, and bring their own trouble", ioWorkload(), cpuWorkload(), contentionWorkload(), pyCPU(), pyIO(), pyHash())
}
