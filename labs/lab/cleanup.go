package lab

import "context"

type cleanupKey struct{}

// WithCleanup returns ctx carrying cleanup, the context that a run's
// clean-up steps (a person's cleanup command) run under. A clean-up runs
// after a cancel, so it cannot run under the run's own context; the
// caller that starts the run ends cleanup when the person insists (a
// second Ctrl-C), so that a slow clean-up can still be cut short.
func WithCleanup(ctx, cleanup context.Context) context.Context {
	return context.WithValue(ctx, cleanupKey{}, cleanup)
}

// CleanupContext returns the clean-up context ctx carries, or, when it
// carries none, ctx's values in a context that never ends.
func CleanupContext(ctx context.Context) context.Context {
	if c, ok := ctx.Value(cleanupKey{}).(context.Context); ok {
		return c
	}
	return context.WithoutCancel(ctx)
}
