package workertest

import (
	"testing"

	"github.com/perflab/perflab/labs/internal/python"
)

// NeedPython fails, rather than skips, a test on a machine without Python:
// .ci/run installs one where it is missing.
func NeedPython(t testing.TB) {
	t.Helper()
	if _, err := python.Find(); err != nil {
		t.Fatalf("python tests need an interpreter: %v", err)
	}
}
