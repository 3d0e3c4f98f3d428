package measuretest

import (
	"os"
	"path/filepath"
	"strings"
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

// ReadTable reads a table kept as text beside the tests, one "KEY VALUE"
// a line, lines starting with # left out, into a map: the one table that
// tests of several packages hold their code to (labs/testdata/profiling.txt).
func ReadTable(t testing.TB, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	table := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if key, value, ok := strings.Cut(line, " "); ok && !strings.HasPrefix(line, "#") {
			table[key] = value
		}
	}
	return table
}
