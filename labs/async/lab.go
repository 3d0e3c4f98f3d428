// Package async is lab 5 of perflab: Thousands of waits for the price of one thread.
package async

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go, and
// the modules of the Python workloads, py_*.py.
//
//go:embed *.md py_*.py
var lessons embed.FS

// New returns the async lab.
func New() *lab.Lab {
	return lab.New(lessons, 5, "async", "Thousands of waits for the price of one thread", requestsWorkload(), pyRequests())
}
