package command

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure/measuretest"
)

// shell returns a runner of text through sh -c, closed when the test ends.
func shell(t *testing.T, text string) *Runner {
	t.Helper()
	c, err := Shell(text)
	return runner(t, c, err)
}

func runner(t *testing.T, c Command, err error) *Runner {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRunner(c)
	return measuretest.CloseAtEnd(t, r, err)
}

func TestRunRecordsUsage(t *testing.T) {
	r := shell(t, "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done")
	u, err := r.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if u.Exit != 0 || u.Wall <= 0 || u.User+u.System <= 0 || u.MaxRSS <= 0 {
		t.Errorf("usage = %+v, want exit 0 and positive wall, CPU and peak RSS", u)
	}
}

func TestFailureCarriesTheTailOfStderr(t *testing.T) {
	r := shell(t, `echo first >&2; i=0; while [ $i -lt 200 ]; do echo "line $i" >&2; i=$((i+1)); done; echo last words >&2; exit 3`)
	for range 2 { // the second run must not see the first run's output
		u, err := r.Run(context.Background())
		var exit *ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("err = %v, want an ExitError", err)
		}
		msg := err.Error()
		if u.Exit != 3 || !strings.Contains(msg, "exit status 3") || !strings.HasSuffix(msg, "last words") {
			t.Errorf("exit %d, err %q: want exit 3 and a message ending with the last line of stderr", u.Exit, msg)
		}
		_, tail, _ := strings.Cut(msg, "exit status 3: ")
		if want := "line 198 / line 199 / last words"; tail != want || strings.Contains(msg, "\n") {
			t.Errorf("tail %q, want %q on one line", tail, want)
		}
	}
}

func TestInputFeedsEveryRun(t *testing.T) {
	in := measuretest.WriteTemp(t, "in.txt", "hello\n")
	c, err := Shell(`read x && [ "$x" = hello ]`)
	c.Input = in
	r := runner(t, c, err)
	for i := range 3 {
		if _, err := r.Run(context.Background()); err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
	}
	c, err = Shell(`! read x`) // without --input, standard input is empty
	r = runner(t, c, err)
	if _, err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestCancelKillsTheProcessGroup starts a command whose shell leaves a
// child behind, cancels it, and checks that the child is gone too.
func TestCancelKillsTheProcessGroup(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	r := shell(t, "sleep 30 & echo $! > "+pidFile+"; wait")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := r.Run(ctx)
		done <- err
	}()
	pid := measuretest.WaitPID(t, "the background sleep to start", pidFile)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run after cancel = %v, want context.Canceled", err)
	}
	measuretest.WaitFor(t, "the background sleep to be killed", func() bool { return measuretest.Ended(pid) })
}
