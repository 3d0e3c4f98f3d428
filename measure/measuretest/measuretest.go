// Package measuretest holds the helpers every test of perflab shares: waiting
// for a condition instead of sleeping, checking that a run leaves no
// goroutine and no process behind, closing what a test opened when it ends,
// writing a fixture file, reading a table kept beside the tests and making a
// git repository of a folder. It imports nothing of perflab, so the engine's
// own tests can use it too.
package measuretest

import (
	"testing"
	"time"

	"go.uber.org/goleak"
)

// Patience is how long WaitFor waits before it fails a test: long enough for
// a loaded 2-core machine under the race detector, short enough that a hung
// condition fails the test well before the suite's own timeout.
const Patience = 20 * time.Second

// WaitFor polls cond until it holds and returns how long that took. It fails
// the test, naming what it waited for, when cond still does not hold after
// Patience. Tests wait for a condition, never for a fixed time.
func WaitFor(t testing.TB, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > Patience {
			t.Fatalf("timed out after %v waiting for %s", Patience, what)
		}
		time.Sleep(time.Millisecond)
	}
	return time.Since(start)
}

// fasthttpCleaner is fasthttp's idle-connection cleaner, one a client: it
// holds nothing, and ends by itself at its next wake-up (at most its 10 s
// sleep) once its client has no connection left, which Close sees to.
var fasthttpCleaner = goleak.IgnoreAnyFunction("github.com/valyala/fasthttp.(*HostClient).connsCleaner")

// NoLeaks fails the test if goroutines started during it are still running
// when it ends. Call it first in a test, as defer-style cleanup:
//
//	measuretest.NoLeaks(t)
//
// goleak retries for a while before it reports, so a goroutine on its way
// out is not a leak.
func NoLeaks(t testing.TB) {
	t.Helper()
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() {
		if err := goleak.Find(opt, fasthttpCleaner); err != nil {
			t.Error(err)
		}
	})
}
