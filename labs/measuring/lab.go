// Package measuring is lab 1 of perflab: Measure, or you are buying the
// mechanic's quiet oil.
package measuring

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the measure lab.
func New() *lab.Lab {
	workloads := append([]*lab.Workload{sortOrders(), resolution()}, pyWorkloads()...)
	return lab.New(lessons, 1, "measure", "Measure, or you are buying the mechanic's quiet oil", workloads...)
}
