package proc

import (
	"context"
	"syscall"
	"time"
)

// KillOnCancel calls kill if ctx is done before done is closed, from a
// goroutine that ends with either: a process started for a run ends when
// the run's context does, and a process that ended first is left alone,
// as its pid may be another's by then. kill must be safe to call after
// the process has exited on its own.
func KillOnCancel(ctx context.Context, done <-chan struct{}, kill func()) {
	go func() {
		select {
		case <-ctx.Done():
			kill()
		case <-done:
		}
	}()
}

// KillGroup sends SIGKILL to the process group that pid leads, unless done
// is closed: done says the leader has been reaped, and its pid may lead
// another's group by then. A group that is already empty is no error.
func KillGroup(pid int, done <-chan struct{}) {
	select {
	case <-done:
	default:
		_ = syscall.Kill(-pid, syscall.SIGKILL)
	}
}

// AwaitOrKill waits up to grace for done to close, then calls kill and
// waits for done: a child asked to stop (its input closed, say) has grace
// to do so on its own. It returns once done is closed, and reports whether
// it had to kill.
func AwaitOrKill(done <-chan struct{}, grace time.Duration, kill func()) (killed bool) {
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-done:
		return false
	case <-t.C:
		kill()
		<-done
		return true
	}
}
