// Package processes is lab 6 of perflab: Split the work across processes.
package processes

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go, and
// the modules of the Python workloads, py_*.py.
//
//go:embed *.md py_*.py
var lessons embed.FS

// New returns the processes lab.
func New() *lab.Lab {
	return lab.New(lessons, 6, "processes", "Split the work across processes", primes(), pyPrimes())
}
