package proc

import (
	"context"
	"os/exec"
	"runtime"
	"syscall"
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

// startGroup starts a sleep 1000 leading a group of its own, and returns
// its pid and a channel closed once it is reaped. The test kills the group
// on its way out, whatever it asserted.
func startGroup(t *testing.T) (int, chan struct{}) {
	t.Helper()
	cmd := exec.Command("sleep", "1000")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait() // killed by the test: its error is the signal
		close(done)
	}()
	pid := cmd.Process.Pid
	t.Cleanup(func() {
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-done
	})
	return pid, done
}

func TestKillGroupKillsALiveGroup(t *testing.T) {
	pid, done := startGroup(t)
	KillGroup(pid, done)
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("a killed sleep 1000 was not reaped within 20 s")
	}
}

func TestKillGroupLeavesAReapedGroupAlone(t *testing.T) {
	pid, _ := startGroup(t)
	// A closed done stands for a leader already reaped, whose pid is now
	// another's: the live sleep must not be signalled.
	reaped := make(chan struct{})
	close(reaped)
	KillGroup(pid, reaped)
	if !groupAlive(pid) {
		t.Fatal("KillGroup signalled a group whose leader was said to be reaped")
	}
}

func TestAwaitOrKillKillsOnlyAfterGrace(t *testing.T) {
	done := make(chan struct{})
	close(done)
	if AwaitOrKill(done, 1000*time.Second, func() { t.Error("killed a child that had exited") }) {
		t.Error("AwaitOrKill said it killed a child that had exited")
	}

	pid, live := startGroup(t)
	start := time.Now()
	if !AwaitOrKill(live, time.Millisecond, func() { KillGroup(pid, live) }) {
		t.Error("AwaitOrKill did not say it killed a sleep 1000")
	}
	if since := time.Since(start); since > 20*time.Second {
		t.Errorf("AwaitOrKill of a sleep 1000 returned after %v, want under 20 s", since)
	}
	select {
	case <-live:
	default:
		t.Error("AwaitOrKill returned before the child was reaped")
	}
}
