// Package machines is lab 7 of perflab: When one machine is not enough.
package machines

import "github.com/perflab/perflab/labs/lab"

// New returns the machines lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    7,
		ID:        "machines",
		Title:     "When one machine is not enough",
		Workloads: []*lab.Workload{queueWorkload()},
		Lesson: `More machines add cores without limit, and add a network, a queue and failures. Work goes through a queue to workers; a worker that dies takes its task with it unless the queue redelivers it. Scaling is measured against the ideal line, and the gap is coordination.

The queue is a real NATS JetStream work queue, embedded in perflab on 127.0.0.1 by default. Local worker processes stand in for machines; real machines join with perflab worker --nats nats://HOST:4222 (see the README for Kubernetes). Latency is each task's round trip on this machine's clock; the worker reports the time it spent on the task itself, so queue_ns_per_task is the price of the network and the queue.`,
	}
}
