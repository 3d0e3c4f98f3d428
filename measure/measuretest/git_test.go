package measuretest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGitRepoCommitsTheFolderTagged(t *testing.T) {
	src := filepath.Dir(WriteTemp(t, "go.mod", "module example\n"))
	dir := GitRepo(t, src, "a")
	if got := strings.TrimSpace(Git(t, dir, "show", "a:go.mod")); got != "module example" {
		t.Errorf("go.mod at a: %q, want the copied file", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	GitCommit(t, dir, "b")
	if got := strings.TrimSpace(Git(t, dir, "rev-list", "--count", "a..b")); got != "1" {
		t.Errorf("commits from a to b: %s, want 1", got)
	}
}
