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

// Rows is a table (see ReadTable) that a test walks key by key against the
// code it holds, such as the catalogue's workloads against
// labs/testdata/profiling.txt: a key the table lacks and a row no key took
// both fail the test, so the table and the code name the same things.
type Rows struct {
	t    testing.TB
	path string
	left map[string]string
}

// ReadRows reads the table at path for a walk with Take and Done.
func ReadRows(t testing.TB, path string) *Rows {
	t.Helper()
	return &Rows{t: t, path: path, left: ReadTable(t, path)}
}

// Take returns the value of key's row, or fails the test and returns
// false when the table has no such row (or it was taken before).
func (r *Rows) Take(key string) (string, bool) {
	r.t.Helper()
	value, ok := r.left[key]
	if !ok {
		r.t.Errorf("%s is not in %s", key, r.path)
		return "", false
	}
	delete(r.left, key)
	return value, true
}

// Done fails the test for each row no key took.
func (r *Rows) Done() {
	r.t.Helper()
	for key := range r.left {
		r.t.Errorf("%s names %s, which the code does not have", r.path, key)
	}
}
