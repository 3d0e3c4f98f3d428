package datastructures

import (
	"container/list"
	"context"
	"sync/atomic"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// queueWorkload runs a first-in, first-out queue in a steady state: it holds
// n items, and each operation pushes one at the back and pops one from the
// front.
func queueWorkload() *lab.Workload {
	return &lab.Workload{
		ID:    "queue",
		Title: "First in, first out",
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "1000", Min: "1", Max: "1000000", Help: "items held in the queue"},
		},
		// Each strategy builds memory only: fresh instances every block.
		Fresh: true,
		Strategies: []lab.Strategy{
			{ID: "slice", Title: "slice, pop front with copy", Help: "copy(q, q[1:]) to pop: every pop moves the whole queue, O(n)", New: newQueueSubject(sliceSteps)},
			{ID: "ring", Title: "ring buffer", Help: "a fixed array with head and tail indices that wrap: O(1), no allocation", New: newQueueSubject(ringSteps)},
			{ID: "list", Title: "container/list", Help: "a doubly linked list: O(1), but an allocation per push", New: newQueueSubject(listSteps)},
		},
	}
}

// sliceQueue pops its front by moving everything behind it down one place.
type sliceQueue struct{ items []int }

func newSliceQueue(n int) *sliceQueue { return &sliceQueue{items: make([]int, 0, n+1)} }

func (q *sliceQueue) push(v int) { q.items = append(q.items, v) }

func (q *sliceQueue) pop() int {
	v := q.items[0]
	copy(q.items, q.items[1:])
	q.items = q.items[:len(q.items)-1]
	return v
}

// ringQueue keeps its items in a fixed power-of-two array and moves only
// its head and tail, which wrap with a mask.
type ringQueue struct {
	items      []int
	mask       int
	head, size int
}

func newRingQueue(n int) *ringQueue {
	c := 1
	for c < n+1 {
		c <<= 1
	}
	return &ringQueue{items: make([]int, c), mask: c - 1}
}

func (q *ringQueue) push(v int) {
	if q.size == len(q.items) {
		q.grow()
	}
	q.items[(q.head+q.size)&q.mask] = v
	q.size++
}

func (q *ringQueue) pop() int {
	v := q.items[q.head]
	q.head = (q.head + 1) & q.mask
	q.size--
	return v
}

// grow doubles the array, unwrapping the items to its start. The workload
// sizes the ring so that it never grows; grow keeps push correct anyway.
func (q *ringQueue) grow() {
	items := make([]int, 2*len(q.items))
	for i := range q.size {
		items[i] = q.items[(q.head+i)&q.mask]
	}
	q.items, q.mask, q.head = items, len(items)-1, 0
}

// listQueue is container/list: a doubly linked list of elements, each
// allocated on its own.
type listQueue struct{ l *list.List }

func newListQueue(int) *listQueue { return &listQueue{l: list.New()} }

func (q *listQueue) push(v int) { q.l.PushBack(v) }

func (q *listQueue) pop() int { return q.l.Remove(q.l.Front()).(int) }

// A stepper runs ops steps of one worker's queue, each pushing the next
// value and popping the front, and returns the sum of the values popped.
type stepper func(ops int) int

// The three steppers are written out with concrete queue types, so that
// push and pop are inlined as they would be in real code and the strategies
// differ only in their queue. Each fills its queue with 0..n-1 first, so
// every queue hands out 0, 1, 2, ... in that order.

func sliceSteps(n int) stepper {
	q, next := newSliceQueue(n), 0
	for ; next < n; next++ {
		q.push(next)
	}
	return func(ops int) (sum int) {
		for range ops {
			q.push(next)
			next++
			sum += q.pop()
		}
		return sum
	}
}

func ringSteps(n int) stepper {
	q, next := newRingQueue(n), 0
	for ; next < n; next++ {
		q.push(next)
	}
	return func(ops int) (sum int) {
		for range ops {
			q.push(next)
			next++
			sum += q.pop()
		}
		return sum
	}
}

func listSteps(n int) stepper {
	q, next := newListQueue(n), 0
	for ; next < n; next++ {
		q.push(next)
	}
	return func(ops int) (sum int) {
		for range ops {
			q.push(next)
			next++
			sum += q.pop()
		}
		return sum
	}
}

// stepChunk is how many steps run between looks at the context: a slow pop
// at a large n takes milliseconds, and a cancel must be prompt.
const stepChunk = 1024

// newQueueSubject returns a strategy constructor for queues run by steps.
// Each engine worker gets a queue of its own, filled on its first
// operation: a queue is not safe for several goroutines at once. The engine
// never overlaps two calls for one worker, so finding the worker's queue
// takes no lock inside the timed batch.
func newQueueSubject(steps func(n int) stepper) func(env *lab.Env) (*measure.Subject, error) {
	return func(env *lab.Env) (*measure.Subject, error) {
		n := env.Params.Int("n")
		workers := make([]stepper, measure.MaxWorkers)
		var sink atomic.Int64
		return &measure.Subject{
			Loop: func(ctx context.Context, w, ops int) error {
				if workers[w] == nil {
					workers[w] = steps(n)
				}
				run, sum := workers[w], 0
				for ops > 0 {
					if ctx.Err() != nil {
						return ctx.Err()
					}
					k := min(ops, stepChunk)
					sum += run(k)
					ops -= k
				}
				// Keep the popped values, so the pops cannot be dropped.
				sink.Store(int64(sum))
				return nil
			},
		}, nil
	}
}
