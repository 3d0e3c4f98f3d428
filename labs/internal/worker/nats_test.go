package worker

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure/measuretest"
)

func TestSettleReportsAFailedAck(t *testing.T) {
	var log strings.Builder
	w := &natsWorker{name: "w1", log: &log}
	w.settle(nil, "ack", 7)
	if log.Len() != 0 {
		t.Errorf("a successful ack logged %q", log.String())
	}
	w.settle(errors.New("connection closed"), "ack", 7)
	if got, want := log.String(), "perflab worker w1: ack task 7: connection closed\n"; got != want {
		t.Errorf("a failed ack logged %q, want %q", got, want)
	}
}

// TestWorkerSaysWhatItWaitsFor starts a worker before any server is up: it
// must say at once, and once, what it waits for and for how long, instead
// of two silent minutes.
func TestWorkerSaysWhatItWaitsFor(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "nats://" + ln.Addr().String()
	ln.Close() // nothing listens there now
	var log measuretest.SyncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ServeNATS(ctx, url, "", "early", &log) }()
	measuretest.WaitFor(t, "the worker to say it waits", func() bool { return strings.Contains(log.String(), "trying every") })
	cancel()
	if err := <-done; err != nil {
		t.Errorf("a cancelled worker returned %v", err)
	}
	want := "perflab worker early: no NATS server at " + url + " yet; trying every 1s for up to 2m0s\n"
	if got := log.String(); got != want {
		t.Errorf("log %q, want exactly %q", got, want)
	}
}
