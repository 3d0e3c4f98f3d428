// Package async is lab 5 of perflab: Thousands of waits for the price of one thread.
package async

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the async lab.
func New() *lab.Lab {
	workloads := append([]*lab.Workload{requestsWorkload()}, pyWorkloads()...)
	return lab.New(lessons, 5, "async", "Thousands of waits for the price of one thread", workloads...)
}
