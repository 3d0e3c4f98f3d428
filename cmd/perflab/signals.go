package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/perflab/perflab/labs/lab"
)

// withSignals returns a context that ends at the first of stopSignals,
// carrying a clean-up context (see lab.WithCleanup) that ends at the
// second: a run's clean-up goes on after the first, which stops the run,
// and a person who does not want to wait for it presses again. stop
// releases the signals and ends both contexts.
func withSignals(parent context.Context) (ctx context.Context, stop func()) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, stopSignals...)
	ctx, cancel := context.WithCancel(parent)
	cleanup, cancelCleanup := context.WithCancel(context.WithoutCancel(parent))
	done := make(chan struct{})
	go func() {
		for _, end := range []context.CancelFunc{cancel, cancelCleanup} {
			select {
			case <-sigs:
				end()
			case <-done:
				return
			}
		}
	}()
	return lab.WithCleanup(ctx, cleanup), func() {
		signal.Stop(sigs)
		close(done)
		cancel()
		cancelCleanup()
	}
}
