package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/perf/benchfmt"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// benchRepo makes a git repository of the example module in a temporary
// folder: revision a as it is in testdata, then one commit per edit, each
// tagged with its name, the edits a map from file to content.
func benchRepo(t *testing.T, revs ...benchRev) string {
	t.Helper()
	dir := measuretest.GitRepo(t, filepath.Join("testdata", "benchmod"), "a")
	for _, r := range revs {
		for name, content := range r.files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		measuretest.GitCommit(t, dir, r.name)
	}
	return dir
}

// A benchRev is a revision of the example: its name and the files it
// changes.
type benchRev struct {
	name  string
	files map[string]string
}

// planted is the example's revision b: 10 % more work per call.
var planted = benchRev{"b", map[string]string{"size.go": "package benchmod\n\nconst Size = 1100\n"}}

// benchCmd returns perflab bench on the module in dir, its temporary files
// in tmp.
func benchCmd(dir, tmp string, args ...string) *exec.Cmd {
	cmd := exec.Command(binary, append([]string{"bench", "--dir", dir, "--no-save"}, args...)...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "TMPDIR="+tmp)
	return cmd
}

// runBenchCmd runs perflab bench and returns its output and exit code.
func runBenchCmd(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	tmp := t.TempDir()
	stdout, stderr, code = runCmd(t, benchCmd(dir, tmp, args...))
	assertCleanedUp(t, dir, tmp)
	return stdout, stderr, code
}

// assertCleanedUp checks that no worktree and no temporary file is left.
func assertCleanedUp(t *testing.T, dir, tmp string) {
	t.Helper()
	// A folder that is no repository had nothing checked out.
	if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		if list := strings.TrimSpace(measuretest.Git(t, dir, "worktree", "list")); strings.Count(list, "\n") != 0 {
			t.Errorf("worktrees left behind:\n%s", list)
		}
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		if strings.HasPrefix(e.Name(), "perflab-bench") {
			t.Errorf("%s left in the temporary folder", e.Name())
		}
	}
}

func TestBenchBadInputExits2(t *testing.T) {
	repo := benchRepo(t, planted)
	for _, tc := range []struct {
		dir  string
		args []string
		want string
	}{
		{t.TempDir(), nil, "not in a Go module"},
		{repo, []string{"--rev", "nosuch"}, `--rev: "nosuch" is not a commit`},
		{repo, []string{"--bench", "["}, "--bench:"},
		{repo, []string{"--rev", "a", "--rev", "b", "--bench", "NoSuchBenchmark"}, `no benchmark matches "NoSuchBenchmark"`},
		{repo, []string{"--round-time", "0s"}, "--round-time"},
	} {
		_, stderr, code := runBenchCmd(t, tc.dir, tc.args...)
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if last := lines[len(lines)-1]; code != 2 || !strings.Contains(last, tc.want) {
			t.Errorf("%q: exit %d, last line %q; want exit 2 and %q", tc.args, code, last, tc.want)
		}
	}
}

func TestBenchBuildFailureNamesTheRevision(t *testing.T) {
	repo := benchRepo(t, benchRev{"broken", map[string]string{"size.go": "package benchmod\n\nconst Size = undefinedName\n"}})
	_, stderr, code := runBenchCmd(t, repo, "--rev", "a", "--rev", "broken")
	if code != 1 || !strings.Contains(stderr, "revision broken does not build") || !strings.Contains(stderr, "undefinedName") {
		t.Errorf("exit %d, stderr %q; want exit 1 naming the revision and the compiler's line", code, stderr)
	}
}

// TestBenchPlantedDifference races the example's two revisions, b planted
// 10 % slower, end to end: the result's shape, and a verdict that is not
// wrong (slower, or inconclusive on a busy machine). A margin of 2 % keeps
// ~ far from the planted difference, so that a wrong ~ is not the
// engine's 5 % error rate but far less.
func TestBenchPlantedDifference(t *testing.T) {
	repo := benchRepo(t, planted)
	out, stderr, code := runBenchCmd(t, repo, "--rev", "a", "--rev", "b", "--format", "json", "--max-time", "15s", "--round-time", "20ms", "--margin", "0.02")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep measure.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if rep.Lab != "own" || rep.Workload != "bench" || len(rep.Strategies) != 2 ||
		rep.Strategies[0].Name != "a" || rep.Strategies[1].Name != "b" || !strings.HasPrefix(rep.Params["benchmark"].(string), "BenchmarkWork") {
		t.Fatalf("report %s/%s %v %v; want own/bench with a then b racing BenchmarkWork", rep.Lab, rep.Workload, names(&rep), rep.Params)
	}
	for _, s := range rep.Strategies {
		if s.NsPerOp.Median <= 0 || len(s.Reps) < 2 || s.Errors != 0 || s.Metrics["allocs_per_op"] != 0 {
			t.Errorf("%s: median %v ns/op over %d rounds, %d errors, metrics %v", s.Name, s.NsPerOp.Median, len(s.Reps), s.Errors, s.Metrics)
		}
	}
	if v := rep.Strategies[1].VsBaseline; v == nil || v.Verdict == measure.Faster || v.Verdict == measure.Same {
		t.Errorf("b against a: %+v; want slower, or inconclusive, never faster or ~", v)
	}
}

func TestBenchAARunAndGoBenchFormat(t *testing.T) {
	repo := benchRepo(t)
	out, stderr, code := runBenchCmd(t, repo, "--rev", "a", "--rev", "a", "--format", "gobench", "--reps", "3", "--round-time", "5ms")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rd := benchfmt.NewReader(strings.NewReader(out), "bench.txt")
	revs := map[string]int{}
	for rd.Scan() {
		r, ok := rd.Result().(*benchfmt.Result)
		if !ok {
			t.Fatalf("a line benchfmt cannot read: %v", rd.Result())
		}
		if v, ok := r.Value("sec/op"); !ok || v <= 0 || !strings.HasPrefix(string(r.Name), "Work") {
			t.Errorf("result %s: sec/op %v", r.Name, v)
		}
		revs[r.GetConfig("rev")]++
	}
	if revs["a"] != 3 || revs["a#2"] != 3 {
		t.Errorf("rounds by revision %v; want 3 of a and 3 of a#2\n%s", revs, out)
	}
}

// TestBenchFailingBenchmarkIsLeftOut races a revision whose benchmark
// panics: it is reported, and the benchmark that runs is raced.
func TestBenchFailingBenchmarkIsLeftOut(t *testing.T) {
	other := "package benchmod\n\nimport \"testing\"\n\nfunc BenchmarkOther(b *testing.B) {\n\tfor b.Loop() {\n\t\tsink = Work(10)\n\t}\n}\n"
	repo := benchRepo(t,
		benchRev{"c", map[string]string{"other_test.go": other}},
		benchRev{"d", map[string]string{"work_test.go": strings.ReplaceAll(readTestdata(t, "work_test.go"), "for b.Loop()", "panic(\"planted\")\n\tfor b.Loop()")}})
	out, stderr, code := runBenchCmd(t, repo, "--rev", "c", "--rev", "d", "--format", "json", "--reps", "2", "--round-time", "5ms")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "BenchmarkWork at d is left out") || !strings.Contains(stderr, "planted") {
		t.Errorf("stderr %q; want BenchmarkWork at d reported with its panic", stderr)
	}
	if !strings.Contains(stderr, "BenchmarkWork-") || !strings.Contains(stderr, "has one revision left: nothing to race") {
		t.Errorf("stderr %q; want BenchmarkWork said to have nothing to race", stderr)
	}
	var rep measure.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if b := rep.Params["benchmark"]; !strings.HasPrefix(fmt.Sprint(b), "BenchmarkOther") || len(rep.Strategies) != 2 {
		t.Fatalf("raced %v with %v; want BenchmarkOther at c and d\n%s", b, names(&rep), out)
	}
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "benchmod", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestBenchCancelLeavesNothingBehind interrupts a race twice and checks
// that the worktrees and binaries are gone.
func TestBenchCancelLeavesNothingBehind(t *testing.T) {
	repo := benchRepo(t, planted)
	tmp := t.TempDir()
	cmd := benchCmd(repo, tmp, "--rev", "a", "--rev", "b", "--max-time", "1000s")
	var errb measuretest.SyncBuffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(errb.String(), "racing") {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("the race did not start within 60s: %s", errb.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	for range 2 {
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	err := cmd.Wait()
	if time.Since(start) > 20*time.Second {
		t.Errorf("a cancel took %v to end the race", time.Since(start))
	}
	if _, ok := errors.AsType[*exec.ExitError](err); !ok {
		t.Errorf("a cancelled race exited with %v; want a failure", err)
	}
	assertCleanedUp(t, repo, tmp)
}

// plantedWork is a revision of the example whose Work also calls Planted,
// a function of its own that the profile must name.
var plantedWork = benchRev{"p", map[string]string{"work.go": `package benchmod

// Work runs a chain of n dependent steps, then Planted's.
func Work(n int) uint64 {
	x := uint64(1)
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
		x ^= x >> 29
	}
	return x ^ Planted(n)
}

// Planted is the work only this revision does.
//
//go:noinline
func Planted(n int) uint64 {
	x := uint64(3)
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
		x ^= x >> 31
	}
	return x
}
`}}

// TestBenchProfileNamesThePlantedFunction races a revision that calls a
// planted function with --profile: its profile, from the test binaries'
// -test.cpuprofile, names the function, the baseline's does not, and each
// revision's pprof file is written beside the output.
func TestBenchProfileNamesThePlantedFunction(t *testing.T) {
	repo := benchRepo(t, plantedWork)
	out := filepath.Join(t.TempDir(), "out.json")
	_, stderr, code := runBenchCmd(t, repo, "--rev", "a", "--rev", "p", "--profile", "--format", "json", "--output", out,
		"--reps", "3", "--round-time", "20ms")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep measure.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	has := func(s *measure.Result) bool {
		if s.Profile == nil {
			t.Fatalf("%s has no profile", s.Name)
		}
		for _, f := range s.Profile.Funcs {
			if strings.HasSuffix(f.Func, "benchmod.Planted") {
				return true
			}
		}
		return false
	}
	if len(rep.Strategies) != 2 || has(rep.Strategies[0]) || !has(rep.Strategies[1]) {
		t.Errorf("Planted in a's profile %v, in p's %v; want only in p's", has(rep.Strategies[0]), has(rep.Strategies[1]))
	}
	if ops := rep.Strategies[1].Profile.Ops; ops%int64(rep.Strategies[1].Metrics["iterations_per_run"]) != 0 {
		t.Errorf("p's profile counts %d operations; want whole runs of %v iterations", ops, rep.Strategies[1].Metrics["iterations_per_run"])
	}
	for _, rev := range []string{"a", "p"} {
		matches, err := filepath.Glob(filepath.Join(filepath.Dir(out), "perflab-BenchmarkWork*.profiles", rev+".pprof"))
		if err != nil || len(matches) != 1 {
			t.Errorf("%s.pprof: %v %v; want one file beside the output", rev, matches, err)
		}
	}
}

// TestBenchLiveEndToEnd races the example with --live in a pseudo-terminal:
// the view shows the benchmark's row and, once raced, its results; q then
// closes it and the results are printed as without it.
func TestBenchLiveEndToEnd(t *testing.T) {
	repo := benchRepo(t, planted)
	s := startSession(t, binary, 30, 100, "bench", "--dir", repo, "--no-save", "--rev", "a", "--rev", "b", "--live",
		"--reps", "3", "--round-time", "5ms")
	at := s.term.waitFor(t, 0, "perflab bench", "BenchmarkWork")
	at = s.term.waitFor(t, at, "1 of 1 benchmarks raced", "vs baseline")
	s.quit()
	s.term.waitFor(t, at, "strategy", "ns/op", "perflab: BenchmarkWork")
	if list := strings.TrimSpace(measuretest.Git(t, repo, "worktree", "list")); strings.Count(list, "\n") != 0 {
		t.Errorf("worktrees left behind:\n%s", list)
	}
}

// TestBenchSeveralBenchmarksShareTheBudget races two benchmarks in one
// budget: each says how its race ended, the first is given half, and the
// second what the first left.
func TestBenchSeveralBenchmarksShareTheBudget(t *testing.T) {
	other := "package benchmod\n\nimport \"testing\"\n\nfunc BenchmarkOther(b *testing.B) {\n\tfor b.Loop() {\n\t\tsink = Work(10)\n\t}\n}\n"
	repo := benchRepo(t, benchRev{"c", map[string]string{"other_test.go": other}})
	out, stderr, code := runBenchCmd(t, repo, "--rev", "c", "--rev", "c", "--format", "json", "--max-time", "6s", "--round-time", "5ms")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Benchmarks []struct {
			measure.Report
			Stopped string `json:"stopped"`
		} `json:"benchmarks"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(got.Benchmarks) != 2 {
		t.Fatalf("%d benchmarks; want Other and Work\n%s", len(got.Benchmarks), out)
	}
	first := time.Duration(got.Benchmarks[0].MaxTimeNs)
	if first != 3*time.Second {
		t.Errorf("the first benchmark's share %v; want half of 6s", first)
	}
	for _, b := range got.Benchmarks {
		if b.Stopped != "decided" && b.Stopped != "budget" {
			t.Errorf("%v stopped %q; want decided or budget", b.Params["benchmark"], b.Stopped)
		}
		// Each is worded as one run's JSON is: its findings in words.
		if len(b.Findings) != len(b.Warnings) {
			t.Errorf("%v: %d findings, %d warnings; want each finding worded", b.Params["benchmark"], len(b.Findings), len(b.Warnings))
		}
		if !strings.Contains(stderr, fmt.Sprintf("%v: ", b.Params["benchmark"])) {
			t.Errorf("stderr does not say how %v ended:\n%s", b.Params["benchmark"], stderr)
		}
	}
	// The second gets what the first left, which is no more than the
	// budget less the first's measured time (the first's race took at
	// least that), and never less than the least share.
	second, firstTook := time.Duration(got.Benchmarks[1].MaxTimeNs), time.Duration(got.Benchmarks[0].ElapsedNs)
	if second < minBenchShare || second > max(minBenchShare, 6*time.Second-firstTook) {
		t.Errorf("second share %v after a first race of %v in a 6s budget", second, firstTook)
	}
}
