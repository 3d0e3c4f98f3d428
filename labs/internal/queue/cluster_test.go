package queue

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/measure/measuretest"
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
	s, err := StartServer("", "")
	return measuretest.CloseAtEnd(t, s, err)
}

// startWorkers runs n NATS workers in this process until the test ends.
func startWorkers(t *testing.T, url string, n int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := worker.ServeNATS(ctx, url, "", fmt.Sprintf("w%d", i), nil); err != nil {
				t.Error(err)
			}
		})
	}
	t.Cleanup(func() { cancel(); wg.Wait() })
}

func TestServerListensOnLoopbackAndCleansUp(t *testing.T) {
	s, err := StartServer("", "")
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
		if _, err := StartServer(listen, ""); err == nil || !strings.Contains(err.Error(), "listen") {
			t.Errorf("listen %q: got %v, want an error about listen", listen, err)
		}
	}
}

func openQueue(t *testing.T, url string, o QueueOptions) *Queue {
	t.Helper()
	q, err := OpenQueue(context.Background(), url, o)
	return measuretest.CloseAtEnd(t, q, err)
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
	// No worker at all: nothing can come back. Two tasks fit the window;
	// the third is never published, so it is not lost but not submitted.
	var rec recorder
	err := q.Run(context.Background(), sleepTasks(3, time.Millisecond), 2, &rec, 50*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "2 tasks got no result") {
		t.Errorf("got %v, want 2 tasks lost", err)
	}
	if m := q.Metrics(); m["tasks_lost"] != 2 || m["tasks_submitted"] != 2 {
		t.Errorf("lost %v of %v submitted, want 2 of 2", m["tasks_lost"], m["tasks_submitted"])
	}
	if err := q.Accounted(); err != nil {
		t.Error(err)
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
	m := q.Metrics()
	if m["tasks_lost"] != 0 || m["tasks_in_flight_at_cancel"] != m["tasks_submitted"] {
		t.Errorf("metrics %v: want the tasks in flight at the cancel counted as such, none lost", m)
	}
	if err := q.Accounted(); err != nil {
		t.Error(err)
	}
}

// TestTwoRunsShareAServer runs two queues on one server, the way two
// coordinators pointed at one external server do: each has its own stream,
// and closing one leaves the other's tasks alone.
func TestTwoRunsShareAServer(t *testing.T) {
	s := startServer(t)
	a, err := OpenQueue(context.Background(), s.URL(), QueueOptions{AckWait: time.Second, MaxDeliver: 3})
	if err != nil {
		t.Fatal(err)
	}
	b := openQueue(t, s.URL(), QueueOptions{AckWait: time.Second, MaxDeliver: 3})
	if a.StreamName() == b.StreamName() {
		t.Fatalf("both runs use stream %s", a.StreamName())
	}
	startWorkers(t, s.URL(), 2)
	var rec recorder
	if err := a.Run(context.Background(), sleepTasks(4, time.Millisecond), 2, &rec, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := b.Run(context.Background(), sleepTasks(8, time.Millisecond), 2, &rec, 10*time.Second); err != nil {
		t.Fatalf("the second run after the first closed: %v", err)
	}
	if m := b.Metrics(); m["tasks_completed"] != 8 || m["tasks_lost"] != 0 {
		t.Errorf("second run: %v, want 8 completed and none lost", m)
	}
}

// TestTokenKeepsOutStrangers starts a server that asks for a token: a
// client without it is refused, one with it gets in, and the URL that local
// clients are given carries it.
func TestTokenKeepsOutStrangers(t *testing.T) {
	s, err := StartServer("127.0.0.1:0", "s3cret")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.URL(), "nats://s3cret@127.0.0.1:") {
		t.Errorf("URL %s: want the token in it", s.URL())
	}
	bare := fmt.Sprintf("nats://127.0.0.1:%d", s.Port())
	if nc, err := nats.Connect(bare); err == nil {
		nc.Close()
		t.Errorf("a client without the token connected to %s", bare)
	}
	nc, err := nats.Connect(s.URL())
	if err != nil {
		t.Fatalf("a client with the token: %v", err)
	}
	nc.Close()
	if got := worker.RedactURL(s.URL()); strings.Contains(got, "s3cret") {
		t.Errorf("RedactURL(%s) = %s, still shows the token", s.URL(), got)
	}
}

// TestStaleStoresAreCleaned leaves the store folders of a dead process and
// of a live one: only the dead one's is removed.
func TestStaleStoresAreCleaned(t *testing.T) {
	dir := t.TempDir()
	// A pid above the kernel's limit (4194304 at most) has no process.
	dead := filepath.Join(dir, storePrefix+"4194305-1")
	live := filepath.Join(dir, storePrefix+strconv.Itoa(os.Getpid())+"-2")
	other := filepath.Join(dir, "perflab-nats-12345")
	// A child that has exited and is not yet reaped is a zombie: dead
	// as a coordinator, though its pid still answers signal 0.
	child := exec.Command("true")
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Wait()
	measuretest.WaitFor(t, "the child to exit", func() bool { return !alive(child.Process.Pid) })
	zombie := filepath.Join(dir, storePrefix+strconv.Itoa(child.Process.Pid)+"-3")
	for _, d := range []string{dead, live, other, zombie} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	cleanStaleStores(dir)
	for _, tt := range []struct {
		path string
		kept bool
	}{{dead, false}, {live, true}, {other, true}, {zombie, false}} {
		_, err := os.Stat(tt.path)
		if kept := err == nil; kept != tt.kept {
			t.Errorf("%s: kept %v, want %v", filepath.Base(tt.path), kept, tt.kept)
		}
	}
}
