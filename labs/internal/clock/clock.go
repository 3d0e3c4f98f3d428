// Package clock holds the one wait that the labs' servers, workers and
// strategies share: a sleep that a cancelled run cuts short. It imports
// nothing of perflab, so that a worker process can use it without the HTTP
// backend and the backend without the worker.
package clock

import (
	"context"
	"time"
)

// Sleep blocks for d or until ctx ends, whichever is first, and returns
// ctx's error if it ended first. A d of zero or less does not wait, and
// still reports a context that has ended, so that a loop of short sleeps
// notices a cancel.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
