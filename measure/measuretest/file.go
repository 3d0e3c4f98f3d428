package measuretest

import (
	"os"
	"path/filepath"
	"testing"
)

// WriteTemp writes content to a file named name in a temporary folder of
// the test's own, gone when the test ends, and returns its path: the
// Python file, plan or result a test hands to perflab.
func WriteTemp(t testing.TB, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
