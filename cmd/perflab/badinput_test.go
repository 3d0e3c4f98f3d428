package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure/measuretest"
)

// badInputs are command lines that must be refused before anything starts.
// Each is a command line and, when it needs one, an environment setting.
type badInput struct {
	args []string
	env  string
}

// runOf is a perflab run command line.
func runOf(path string, flags ...string) badInput {
	return badInput{args: append([]string{"run", path}, flags...)}
}

// params is a perflab run of path with each of values as its one --param.
func params(path string, values ...string) []badInput {
	var out []badInput
	for _, v := range values {
		out = append(out, runOf(path, "--param", v))
	}
	return out
}

func badInputs(t *testing.T) []badInput {
	dir := t.TempDir()
	notJSON := measuretest.WriteTemp(t, "not.json", "{not json")
	const ds, io, q = "data-structures/membership", "threads/io", "machines/queue"
	cases := []badInput{
		{args: []string{"frobnicate"}},
		{args: []string{"--bogus"}},
		{args: []string{"run"}},
		{args: []string{"run", "a/b", "c/d"}},
		runOf("nope/x"), runOf("measure"), runOf("measure/"), runOf("/sort"), runOf("measure/nope"), runOf(""),
		runOf(ds, "--strategies", "btree"), runOf(ds, "--strategies="), runOf(ds, "--strategies", ","),
		runOf(ds, "--strategies", "map,,binary"), runOf(ds, "--strategies", " "),
		runOf(ds, "--reps", "-1"), runOf(ds, "--reps", "1001"), runOf(ds, "--reps", "ten"),
		runOf(ds, "--margin", "0"), runOf(ds, "--margin", "1.5"), runOf(ds, "--max-time", "0s"), runOf(ds, "--max-time", "-1s"),
		{args: []string{"exec", "--reps", "-1", "true"}}, {args: []string{"exec", "--margin", "2", "true"}},
		{args: []string{"http", "--reps", "-1", "http://127.0.0.1:1/"}}, {args: []string{"http", "--max-time", "0s", "http://127.0.0.1:1/"}},
		runOf(ds, "--duration", "0s"), runOf(ds, "--duration", "-1s"), runOf(ds, "--duration", "2h"), runOf(ds, "--duration", "soon"),
		runOf(ds, "--ops", "-1"), runOf(ds, "--ops", "many"),
		runOf(ds, "--workers", "-1"), runOf(ds, "--workers", "2000"), runOf(ds, "--workers", "x"),
		runOf(ds, "--rate", "NaN"), runOf(ds, "--rate", "Inf"), runOf(ds, "--rate", "-Inf"), runOf(ds, "--rate", "-1"),
		runOf(ds, "--rate", "1e308"), runOf(ds, "--rate", "1e10"), runOf(ds, "--rate", "fast"),
		runOf(ds, "--format", "xml"), runOf(ds, "--format", ""),
		runOf(ds, "-o", filepath.Join(dir, "no-such-folder", "r.json")), runOf(ds, "-o", dir), runOf(ds, "-o", "/dev/null"),
		runOf(ds, "-o", "/proc/version"), runOf(ds, "-o", "/proc/perflab.json"),
		runOf(ds, "--sweep", "n"), runOf(ds, "--sweep", "n="), runOf(ds, "--sweep", "n=16"), runOf(ds, "--sweep", "n=16,16"),
		runOf(ds, "--sweep", "size=1,2"), runOf(ds, "--sweep", "n=a,b"), runOf(ds, "--sweep", "=1,2"), runOf(ds, "--sweep", "n=16,,32"),
		runOf(ds, "--sweep", "n=0,16"), runOf(ds, "--sweep", "n=16,32", "--param", "n=8"),
		runOf(ds, "--param", "n"), runOf(ds, "--param", "=5"), runOf(ds, "--param", "n=1", "--param", "n=2"),
		runOf(ds, "--kill-worker-after", "1s"), runOf(ds, "--nats", "nats://127.0.0.1:4222"), runOf(ds, "--expose"),
		runOf(q, "--kill-worker-after", "0s"), runOf(q, "--kill-worker-after", "-1s"), runOf(q, "--nats", ""),
		runOf(q, "--nats", "notaurl"), runOf(q, "--expose", "--param", "listen=0.0.0.0:0"),
		runOf(q, "--nats", "nats://127.0.0.1:1", "--expose"),
		{args: []string{"run", q}, env: "NATS_URL=garbage"},
		{args: []string{"run", q}, env: "NATS_URL=http://127.0.0.1:4222"},
		{args: []string{"worker", "extra"}},
		{args: []string{"worker", "--nats", "notaurl"}},
		{args: []string{"worker", "--nats", "http://127.0.0.1:4222"}},
		{args: []string{"worker", "--nats", ""}},
		{args: []string{"worker", "--nats", "nats://127.0.0.1:99999"}},
		{args: []string{"worker", "--stdio", "--nats", "nats://127.0.0.1:4222"}},
		{args: []string{"worker", "--bogus"}},
		{args: []string{"worker"}, env: "NATS_URL=notaurl"},
		{args: []string{"list", "--format", "yaml"}},
		{args: []string{"list", "extra"}},
		{args: []string{"version", "extra"}},
		{args: []string{"completion", "bogus"}},
		{args: []string{"completion"}},
		{args: []string{"compare"}},
		{args: []string{"compare", notJSON}},
		{args: []string{"compare", notJSON, notJSON}},
		{args: []string{"compare", filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")}},
	}
	cases = append(cases, params(ds, "n=-3", "n=0", "n=abc", "n=1e99", "n=99999999999", "size=3", "hit_ratio=2",
		"hit_ratio=NaN", "hit_ratio=Inf", "hit_ratio=-0.1", "hit_ratio=half")...)
	cases = append(cases, params(io, "target=notaurl", "target=ftp://127.0.0.1/", "target=http://",
		"target=http://127.0.0.1:99999/", "target=http://127.0.0.1:0/", "target=http://exa mple.com/",
		"target=http://-bad-.example/", "target=localhost:8080", "rate=-1", "rate=1e7", "rate=NaN",
		"latency=-1s", "latency=1h", "dist=pareto", "sigma=0", "limit=-1", "error_rate=2", "k=0", "tasks=0",
		"cpu=1s", "io=disk")...)
	cases = append(cases,
		runOf(io, "--param", "io=sleep", "--param", "target=http://127.0.0.1:1/"),
		runOf(io, "--param", "jitter=2ms", "--param", "latency=1ms"),
		runOf(io, "--param", "stall_every=10ms", "--param", "stall_for=10ms"),
	)
	cases = append(cases, params(q, "listen=garbage", "listen=:0", "listen=[::]:0", "listen=0.0.0.0:4222",
		"listen=127.0.0.1:99999", "listen=127.0.0.1:-1", "listen=127.0.0.1:x", "listen=exa mple:1",
		"nats=notaurl", "nats=http://127.0.0.1:4222", "nats=nats://127.0.0.1:99999", "nats=nats://",
		"nats=nats://bad_host:4222", "workers=0", "workers=65", "task=gpu", "task_time=1h", "ack_wait=1ms",
		"max_deliver=0", "token=abc", "expose=maybe", "tasks=0")...)
	cases = append(cases,
		runOf(q, "--param", "workers=0", "--param", "inflight=2", "--param", "kill_worker_after=1s"),
		runOf(q, "--param", "nats=nats://127.0.0.1:1", "--param", "listen=127.0.0.1:4222"),
	)
	cases = append(cases, issue21Inputs(dir)...)
	return cases
}

// issue21Inputs are the review's bad inputs that were refused too late or
// not at all (issue 21), and those like them: NaN anywhere a number is
// taken, HTTP that is not HTTP, own/* workloads with a bad command, URL,
// header or file, contradictions, repeated flags and empty paths.
func issue21Inputs(dir string) []badInput {
	py := filepath.Join(dir, "mine.py")
	if err := os.WriteFile(py, []byte("def bench_a():\n    pass\n"), 0o644); err != nil {
		panic(err)
	}
	const ds, io, u = "data-structures/membership", "threads/io", "http://127.0.0.1:1/"
	http := func(args ...string) badInput { return badInput{args: append([]string{"http"}, args...)} }
	execOf := func(args ...string) badInput { return badInput{args: append([]string{"exec"}, args...)} }
	// noPython is a PATH with a shell but no python3.
	noPython := "PATH=" + filepath.Join(dir, "no-python")
	if err := os.Mkdir(filepath.Join(dir, "no-python"), 0o755); err != nil {
		panic(err)
	}
	cases := []badInput{
		// NaN and infinities, wherever a number is taken.
		runOf(ds, "--margin", "NaN"), runOf(ds, "--margin", "Inf"), runOf(ds, "--margin", "-Inf"), runOf(ds, "--margin", "nan"),
		execOf("--margin", "NaN", "true"), http("--margin", "NaN", u), http("--rate", "Inf", u), http("--rate", "NaN", u),
		{args: []string{"python", "--margin", "NaN", py}}, {args: []string{"compare", "--margin", "NaN", py, py}},
		runOf(ds, "--sweep", "n=NaN,16"), runOf(ds, "--sweep", "n=16,Inf"), runOf(io, "--param", "error_rate=NaN"),
		// HTTP that is not HTTP.
		http("http://127.0.0.1:0/"), http("http://127.0.0.1:65536/"), http("http://127.0.0.1:99999/"),
		http("http://127.0.0.1:4294967297/"), http("http://127.0.0.1:/"), http("http://127.0.0.1:1/a b"),
		http("-m", "", u), http("-m", "GET ", u), http("-m", "G(T", u), http("-m", "BREW", u),
		http("-H", "X: a\r\nInjected: b", u), http("-H", "X: a\nb", u),
		http("-H", "Xé: a", u), http("-H", "X : a", u), http("-H", "nocolon", u), http("-H", ": a", u),
		http("-H", "X: "+strings.Repeat("a", 100_000), u),
		http("--timeout", "0s", u), http("-c", "0", u), http("--duration", "0s", u),
		// own/* refuse as exec, http and python do.
		runOf("own/exec", "--param", "cmd_a=", "--strategies", "a"), runOf("own/exec", "--param", "cmd_a=no-such-command-perflab"),
		runOf("own/exec", "--param", "prepare=if"), runOf("own/exec", "--param", "no_shell=true", "--param", "cmd_a=ls | wc"),
		runOf("own/http", "--param", "url_a=notaurl"), runOf("own/http", "--param", "url_a=http://127.0.0.1:0/"),
		runOf("own/http", "--param", "url_b=", "--strategies", "a,b"), runOf("own/http", "--param", "header=X: a\rb"),
		runOf("own/http", "--param", "header=Xé: a"), runOf("own/http", "--param", "header=nocolon"),
		runOf("own/python"), runOf("own/python", "--param", "file="+filepath.Join(dir, "nope.py")),
		runOf("own/python", "--param", "file="+dir),
		{args: []string{"run", "own/python", "--param", "file=" + py}, env: noPython},
		{args: []string{"python", py}, env: noPython},
		{args: []string{"run", "data-structures/python-membership"}, env: noPython},
		{args: []string{"--python", filepath.Join(dir, "no-such-python"), "python", py}},
		{args: []string{"run", "data-structures/python-membership"}, env: "PERFLAB_PYTHON=" + filepath.Join(dir, "no-such-python")},
		{args: []string{"python", py}, env: "PERFLAB_PYTHON=" + filepath.Join(dir, "no-such-python")},
		// Contradictions, each named with both sides.
		runOf(ds, "--reps", "3", "--max-time", "1s"), execOf("--reps", "3", "--max-time", "1s", "true"),
		http("--reps", "3", "--max-time", "1s", u),
		runOf(ds, "--no-save", "--runs-dir", dir), execOf("--no-save", "--runs-dir", dir, "true"), http("--no-save", "--runs-dir", dir, u),
		runOf(io, "--rate", "10", "--param", "rate=5"), runOf(io, "--rate", "10", "--sweep", "rate=5,10"),
		runOf(io, "--rate", "0", "--param", "rate=5"), runOf(io, "--param", "rate=5", "--rate=0"),
		runOf(io, "--rate", "0", "--sweep", "rate=5,10"),
		http("--rate", "10", "--sweep", "rate=5,10", u), http("-c", "3", "--sweep", "connections=1,2", u),
		runOf(io, "--param", "stall_for=10ms"), runOf(io, "--param", "stall_every=10ms"),
		{args: []string{"python", py, "--tui", "--reps", "3"}}, {args: []string{"python", py, "--tui", "--format", "json"}},
		execOf("--runs", "2", "--prepare", "true", "true"),
		http("-d", "x", "--body-file", py, u),
		// Empty paths and values.
		runOf(ds, "-o", ""), runOf(ds, "--runs-dir", ""), runOf(ds, "--baseline", ""), runOf(ds, "--sweep", ""),
		execOf("--input", "", "true"), execOf("-o", "", "true"), execOf("--prepare", "", "true"), http("-o", "", u),
		http("--body-file", "", u), {args: []string{"--python", "", "list"}}, {args: []string{"runs", "--runs-dir", ""}},
		// White space inside a value.
		runOf(ds, "--sweep", "n=16,32 "), runOf(ds, "--sweep", "n=16, 32"), runOf(ds, "--sweep", " n=16,32"),
		runOf(ds, "--param", "n= 5"), runOf(ds, "--param", " n=5"), runOf(ds, "--param", "n=5 "),
		execOf("--sweep", "n=1, 2", "echo {n}"),
		// A single-valued flag given twice.
		runOf(ds, "--reps", "1", "--reps", "2"), runOf(ds, "--reps", "2", "--reps", "2"), runOf(ds, "--duration", "1ms", "--duration", "2ms"),
		runOf(ds, "--format", "json", "--format", "csv"), runOf(ds, "--no-save", "--no-save"), runOf(ds, "-o", "a.json", "--output", "b.json"),
		execOf("--prepare", "true", "--prepare", "false", "true"), http("-m", "GET", "-m", "POST", u), http("-c", "1", "-c", "2", u),
		runOf(ds, "--strategies", "map", "--strategies", "slice"), runOf(ds, "--strategies", "map,slice", "--strategies", "map"),
		{args: []string{"python", "--strategies", "a", "--strategies", "a", py}},
		{args: []string{"list", "--format", "json", "--format", "text"}},
		{args: []string{"compare", "--margin", "0.1", "--margin", "0.2", py, py}},
		// help and completion refuse what they do not know.
		{args: []string{"help", "nosuchcommand"}}, {args: []string{"help", "run", "extra"}},
		{args: []string{"completion", "bash", "extra"}}, {args: []string{"completion", "zsh", "a", "b"}},
	}
	return cases
}

// TestBadInputIsRefusedBeforeAnythingStarts runs every bad input against
// the built binary: each must exit 2 with one line on standard error and no
// stack trace, write nothing to standard output, leave no file behind (in
// its working folder, its runs folder or the folder its inputs are in)
// and, traced by strace, open no listening socket and start no process.
// The cases run side by side, each in folders of its own.
func TestBadInputIsRefusedBeforeAnythingStarts(t *testing.T) {
	cases := badInputs(t)
	if len(cases) < 100 {
		t.Fatalf("%d bad inputs, want at least 100", len(cases))
	}
	t.Logf("%d bad inputs", len(cases))
	strace, err := exec.LookPath("strace")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("strace is needed to see listeners and processes: .ci/run installs it")
		}
		t.Log("no strace: checking exit status, messages and files only")
	}
	shared := filepath.Dir(cases[len(cases)-1].inputFile())
	before := listDir(t, shared)
	t.Run("cases", func(t *testing.T) {
		for i, c := range cases {
			t.Run(strconv.Itoa(i), func(t *testing.T) {
				t.Parallel()
				refused(t, strace, c)
			})
		}
	})
	if after := listDir(t, shared); after != before {
		t.Errorf("the inputs' folder changed:\nbefore %s\nafter  %s", before, after)
	}
}

// inputFile is a file a case names, for the folder the inputs are in.
func (c badInput) inputFile() string {
	for _, a := range c.args {
		if strings.HasSuffix(a, ".py") && filepath.IsAbs(a) {
			return a
		}
	}
	return ""
}

// refused runs one bad input and checks that it was refused before
// anything started.
func refused(t *testing.T, strace string, c badInput) {
	name := strings.Join(c.args, " ")
	if len(name) > 200 {
		name = name[:200] + "…"
	}
	dir := t.TempDir()
	work, data := filepath.Join(dir, "work"), filepath.Join(dir, "data")
	for _, d := range []string{work, data} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	trace := filepath.Join(dir, "trace")
	cmd := exec.Command(binary, c.args...)
	if strace != "" {
		cmd = exec.Command(strace, append([]string{"-f", "-qq", "-e", "trace=listen,execve", "-o", trace, binary}, c.args...)...)
	}
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "NATS_URL=", "XDG_DATA_HOME="+data)
	if c.env != "" {
		cmd.Env = append(cmd.Env, c.env)
	}
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	_ = cmd.Run()
	code := cmd.ProcessState.ExitCode()
	msg := stderr.String()
	switch {
	case code != 2:
		t.Errorf("[%s]: exit %d, want 2; stderr %q", name, code, msg)
	case strings.Count(msg, "\n") != 1 || !strings.HasSuffix(msg, "\n") || !strings.HasPrefix(msg, "perflab: "):
		t.Errorf("[%s]: stderr %q, want one line starting perflab:", name, msg)
	case strings.Contains(msg, "goroutine ") || strings.Contains(msg, "panic"):
		t.Errorf("[%s]: a stack trace: %q", name, msg)
	case out.Len() > 0:
		t.Errorf("[%s]: wrote %q to stdout on bad input", name, out.String())
	}
	for _, d := range []string{work, data} {
		if left := listDir(t, d); left != "" {
			t.Errorf("[%s]: left %s in %s", name, left, d)
		}
	}
	if strace != "" {
		checkTrace(t, name, trace)
	}
}

// listDir names what a folder holds, every level down, for a comparison.
func listDir(t *testing.T, dir string) string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, _ os.DirEntry, err error) error {
		if path != dir {
			names = append(names, path)
		}
		return err
	})
	if err != nil {
		t.Errorf("list %s: %v", dir, err)
	}
	return strings.Join(names, " ")
}

// checkTrace fails the test for a listen in an strace log, or for an execve
// beyond the one that started perflab.
func checkTrace(t *testing.T, name, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("[%s]: read the trace: %v", name, err)
		return
	}
	execs := 0
	for line := range strings.Lines(string(b)) {
		switch {
		case strings.Contains(line, "listen("):
			t.Errorf("[%s]: opened a listener: %s", name, strings.TrimSpace(line))
		case strings.Contains(line, "execve") && strings.HasSuffix(strings.TrimSpace(line), "= 0"):
			// Only an execve that succeeded started a program: one
			// that failed (a --python that does not exist) did not.
			execs++
		}
	}
	if execs > 1 {
		t.Errorf("[%s]: started %d processes, want none", name, execs-1)
	}
}
