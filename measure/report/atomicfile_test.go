package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
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

func TestWriteNewFileNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	name := func(i int) string { return filepath.Join(dir, "run-"+strconv.Itoa(i)+".json") }
	const n = 48
	paths := make(chan string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := WriteNewFile(name, func(w io.Writer) error { _, err := fmt.Fprint(w, i); return err })
			if err != nil {
				t.Error(err)
			}
			paths <- p
		}()
	}
	wg.Wait()
	close(paths)
	seen := map[string]bool{}
	for p := range paths {
		seen[p] = true
	}
	files, _ := filepath.Glob(filepath.Join(dir, "run-*.json"))
	if len(seen) != n || len(files) != n {
		t.Errorf("%d saves at once returned %d names and left %d files, want %d of each", n, len(seen), len(files), n)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestSaveSweepsTheTempFilesOfDeadWriters(t *testing.T) {
	dir := t.TempDir()
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, ".result.json."+strconv.Itoa(dead.Process.Pid)+".abc"+tempSuffix)
	live := filepath.Join(dir, ".other.json."+strconv.Itoa(os.Getpid())+".abc"+tempSuffix)
	foreign := filepath.Join(dir, ".someone-elses.tmp")
	for _, p := range []string{stale, live, foreign} {
		if err := os.WriteFile(p, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteFile(filepath.Join(dir, "result.json"), func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the temporary file of a dead writer is still there: %v", err)
	}
	for _, p := range []string{live, foreign} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was swept: %v", filepath.Base(p), err)
		}
	}
}

func TestWriteFileWritesThroughASymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link: %v, %v", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("the target holds %q, want new", b)
	}
	dangling := filepath.Join(dir, "dangling.json")
	if err := os.Symlink(filepath.Join(dir, "none", "x"), dangling); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(dangling, func(w io.Writer) error { return nil }); err == nil {
		t.Error("a link to nothing was written")
	}
	if err := CheckWritable(dangling); err == nil {
		t.Error("CheckWritable passed a link to nothing")
	}
}
