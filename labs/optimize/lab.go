// Package optimize is lab 3 of perflab: Cheap tactics with big effects:
// caching first.
package optimize

import (
	"embed"

	"github.com/perflab/perflab/labs/lab"
)

// lessons are lesson.md and WORKLOAD.md, editable without touching Go.
//
//go:embed *.md
var lessons embed.FS

// New returns the optimize lab.
func New() *lab.Lab {
	workloads := append([]*lab.Workload{cachingWorkload(), allocWorkload()}, pyWorkloads()...)
	return lab.New(lessons, 3, "optimize", "Cheap tactics with big effects: caching first", workloads...)
}
