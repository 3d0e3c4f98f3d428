package python

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// TestMain fails, rather than skips, every test of the package on a
// machine without Python: .ci/run installs one where it is missing.
func TestMain(m *testing.M) {
	if _, err := Find(); err != nil {
		os.Stderr.WriteString("python tests need an interpreter: " + err.Error() + "\n")
		os.Exit(1)
	}
	os.Exit(m.Run())
}

const demo = `
PARAMS = {"n": 3, "ratio": 0.5, "fast": True, "label": "x"}

def setup(params):
    print("setup prints go to stderr, not into the protocol")
    return {"items": list(range(params["n"])), "n": params["n"]}

def bench_zeta(st):
    """the first, whatever its name"""
    return sum(st["items"])

bench_alpha = "n in items"

def helper():
    pass

def bench_mid():
    return 1
`

func TestLoadFindsStrategiesInFileOrder(t *testing.T) {
	measuretest.NoLeaks(t)
	p, ld, err := Start(context.Background(), Module{Name: "demo", Path: measuretest.WriteTemp(t, "demo.py", demo)})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if got, want := strings.Join(ld.Strategies, ","), "bench_zeta,bench_alpha,bench_mid"; got != want {
		t.Errorf("strategies = %s, want %s", got, want)
	}
	want := []DeclaredParam{{"n", "int", "3"}, {"ratio", "float", "0.5"}, {"fast", "bool", "true"}, {"label", "text", "x"}}
	if len(ld.Params) != len(want) {
		t.Fatalf("params = %+v, want %+v", ld.Params, want)
	}
	for i := range want {
		if ld.Params[i] != want[i] {
			t.Errorf("param %d = %+v, want %+v", i, ld.Params[i], want[i])
		}
	}
	if got, want := ld.Docs["bench_zeta"], "the first, whatever its name"; got != want {
		t.Errorf("doc = %q, want %q", got, want)
	}
}

func TestUserErrorsAreOneMessageWithTheTraceback(t *testing.T) {
	tests := []struct {
		name, src, strategy string
		want                []string
	}{
		{"syntax", "def bench_a(:\n    pass\n", "", []string{"SyntaxError"}},
		{"import", "import no_such_module_anywhere\ndef bench_a():\n    pass\n", "", []string{"ModuleNotFoundError", "no_such_module_anywhere"}},
		{"setup", "def setup(p):\n    return 1 / 0\ndef bench_a():\n    pass\n", "bench_a", []string{"ZeroDivisionError: division by zero", "line 2, in setup"}},
		{"bench", "def bench_a():\n    raise ValueError('bad value')\n", "bench_a", []string{"ValueError: bad value", "in bench_a"}},
		{"statement", "bench_a = 'x ='\n", "bench_a", []string{"SyntaxError"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Module{Name: "m_" + tt.name, Path: measuretest.WriteTemp(t, "m.py", tt.src)}
			var err error
			if tt.strategy == "" {
				var p *Proc
				if p, _, err = Start(context.Background(), m); err == nil {
					p.Close()
				}
			} else {
				var s *measure.Subject
				if s, err = NewSubject(context.Background(), m, tt.strategy, nil, Options{}); err == nil {
					s.Close()
				}
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error = %v, want a *python.Error", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestCalibrationBatchesTinyOperationsOnly(t *testing.T) {
	src := "import time\nbench_tiny = 'pass'\ndef bench_slow():\n    time.sleep(0.001)\n"
	m := Module{Name: "cal", Path: measuretest.WriteTemp(t, "cal.py", src)}
	tests := []struct {
		strategy string
		batched  bool
	}{{"bench_tiny", true}, {"bench_slow", false}}
	for _, tt := range tests {
		p, _, err := Start(context.Background(), m)
		if err != nil {
			t.Fatal(err)
		}
		s := &subject{p: p, batch: 1}
		if err := s.prepare(context.Background(), tt.strategy, nil, Options{}, nil); err != nil {
			t.Fatal(err)
		}
		if got := s.batch > 1; got != tt.batched {
			t.Errorf("%s: batch = %d, want batched %v", tt.strategy, s.batch, tt.batched)
		}
		// The batch is grown until it lasts batchGoal, by the worker's clock.
		if ns, err := s.time(context.Background(), s.batch, 1); err != nil || (tt.batched && ns < batchGoal/2) {
			t.Errorf("%s: a batch of %d took %dns (%v), want about %dns or more", tt.strategy, s.batch, ns, err, batchGoal)
		}
		p.Close()
	}
}

func TestDriveRecordsWhatTheWorkerTimed(t *testing.T) {
	m := Module{Name: "drv", Path: measuretest.WriteTemp(t, "drv.py", demo)}
	s, err := NewSubject(context.Background(), m, "bench_alpha", map[string]any{"n": 5}, Options{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rec := measure.NewRecorder()
	if err := s.Drive(context.Background(), []*measure.Recorder{rec}); err != nil {
		t.Fatal(err)
	}
	mt := s.Metrics()
	if mt["batch"] < 2 {
		t.Errorf("metrics = %v, want a batch of more than one for a statement", mt)
	}
	if _, ok := mt["peak_kib_per_op"]; !ok {
		t.Errorf("metrics = %v, want peak_kib_per_op", mt)
	}
}

// TestCancelEndsTheWorkerAndItsChildren cancels a Drive whose operation
// never returns and started a child process: the Drive returns, and the
// worker and the child are gone.
func TestCancelEndsTheWorkerAndItsChildren(t *testing.T) {
	measuretest.NoLeaks(t)
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	src := `
import subprocess, time
PARAMS = {"pid_file": ""}
def setup(params):
    child = subprocess.Popen(["sleep", "3600"])
    with open(params["pid_file"], "w") as f:
        f.write(str(child.pid))
    return child
def bench_hang(child):
    time.sleep(3600)
`
	m := Module{Name: "hang", Path: measuretest.WriteTemp(t, "hang.py", src)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p, _, err := Start(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	// Set up by hand: NewSubject would time an operation, which never ends.
	sub := &subject{p: p, batch: 1, budget: minDriveBudget, batchNs: 1e9}
	if err := p.call(ctx, map[string]any{"cmd": "setup", "strategy": "bench_hang", "params": map[string]any{"pid_file": pidFile}}, &struct{}{}); err != nil {
		t.Fatal(err)
	}
	child := measuretest.WaitPID(t, "the child's pid", pidFile)
	done := make(chan error, 1)
	go func() { done <- sub.drive(ctx, []*measure.Recorder{measure.NewRecorder()}) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("drive after cancel = %v, want context.Canceled", err)
	}
	p.Close()
	worker := p.cmd.Process.Pid
	for _, pid := range []int{worker, child} {
		measuretest.WaitFor(t, "process "+strconv.Itoa(pid)+" to end", func() bool { return measuretest.Ended(pid) })
	}
}

// TestFreshSubjectIsAnotherWorkerWithTheSameBatch builds a fresh instance
// of a subject: another worker process with setup run again, timed in the
// batches the first one was calibrated to, while closing the first ends
// only its own worker.
func TestFreshSubjectIsAnotherWorkerWithTheSameBatch(t *testing.T) {
	m := Module{Name: "fresh", Path: measuretest.WriteTemp(t, "fresh.py", demo)}
	first, err := NewSubject(context.Background(), m, "bench_alpha", map[string]any{"n": 5}, Options{Fresh: true})
	if err != nil {
		t.Fatal(err)
	}
	if first.Fresh == nil || first.Kept != "" {
		t.Fatalf("a subject asked to be fresh: Fresh set %v, kept %q", first.Fresh != nil, first.Kept)
	}
	second, err := first.Fresh(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	rec := measure.NewRecorder()
	if err := second.Drive(context.Background(), []*measure.Recorder{rec}); err != nil {
		t.Fatalf("the fresh instance, its first worker closed: %v", err)
	}
	if got := second.Metrics()["batch"]; got < 2 {
		t.Errorf("the fresh instance times batches of %v, want the first's calibrated batch of more than one", got)
	}
	kept, err := NewSubject(context.Background(), m, "bench_alpha", map[string]any{"n": 5}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	if kept.Fresh != nil || kept.Kept != measure.KeptShared {
		t.Errorf("a subject not asked to be fresh: Fresh set %v, kept %q; want one worker, kept as shared", kept.Fresh != nil, kept.Kept)
	}
}
