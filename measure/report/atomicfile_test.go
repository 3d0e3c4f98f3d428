package report

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWriteFileIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "result.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("disk full")
	err := WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("error = %v, want the writer's", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("after a failed write the file holds %q, want the old content", b)
	}
	if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file holds %q, want new", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestWriteFileHonoursTheUmask makes a new file as any program would, 0666
// less the umask, and keeps the permissions of a file it replaces.
func TestWriteFileHonoursTheUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	write := func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }
	fresh := filepath.Join(dir, "new.json")
	if err := WriteFile(fresh, write); err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(dir, "kept.json")
	if err := os.WriteFile(kept, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(kept, 0o604); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(kept, write); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		want fs.FileMode
	}{{fresh, 0o640}, {kept, 0o604}} {
		fi, err := os.Stat(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != tt.want {
			t.Errorf("%s: mode %v, want %v", filepath.Base(tt.path), got, tt.want)
		}
	}
}

// TestCheckWritable refuses, before anything runs, every path a result
// could not be written to, and leaves nothing behind for one it could.
func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		path string
		ok   bool
	}{
		{filepath.Join(dir, "result.json"), true},
		{filepath.Join(dir, "no-such-folder", "result.json"), false},
		{dir, false},
		{"/dev/null", false},
		{"/proc/version", false},
		{"/proc/perflab-result.json", false},
	} {
		err := CheckWritable(tt.path)
		if got := err == nil; got != tt.ok {
			t.Errorf("CheckWritable(%s) = %v, want ok %v", tt.path, err, tt.ok)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("CheckWritable left %v", left)
	}
}
