// Package threads is lab 4 of perflab: More threads help while you wait, and bring their own trouble.
package threads

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the threads lab.
func New() *lab.Lab {
	workloads := append([]*lab.Workload{ioWorkload(), cpuWorkload(), contentionWorkload()}, pyWorkloads()...)
	return lab.New(lessons, 4, "threads", "More threads help while you wait, and bring their own trouble", workloads...)
}
