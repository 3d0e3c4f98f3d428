package worker

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	if os.Getenv("GORACE") == "" {
		// A race-enabled binary sleeps a second at exit to catch late
		// reports; the workers this test binary spawns need not.
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
	os.Exit(m.Run())
}
