package measuretest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// GitRepo copies the files of the folder src into a new git repository in a
// temporary folder of the test's own and commits them, tagged tag: the
// example module perflab bench builds at a revision.
func GitRepo(t testing.TB, src, tag string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	Git(t, dir, "init", "-q")
	GitCommit(t, dir, tag)
	return dir
}

// GitCommit commits everything in the repository dir, as it is, and tags
// the commit tag.
func GitCommit(t testing.TB, dir, tag string) {
	t.Helper()
	Git(t, dir, "add", "-A")
	Git(t, dir, "-c", "user.name=perflab", "-c", "user.email=perflab@localhost", "commit", "-q", "-m", tag)
	Git(t, dir, "tag", tag)
}

// Git runs git with args in dir and returns what it printed; the test fails
// with that output when git does.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
