package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/runs"
)

// perflabWithin runs the binary as perflab does, but fails the test if it
// has not ended in 20 s: the cases here once hung until killed.
func perflabWithin(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	stdout, stderr, code = runCmd(t, cmd)
	if ctx.Err() != nil {
		t.Fatalf("%q had not ended in 20 s", args)
	}
	return stdout, stderr, code
}

// keptRun makes one short kept run in dir and returns its path.
func keptRun(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "run.json")
	_, stderr, code := perflab(t, "run", "data-structures/membership", "--strategies", "slice,map", "--param", "n=100",
		"--reps", "6", "--duration", "2ms", "--format", "json", "-o", out, "--runs-dir", dir)
	if code != 0 {
		t.Fatalf("run: exit %d, stderr %q", code, stderr)
	}
	return out
}

// TestFilesAreReadAsFiles names FIFOs, devices, folders and damaged results
// where perflab expects a result: each is refused with one line and exit
// status 2, at once.
func TestFilesAreReadAsFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "runs")
	good := keptRun(t, dir)
	tmp := t.TempDir()
	fifo := filepath.Join(tmp, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(tmp, "garbage.json")
	if err := os.WriteFile(garbage, append(data, "garbage"...), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(tmp, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]string{
		{"replay", "/dev/zero"},
		{"replay", fifo},
		{"replay", tmp},
		{"compare", good, fifo},
		{"compare", "/dev/zero", good},
		{"compare", good, garbage},
		{"run", "data-structures/membership", "--baseline", fifo, "--no-save"},
		{"workshop", fifo, "--check"},
		{"workshop", "/dev/zero", "--check"},
		{"runs", "--lab", "nolab", "--runs-dir", dir},
		{"runs", "--runs-dir", file},
	} {
		if _, stderr, code := perflabWithin(t, bad...); code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and one line", bad, code, stderr)
		}
	}
}

// TestRunsListsTheGoodAndNamesTheBad fills a runs folder with a good run
// beside a FIFO, a folder and damaged files: the good one is listed, each
// bad one named, and nothing hangs.
func TestRunsListsTheGoodAndNamesTheBad(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "runs")
	keptRun(t, dir)
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "corrupt.json"), []byte(`{"schema":`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := perflabWithin(t, "runs", "--runs-dir", dir)
	if code != 0 || strings.Count(out, "data-structures/membership") != 1 {
		t.Errorf("runs: exit %d, output:\n%s", code, out)
	}
	for _, name := range []string{"fifo.json", "folder.json", "corrupt.json"} {
		if !strings.Contains(stderr, name) {
			t.Errorf("stderr does not name %s:\n%s", name, stderr)
		}
	}
}

// TestShortTokensAreRefused gives a worker and an exposed server tokens
// shorter than 16 characters: each is refused with one line, exit 2.
func TestShortTokensAreRefused(t *testing.T) {
	for _, bad := range [][]string{
		{"worker", "--nats", "nats://a@127.0.0.1:4222"},
		{"run", "machines/queue", "--param", "expose=true", "--param", "token=a", "--no-save"},
	} {
		if _, stderr, code := perflabWithin(t, bad...); code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "16") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and one line naming 16", bad, code, stderr)
		}
	}
}

// TestBodiesAndInputsAreRegularFiles names /dev/zero, a FIFO and a folder
// as a request body and as a command's input: each is refused with one
// line, exit 2, before anything runs.
func TestBodiesAndInputsAreRegularFiles(t *testing.T) {
	tmp := t.TempDir()
	fifo := filepath.Join(tmp, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"/dev/zero", fifo, tmp} {
		for _, bad := range [][]string{
			{"http", "http://127.0.0.1:1/", "--body-file", file, "-m", "POST", "--no-save"},
			{"exec", "true", "--input", file, "--no-save"},
		} {
			if _, stderr, code := perflabWithin(t, bad...); code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("%q: exit %d, stderr %q; want 2 and one line", bad, code, stderr)
			}
		}
	}
}

// TestPythonFileIsARegularFile names a FIFO as a Python file: refused with
// one line, exit 2, without waiting for a writer.
func TestPythonFileIsARegularFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "bench.py")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := perflabWithin(t, "python", fifo, "--no-save"); code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("python FIFO: exit %d, stderr %q; want 2 and one line", code, stderr)
	}
}

// TestRunsPrintsNamesCleaned lists a kept run whose names hold escape
// sequences: perflab runs prints them escaped, never raw.
func TestRunsPrintsNamesCleaned(t *testing.T) {
	dir := t.TempDir()
	rep := &measure.Report{Schema: measure.Schema, Lab: "data-structures", Workload: "x\x1b]0;pwned\x07\x1b[2J", Started: time.Now(),
		Params: map[string]any{"n\x1b[31m": "\x9b2J"}, Strategies: []*measure.Result{{Name: "s\x1b[H", Baseline: true}}}
	if _, err := (runs.Store{Dir: dir}).Save(rep, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "\x1b[2J.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"table", "json"} {
		out, stderr, code := perflabWithin(t, "runs", "--runs-dir", dir, "--format", format)
		if code != 0 || strings.ContainsAny(out+stderr, "\x1b\x07\u009b") || !strings.Contains(out, `\x1b]0;pwned`) {
			t.Errorf("runs --format %s: exit %d, printed raw escapes or lost the name: %q %q", format, code, out, stderr)
		}
	}
}

// TestOutputThroughASymlink writes -o through a symbolic link: the link
// stays a link, and the file it names holds the result.
func TestOutputThroughASymlink(t *testing.T) {
	dir := t.TempDir()
	target, link := filepath.Join(dir, "target.json"), filepath.Join(dir, "link.json")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := perflab(t, "run", "data-structures/membership", "--strategies", "slice,map", "--param", "n=100",
		"--reps", "6", "--duration", "2ms", "--format", "json", "-o", link, "--no-save")
	if code != 0 {
		t.Fatalf("run -o LINK: exit %d, stderr %q", code, stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("-o replaced the link: %v", err)
	}
	if _, err := runs.Load(target); err != nil {
		t.Errorf("the link's target holds no result: %v", err)
	}
}
