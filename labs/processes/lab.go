// Package processes is lab 6 of perflab: Split the work across processes.
package processes

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the processes lab.
func New() *lab.Lab {
	workloads := append([]*lab.Workload{primes()}, pyWorkloads()...)
	return lab.New(lessons, 6, "processes", "Split the work across processes", workloads...)
}
