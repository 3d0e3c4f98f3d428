// Package measuring is lab 1 of perflab: Measure, or you are buying the
// mechanic's quiet oil.
package measuring

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go, and
// the modules of the Python workloads, py_*.py.
//
//go:embed *.md py_*.py
var lessons embed.FS

// New returns the measure lab.
func New() *lab.Lab {
	return lab.New(lessons, 1, "measure", "Measure, or you are buying the mechanic's quiet oil", sortOrders(), resolution(), pySort())
}
