package queue

import (
	"context"
	"errors"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/perflab/perflab/labs/internal/natsd"
	"github.com/perflab/perflab/measure/measuretest"
)

// restartable is a NATS server with JetStream that a test can stop and
// start again on the same port, with its store or without.
type restartable struct {
	t    *testing.T
	port int
	dir  string
	ns   *server.Server
}

func newRestartable(t *testing.T) *restartable {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	r := &restartable{t: t, port: port, dir: t.TempDir()}
	r.start()
	t.Cleanup(r.stop)
	return r
}

func (r *restartable) url() string { return "nats://127.0.0.1:" + strconv.Itoa(r.port) }

func (r *restartable) start() {
	r.t.Helper()
	ns, err := natsd.Start("nats server", &server.Options{
		Host: "127.0.0.1", Port: r.port, JetStream: true, StoreDir: r.dir,
		JetStreamMaxMemory: maxMemory, JetStreamMaxStore: maxStore, NoLog: true, NoSigs: true,
	})
	if err != nil {
		r.t.Fatal(err)
	}
	r.ns = ns.Server
}

func (r *restartable) stop() {
	if r.ns != nil {
		r.ns.Shutdown()
		r.ns.WaitForShutdown()
		r.ns = nil
	}
}

// restart stops the server and starts it again, with its store kept or,
// as after a lost disk, a new empty one.
func (r *restartable) restart(keepStore bool) {
	r.stop()
	if !keepStore {
		r.dir = r.t.TempDir()
	}
	r.start()
}

// batchAcrossRestart runs a batch of 30 sleep tasks on q, 3 in flight, and
// restarts srv, keeping its store or not, once done of them are done; the
// batch must then end without error. Its stall is a minute: the batch must
// not need it.
func batchAcrossRestart(t *testing.T, srv *restartable, q *Queue, keep bool, done int) {
	t.Helper()
	var rec recorder
	ended := make(chan error, 1)
	go func() {
		ended <- q.Run(context.Background(), sleepTasks(30, 20*time.Millisecond), 3, &rec, time.Minute)
	}()
	measuretest.WaitFor(t, strconv.Itoa(done)+" of the 30 tasks done", func() bool {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		return len(rec.values) >= done
	})
	srv.restart(keep)
	if err := <-ended; err != nil {
		t.Fatalf("the batch across a restart: %v", err)
	}
}

// TestQueueSurvivesAServerRestart restarts the server while a batch has
// tasks in flight: with its store kept, and with its store lost. Every task
// must be completed exactly once, and the batch must end without waiting
// out a stall.
func TestQueueSurvivesAServerRestart(t *testing.T) {
	for _, keep := range []bool{true, false} {
		name := map[bool]string{true: "store kept", false: "store lost"}[keep]
		t.Run(name, func(t *testing.T) {
			srv := newRestartable(t)
			q := openQueue(t, srv.url(), QueueOptions{AckWait: time.Second, MaxDeliver: 5})
			startWorkers(t, srv.url(), 3)
			batchAcrossRestart(t, srv, q, keep, 10)
			m := q.Metrics()
			if m["tasks_completed"] != 30 || m["tasks_submitted"] != 30 || m["tasks_lost"] != 0 || m["tasks_counted_twice"] != 0 {
				t.Errorf("metrics %v: want 30 tasks submitted and completed once each", m)
			}
			if err := q.Accounted(); err != nil {
				t.Error(err)
			}
			if m["server_reconnects"] < 1 {
				t.Errorf("metrics %v: want the reconnect counted", m)
			}
		})
	}
}

// TestQueueFailsWhenTheServerIsGone stops the server for good: the batch
// must fail within the reconnect window with one fatal error, the tasks in
// flight counted lost, and Close must not wait on the absent server.
func TestQueueFailsWhenTheServerIsGone(t *testing.T) {
	srv := newRestartable(t)
	q, err := OpenQueue(context.Background(), srv.url(), QueueOptions{AckWait: time.Second, MaxDeliver: 5, ReconnectWindow: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	startWorkers(t, srv.url(), 1)
	var rec recorder
	done := make(chan error, 1)
	go func() { done <- q.Run(context.Background(), sleepTasks(20, 20*time.Millisecond), 2, &rec, time.Hour) }()
	measuretest.WaitFor(t, "a task done", func() bool {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		return len(rec.values) >= 1
	})
	srv.stop()
	err = <-done
	if !errors.Is(err, errServerGone) {
		t.Fatalf("Run = %v, want the server named gone", err)
	}
	m := q.Metrics()
	if m["tasks_lost"] == 0 {
		t.Errorf("metrics %v: want the tasks in flight counted lost", m)
	}
	if err := q.Accounted(); err != nil {
		t.Error(err)
	}
	if err := q.Close(); err != nil {
		t.Errorf("Close after the server went: %v", err)
	}
}
