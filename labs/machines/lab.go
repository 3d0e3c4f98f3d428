// Package machines is lab 7 of perflab: When one machine is not enough.
package machines

import "github.com/perflab/perflab/labs/lab"

// New returns the machines lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number: 7,
		ID:     "machines",
		Title:  "When one machine is not enough",
		Lesson: `More machines add cores without limit, and add a network, a queue and failures. Work goes through a queue to workers; a worker that dies takes its task with it unless the queue redelivers it. Scaling is measured against the ideal line, and the gap is coordination.

This lab is not built yet.`,
	}
}
