package gobench

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure/measuretest"
)

// exampleRepo copies perflab bench's example module into a new git
// repository with one commit, tagged a, and returns its folder.
func exampleRepo(t *testing.T) string {
	t.Helper()
	return measuretest.GitRepo(t, filepath.Join("..", "..", "..", "cmd", "perflab", "testdata", "benchmod"), "a")
}

func TestFindModuleAndResolve(t *testing.T) {
	ctx := context.Background()
	if _, err := FindModule(ctx, t.TempDir()); err == nil || !strings.Contains(err.Error(), "not in a Go module") {
		t.Errorf("FindModule(an empty folder) = %v, want not in a Go module", err)
	}
	m, err := FindModule(ctx, exampleRepo(t))
	if err != nil {
		t.Fatal(err)
	}
	revs, err := m.Resolve(ctx, []string{"a", "HEAD", WorkTree})
	if err != nil {
		t.Fatal(err)
	}
	if revs[0].Commit == "" || revs[0].Commit != revs[1].Commit || revs[2].Commit != "" {
		t.Errorf("revisions %+v, want a and HEAD the same commit, the working tree none", revs)
	}
	for _, bad := range []string{"nosuch", "", "--all"} {
		if _, err := m.Resolve(ctx, []string{bad}); err == nil {
			t.Errorf("Resolve(%q) accepted it", bad)
		}
	}
}

// TestBuildListRunClose builds the example at a commit and in the working
// tree, lists and runs its benchmark, and checks that Close leaves no
// worktree and no file behind.
func TestBuildListRunClose(t *testing.T) {
	ctx := context.Background()
	m, err := FindModule(ctx, exampleRepo(t))
	if err != nil {
		t.Fatal(err)
	}
	revs, err := m.Resolve(ctx, []string{"a", WorkTree})
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBuilder(m)
	if err != nil {
		t.Fatal(err)
	}
	for i, rev := range revs {
		bin, err := b.Build(ctx, rev, ".", i)
		if err != nil {
			t.Fatal(err)
		}
		names, err := List(ctx, bin, "Work")
		if err != nil || len(names) != 1 || names[0] != "BenchmarkWork" {
			t.Fatalf("List = %v, %v; want BenchmarkWork", names, err)
		}
		r, err := NewRun(Spec{Bin: bin, Pattern: "^BenchmarkWork$", Benchtime: "100x", Out: filepath.Join(b.Dir(), "out")})
		if err != nil {
			t.Fatal(err)
		}
		rs, err := r.Run(ctx)
		if cerr := r.Close(); cerr != nil {
			t.Error(cerr)
		}
		if err != nil || len(rs) != 1 || rs[0].Iters != 100 || rs[0].NsPerOp <= 0 {
			t.Fatalf("Run = %+v, %v; want one result of 100 iterations", rs, err)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	assertGone(t, m, b)
}

// TestCancelledBuildLeavesNothing cancels a build before it starts: the
// error is the cancel, and Close still removes all.
func TestCancelledBuildLeavesNothing(t *testing.T) {
	m, err := FindModule(context.Background(), exampleRepo(t))
	if err != nil {
		t.Fatal(err)
	}
	revs, err := m.Resolve(context.Background(), []string{"a"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBuilder(m)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.Build(ctx, revs[0], ".", 0); err == nil {
		t.Error("a cancelled build succeeded")
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	assertGone(t, m, b)
}

func TestBuildFailureShowsTheCompiler(t *testing.T) {
	dir := exampleRepo(t)
	if err := os.WriteFile(filepath.Join(dir, "size.go"), []byte("package benchmod\n\nconst Size = nope\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := closedBuilder(t, dir)
	_, err := b.Build(context.Background(), Revision{Name: WorkTree}, ".", 0)
	be, ok := errors.AsType[*BuildError](err)
	if !ok || be.Revision != WorkTree || !strings.Contains(be.Output, "undefined: nope") {
		t.Errorf("Build = %v, want a BuildError of the working tree with the compiler's line", err)
	}
}

// closedBuilder returns a builder of the module in dir, closed when the
// test ends.
func closedBuilder(t *testing.T, dir string) *Builder {
	t.Helper()
	m, err := FindModule(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBuilder(m)
	return measuretest.CloseAtEnd(t, b, err)
}

func assertGone(t *testing.T, m *Module, b *Builder) {
	t.Helper()
	if _, err := os.Stat(b.Dir()); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", b.Dir(), err)
	}
	out, err := output(context.Background(), m.Root, "git", "worktree", "list")
	if err != nil || strings.Count(out, "\n") != 0 {
		t.Errorf("git worktree list = %q, %v; want the main one alone", out, err)
	}
}

// TestCheckRunsFailAPanickingBenchmark runs a benchmark that panics before
// its loop at CheckTime again and again: every run is a failure that names
// the panic. At 1x some runs exited 0 and printed a result (see CheckTime).
func TestCheckRunsFailAPanickingBenchmark(t *testing.T) {
	dir := exampleRepo(t)
	src, err := os.ReadFile(filepath.Join(dir, "work_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	planted := strings.Replace(string(src), "for b.Loop()", "panic(\"planted\")\n\tfor b.Loop()", 1)
	if err := os.WriteFile(filepath.Join(dir, "work_test.go"), []byte(planted), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b := closedBuilder(t, dir)
	bin, err := b.Build(ctx, Revision{Name: WorkTree}, ".", 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRun(Spec{Bin: bin, Pattern: "^BenchmarkWork$", Benchtime: CheckTime, Out: filepath.Join(b.Dir(), "out")})
	r = measuretest.CloseAtEnd(t, r, err)
	for i := range 50 {
		rs, err := r.Run(ctx)
		if fe, ok := errors.AsType[*FailError](err); !ok || !strings.Contains(fe.Output, "panic: planted") {
			t.Fatalf("run %d = %+v, %v; want a failure naming the panic", i, rs, err)
		}
	}
}
