// Package datastructures is lab 2 of perflab: Big O stings.
package datastructures

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the data-structures lab.
func New() *lab.Lab {
	workloads := append([]*lab.Workload{membership(), queueWorkload(), stringsWorkload()}, pyWorkloads()...)
	return lab.New(lessons, 2, "data-structures", "Big O stings", workloads...)
}
