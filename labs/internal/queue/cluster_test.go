package queue

import (
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/perflab/perflab/labs/internal/worker"
)

// recorder counts what a queue records, for tests.
type recorder struct {
	mu     sync.Mutex
	values []int64
	errors int
}

func (r *recorder) Record(ns int64) { r.mu.Lock(); r.values = append(r.values, ns); r.mu.Unlock() }
func (r *recorder) Error()          { r.mu.Lock(); r.errors++; r.mu.Unlock() }

func startServer(t *testing.T) *Server {
	t.Helper()
	s, err := StartServer("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// startWorkers runs n NATS workers in this process until the test ends.
func startWorkers(t *testing.T, url string, n int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := worker.ServeNATS(ctx, url, fmt.Sprintf("w%d", i), nil); err != nil {
				t.Error(err)
			}
		})
	}
	t.Cleanup(func() { cancel(); wg.Wait() })
}

func TestServerListensOnLoopbackAndCleansUp(t *testing.T) {
	s, err := StartServer("")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.URL(), "nats://127.0.0.1:") {
		t.Errorf("URL %s: want loopback", s.URL())
	}
	if _, err := os.Stat(s.StoreDir()); err != nil {
		t.Errorf("store: %v", err)
	}
	addr := strings.TrimPrefix(s.URL(), "nats://")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.StoreDir()); !os.IsNotExist(err) {
		t.Errorf("store %s still there after Close: %v", s.StoreDir(), err)
	}
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Errorf("%s still accepts connections after Close", addr)
	}
}

func TestBadListenIsAClearError(t *testing.T) {
	for _, listen := range []string{"nonsense", "127.0.0.1:99999", "127.0.0.1:x"} {
		if _, err := StartServer(listen); err == nil || !strings.Contains(err.Error(), "listen") {
			t.Errorf("listen %q: got %v, want an error about listen", listen, err)
		}
	}
}

func openQueue(t *testing.T, url string, o QueueOptions) *Queue {
	t.Helper()
	q, err := OpenQueue(context.Background(), url, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := q.Close(); err != nil {
			t.Error(err)
		}
	})
	return q
}

func sleepTasks(n int, d time.Duration) []worker.Task {
	tasks := make([]worker.Task, n)
	for i := range tasks {
		tasks[i] = worker.Task{Kind: worker.Sleep, A: uint64(d)}
	}
	return tasks
}

func TestQueueRunsEveryTaskOnce(t *testing.T) {
	s := startServer(t)
	checked := 0
	q := openQueue(t, s.URL(), QueueOptions{AckWait: time.Second, MaxDeliver: 3, Check: func(t worker.Task, v uint64) error {
		checked++
		if want := worker.SievePrimes(t.A, t.B); v != want {
			return fmt.Errorf("task %d: %d primes, want %d", t.ID, v, want)
		}
		return nil
	}})
	startWorkers(t, s.URL(), 3)
	tasks := make([]worker.Task, 30)
	for i := range tasks {
		tasks[i] = worker.Task{Kind: worker.Primes, A: uint64(1000 * i), B: uint64(1000 * (i + 1))}
	}
	var rec recorder
	for range 2 {
		if err := q.Run(context.Background(), tasks, 3, &rec, 10*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	m := q.Metrics()
	if len(rec.values) != 60 || rec.errors != 0 || checked != 60 {
		t.Errorf("recorded %d, errors %d, checked %d; want 60, 0, 60", len(rec.values), rec.errors, checked)
	}
	for _, k := range []string{"tasks_lost", "tasks_counted_twice", "duplicate_results", "tasks_failed"} {
		if m[k] != 0 {
			t.Errorf("%s = %v, want 0", k, m[k])
		}
	}
	if m["tasks_submitted"] != 60 || m["tasks_completed"] != 60 || m["workers_seen"] < 1 {
		t.Errorf("metrics %v: want 60 submitted and completed", m)
	}
	if m["round_trip_ns_per_task"] <= m["service_ns_per_task"] {
		t.Errorf("round trip %v not above service %v", m["round_trip_ns_per_task"], m["service_ns_per_task"])
	}
}

func TestQueueDropsDuplicateResults(t *testing.T) {
	s := startServer(t)
	q := openQueue(t, s.URL(), QueueOptions{AckWait: time.Second, MaxDeliver: 3})
	startWorkers(t, s.URL(), 1)
	var rec recorder
	if err := q.Run(context.Background(), sleepTasks(1, time.Millisecond), 1, &rec, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	// A worker that published its result and died before its ack: the
	// task comes back, runs again, and its result arrives a second time.
	nc, err := nats.Connect(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if err := nc.Publish(q.inbox, worker.AppendResult(nil, worker.Result{ID: 1, Deliveries: 2, Worker: "again"})); err != nil {
		t.Fatal(err)
	}
	nc.Flush()
	// The duplicate is taken while the next batch waits for its own.
	if err := q.Run(context.Background(), sleepTasks(1, time.Millisecond), 1, &rec, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	m := q.Metrics()
	if len(rec.values) != 2 || m["duplicate_results"] != 1 || m["redeliveries"] != 1 || m["tasks_counted_twice"] != 0 {
		t.Errorf("recorded %d, metrics %v: want 2 recorded, 1 duplicate dropped, 1 redelivery", len(rec.values), m)
	}
}

func TestQueueCountsLostTasks(t *testing.T) {
	s := startServer(t)
	q := openQueue(t, s.URL(), QueueOptions{AckWait: time.Second, MaxDeliver: 3})
	// No worker at all: nothing can come back.
	var rec recorder
	err := q.Run(context.Background(), sleepTasks(3, time.Millisecond), 2, &rec, 50*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "3 tasks got no result") {
		t.Errorf("got %v, want 3 tasks lost", err)
	}
	if m := q.Metrics(); m["tasks_lost"] != 3 {
		t.Errorf("tasks_lost = %v, want 3", m["tasks_lost"])
	}
}

func TestQueueRunStopsOnCancel(t *testing.T) {
	s := startServer(t)
	q := openQueue(t, s.URL(), QueueOptions{AckWait: time.Second, MaxDeliver: 3})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- q.Run(ctx, sleepTasks(3, time.Millisecond), 1, &recorder{}, time.Hour) }()
	cancel()
	if err := <-done; err != context.Canceled {
		t.Errorf("got %v, want context.Canceled", err)
	}
}
