package measuretest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteTempWritesTheFileNamed(t *testing.T) {
	path := WriteTemp(t, "mine.py", "def bench_x():\n    pass\n")
	if filepath.Base(path) != "mine.py" {
		t.Errorf("path %s, want a file named mine.py", path)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "def bench_x():\n    pass\n" {
		t.Errorf("read back %q, %v; want the content written", b, err)
	}
	if other := WriteTemp(t, "mine.py", ""); filepath.Dir(other) == filepath.Dir(path) {
		t.Errorf("two files written in one folder %s: each wants a folder of its own", filepath.Dir(path))
	}
}

func TestReadTableLeavesOutComments(t *testing.T) {
	path := WriteTemp(t, "table.txt", "# lab/workload kind\na/x full\nb/y part\n\n#c/z none\n")
	got := ReadTable(t, path)
	if len(got) != 2 || got["a/x"] != "full" || got["b/y"] != "part" {
		t.Errorf("got %v, want a/x full and b/y part only", got)
	}
}

func TestRowsFailOnAKeyMissingEitherSide(t *testing.T) {
	path := WriteTemp(t, "table.txt", "a/x full\nb/y part\n")
	tb := &fakeTB{TB: t}
	rows := ReadRows(tb, path)
	if v, ok := rows.Take("a/x"); !ok || v != "full" {
		t.Errorf("Take(a/x) = %q, %v; want full, true", v, ok)
	}
	if _, ok := rows.Take("c/z"); ok {
		t.Error("Take(c/z) found a row the table does not have")
	}
	rows.Done()
	if len(tb.errors) != 2 || !strings.Contains(tb.errors[0], "c/z is not in") || !strings.Contains(tb.errors[1], "names b/y") {
		t.Errorf("errors %q; want one for c/z missing from the table and one for b/y left over", tb.errors)
	}
}
