package datastructures

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/perflab/perflab/labs/internal/labtest"
)

// fifoOps is what the correctness test needs of a queue.
type fifoOps interface {
	push(v int)
	pop() int
}

// TestQueuesAgree drives the three queues and a reference through the same
// random pushes and pops, the ring through several growths: every pop must
// return what the reference returns.
func TestQueuesAgree(t *testing.T) {
	queues := map[string]fifoOps{
		"slice": newSliceQueue(4),
		"ring":  newRingQueue(2),
		"list":  newListQueue(4),
	}
	rng := rand.New(rand.NewPCG(5, 5))
	var ref []int
	next := 0
	for step := range 20000 {
		if len(ref) == 0 || rng.IntN(3) > 0 && len(ref) < 3000 {
			for _, q := range queues {
				q.push(next)
			}
			ref = append(ref, next)
			next++
			continue
		}
		want := ref[0]
		ref = ref[1:]
		for name, q := range queues {
			if got := q.pop(); got != want {
				t.Fatalf("step %d: %s popped %d, want %d", step, name, got, want)
			}
		}
	}
}

// TestSteppersHandOutTheSameSequence runs each strategy's stepper from a
// fresh queue: in a steady state every queue pops 0, 1, 2, ..., so k steps
// sum to k(k-1)/2 whatever the queue.
func TestSteppersHandOutTheSameSequence(t *testing.T) {
	for _, n := range []int{1, 7, 1000} {
		for name, steps := range map[string]func(int) stepper{"slice": sliceSteps, "ring": ringSteps, "list": listSteps} {
			run := steps(n)
			sum := 0
			for _, k := range []int{1, 10, 2000} {
				sum += run(k)
			}
			const k = 1 + 10 + 2000
			if want := k * (k - 1) / 2; sum != want {
				t.Errorf("n=%d %s: popped values sum to %d, want %d", n, name, sum, want)
			}
		}
	}
}

func TestQueueSubjectsGiveEachWorkerItsOwnQueue(t *testing.T) {
	w := queueWorkload()
	env := labtest.Env(t, context.Background(), w, map[string]string{"n": "64"})
	for _, st := range w.Strategies {
		s := labtest.Subject(t, st, env)
		done := make(chan error, 4)
		for worker := range 4 {
			go func() { done <- s.Loop(context.Background(), worker, 5000) }()
		}
		for range 4 {
			if err := <-done; err != nil {
				t.Errorf("%s: %v", st.ID, err)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := s.Loop(ctx, 0, 10); err != context.Canceled {
			t.Errorf("%s: Loop on a cancelled context = %v, want context.Canceled", st.ID, err)
		}
	}
}
