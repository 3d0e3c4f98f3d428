package proc

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/perflab/perflab/measure/measuretest"
)

func TestKillOnCancelKillsWhenTheContextEndsFirst(t *testing.T) {
	measuretest.NoLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	killed := make(chan struct{})
	KillOnCancel(ctx, make(chan struct{}), func() { close(killed) })
	cancel()
	select {
	case <-killed:
	case <-time.After(20 * time.Second):
		t.Fatal("a cancel did not kill within 20 s")
	}
}

func TestKillOnCancelLeavesAnEndedProcessAlone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	before := runtime.NumGoroutine()
	done := make(chan struct{})
	KillOnCancel(ctx, done, func() { t.Error("killed a process that had ended") })
	close(done)
	// Once its goroutine has ended with done, a cancel kills nothing.
	measuretest.WaitFor(t, "the goroutine to end with done", func() bool { return runtime.NumGoroutine() <= before })
	cancel()
}
