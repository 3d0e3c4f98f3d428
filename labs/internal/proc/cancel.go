package proc

import "context"

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
