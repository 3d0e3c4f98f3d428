package gobench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A failed build shows the compiler's first buildLines lines: the first
// errors say what is wrong, the rest is usually what follows from them.
const buildLines = 5

// A Builder builds test binaries into a temporary folder of its own, each
// committed revision in a temporary git worktree. Close removes all of it.
type Builder struct {
	mod *Module
	// tmp holds the binaries and the worktrees.
	tmp       string
	worktrees []string
}

// NewBuilder makes the builder's temporary folder.
func NewBuilder(m *Module) (*Builder, error) {
	tmp, err := os.MkdirTemp("", "perflab-bench-*")
	if err != nil {
		return nil, err
	}
	return &Builder{mod: m, tmp: tmp}, nil
}

// Dir is the builder's temporary folder.
func (b *Builder) Dir() string { return b.tmp }

// A BuildError is a revision that did not build.
type BuildError struct {
	Revision, Package string
	// Output is the compiler's first lines.
	Output string
}

func (e *BuildError) Error() string {
	return fmt.Sprintf("revision %s does not build %s:\n%s", e.Revision, e.Package, e.Output)
}

// Build builds pkg's test binary at rev and returns its path. The working
// tree is built in place; a commit is checked out in a detached worktree of
// its own first.
func (b *Builder) Build(ctx context.Context, rev Revision, pkg string, index int) (string, error) {
	dir := b.mod.Dir
	if rev.Commit != "" {
		wt := filepath.Join(b.tmp, fmt.Sprintf("rev%d", index))
		if _, err := os.Stat(wt); err != nil {
			// The worktree is noted before it is made, so that one
			// half made by a cancelled git is removed all the same.
			b.worktrees = append(b.worktrees, wt)
			if _, err := output(ctx, b.mod.Root, "git", "worktree", "add", "--detach", "--quiet", wt, rev.Commit); err != nil {
				return "", fmt.Errorf("checking out %s: %w", rev.Name, err)
			}
		}
		dir = b.mod.pathIn(wt)
	}
	bin := filepath.Join(b.tmp, fmt.Sprintf("rev%d-%s.test", index, safe(pkg)))
	var out bytes.Buffer
	cmd := tool(ctx, dir, "go", "test", "-c", "-o", bin, pkg)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", &BuildError{Revision: rev.Name, Package: pkg, Output: firstLines(out.String(), buildLines)}
	}
	if _, err := os.Stat(bin); err != nil {
		// go test -c writes nothing for a package without tests.
		return "", fmt.Errorf("revision %s: %s has no test files, so no benchmarks", rev.Name, pkg)
	}
	return bin, nil
}

// Close removes the worktrees and the binaries, whatever state a cancel
// left them in: the folder goes first, then git forgets every worktree
// whose folder is gone, one half made by a cancelled git included. git runs
// with a context of its own, since the run's may be the one cancelled.
func (b *Builder) Close() error {
	errs := []error{os.RemoveAll(b.tmp)}
	if len(b.worktrees) > 0 {
		if _, err := output(context.Background(), b.mod.Root, "git", "worktree", "prune"); err != nil {
			errs = append(errs, fmt.Errorf("git worktree prune: %w", err))
		}
	}
	return errors.Join(errs...)
}

// safe makes a package pattern fit a file name.
func safe(pkg string) string {
	return strings.NewReplacer("/", "_", ".", "_").Replace(pkg)
}

// firstLines returns the first n lines of text.
func firstLines(text string, n int) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "\n")
}
