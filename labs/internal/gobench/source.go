// Package gobench builds a Go package's test binary at git revisions, lists
// the benchmarks a binary has and runs one of them, reading its figures in
// the Go benchmark format. perflab bench races the revisions through the
// engine with it.
package gobench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
)

// WorkTree names the working tree, with its changes not yet committed, as a
// revision.
const WorkTree = "worktree"

// A Revision is what one strategy of a race is built from: a commit, or
// the working tree as it is.
type Revision struct {
	// Name is the revision as the person typed it ("HEAD", "v1.2",
	// WorkTree).
	Name string
	// Commit is the full hash it resolved to; empty for the working tree.
	Commit string
}

// A Module is the Go module whose benchmarks are raced: where it is, and
// where it lies in its git repository.
type Module struct {
	// Dir is the directory perflab was asked to work in.
	Dir string
	// Root is the top of the git repository, and Prefix is Dir's path
	// under it ("" or "sub/dir/"), so that the same directory can be
	// found in a worktree of another revision.
	Root, Prefix string
}

// FindModule checks that dir is inside a Go module that git tracks, and
// returns it. Its error is one line fit to show a person.
func FindModule(ctx context.Context, dir string) (*Module, error) {
	gomod, err := output(ctx, dir, "go", "env", "GOMOD")
	if err != nil {
		return nil, fmt.Errorf("go env GOMOD: %w", err)
	}
	if gomod == "" || gomod == os.DevNull {
		return nil, fmt.Errorf("%s is not in a Go module (no go.mod here or above)", dir)
	}
	root, err := output(ctx, dir, "git", "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%s is not in a git repository: %w", dir, err)
	}
	prefix, err := output(ctx, dir, "git", "rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	return &Module{Dir: dir, Root: root, Prefix: prefix}, nil
}

// Resolve checks that every name is a commit of the repository, or
// WorkTree, and returns the revisions in order.
func (m *Module) Resolve(ctx context.Context, names []string) ([]Revision, error) {
	revs := make([]Revision, 0, len(names))
	for _, n := range names {
		if n == WorkTree {
			revs = append(revs, Revision{Name: n})
			continue
		}
		if strings.TrimSpace(n) == "" || strings.HasPrefix(n, "-") {
			return nil, fmt.Errorf("%q is not a revision", n)
		}
		c, err := output(ctx, m.Dir, "git", "rev-parse", "--verify", "--quiet", n+"^{commit}")
		if err != nil || c == "" {
			return nil, fmt.Errorf("%q is not a commit of the repository at %s", n, m.Root)
		}
		revs = append(revs, Revision{Name: n, Commit: c})
	}
	return revs, nil
}

// output runs a tool in dir and returns its standard output, trimmed. A
// failure carries the first line of its standard error.
func output(ctx context.Context, dir, name string, args ...string) (string, error) {
	var stdout, stderr bytes.Buffer
	cmd := tool(ctx, dir, name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", withFirstLines(err, stderr.String(), 1)
	}
	return strings.TrimSpace(stdout.String()), nil
}

// tool returns the command of a tool perflab needs (go, git) in a process
// group of its own, which a cancel kills whole: go test -c starts the
// compiler and the linker, which must not outlive it.
func tool(ctx context.Context, dir, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	return cmd
}

// withFirstLines adds the first n lines of a tool's output to its error.
func withFirstLines(err error, text string, n int) error {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	if msg := strings.Join(lines, " / "); msg != "" {
		return fmt.Errorf("%w: %s", err, msg)
	}
	return err
}

// pathIn returns the module's directory inside the checkout at root.
func (m *Module) pathIn(root string) string {
	return filepath.Join(root, filepath.FromSlash(m.Prefix))
}
