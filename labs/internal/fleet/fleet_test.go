package fleet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/httpload"
	"github.com/perflab/perflab/measure"
)

// slowServer answers every request after d, on loopback.
func slowServer(t *testing.T, d time.Duration) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(d)
		_, _ = io.WriteString(w, "ok")
	}))
	t.Cleanup(srv.Close)
	return srv
}

func targetFor(t *testing.T, url string) Target {
	t.Helper()
	pt, err := httpload.Spec{URL: url, Method: "GET", Timeout: 5 * time.Second}.Parse()
	if err != nil {
		t.Fatal(err)
	}
	return TargetOf(pt)
}

// gone says whether no process has pid any more.
func gone(pid int) bool { return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) }

func TestFleetRunsClosedAndOpenLoopsAndLeavesNothing(t *testing.T) {
	srv := slowServer(t, time.Millisecond)
	f, err := Start(context.Background(), 2, []Target{targetFor(t, srv.URL+"/a"), targetFor(t, srv.URL+"/b")})
	if err != nil {
		t.Fatal(err)
	}
	pids := []int{f.links[0].(*proc).pid, f.links[1].(*proc).pid}
	defer func() {
		if err := f.Close(); err != nil {
			t.Error(err)
		}
		for _, pid := range pids {
			if !gone(pid) {
				t.Errorf("generator %d outlived the fleet", pid)
			}
		}
	}()
	recs := []*measure.Recorder{measure.NewRecorder(), measure.NewRecorder()}
	for _, job := range []Job{
		{Target: 0, Conns: 2, Duration: 200 * time.Millisecond},
		{Target: 1, Rate: 200, Conns: 4, Duration: 300 * time.Millisecond},
	} {
		res, err := f.Rep(job, recs)
		if err != nil {
			t.Fatal(err)
		}
		var ops int64
		for i, d := range res.Gens {
			if d.Ops == 0 || d.Errors != 0 {
				t.Errorf("job %+v: generator %d answered %d and failed %d, want some and none", job, i, d.Ops, d.Errors)
			}
			if d.Status[200] != d.Ops {
				t.Errorf("generator %d counted %d 200s for %d answers", i, d.Status[200], d.Ops)
			}
			ops += d.Ops
		}
		if res.Hist.TotalCount() != ops {
			t.Errorf("merged histogram holds %d latencies of %d answers", res.Hist.TotalCount(), ops)
		}
		if job.Rate > 0 {
			// 200/s for 0.3 s on each generator: 60 asked for; a
			// loaded machine may answer fewer, never more.
			for i, d := range res.Gens {
				if d.Ops+d.Dropped > 60 || d.Ops < 20 {
					t.Errorf("generator %d at 200/s for 300ms answered %d, dropped %d", i, d.Ops, d.Dropped)
				}
			}
		}
		// A generous bound: the start is coordinated to within
		// milliseconds on an idle machine, and a shared one can
		// delay a process by more.
		if res.Skew > time.Second || res.Skew < 0 {
			t.Errorf("start skew %v, want under a second", res.Skew)
		}
		t.Logf("job %+v: skew %v, ops %d, p99 %v", job, res.Skew, ops, time.Duration(res.Hist.ValueAtQuantile(99)))
	}
}

func TestGeneratorStopsWhenTheCoordinatorGoes(t *testing.T) {
	srv := slowServer(t, time.Millisecond)
	inR, inW := io.Pipe()
	served := make(chan error, 1)
	go func() { served <- Serve(context.Background(), inR, io.Discard) }()
	if err := writeLine(inW, command{Setup: []Target{targetFor(t, srv.URL)}}); err != nil {
		t.Fatal(err)
	}
	if err := writeLine(inW, command{Start: &Job{Conns: 2, Duration: 1000 * time.Second}}); err != nil {
		t.Fatal(err)
	}
	_ = inW.Close()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a 1000 s repetition went on 20 s after its coordinator left")
	}
}

func TestAGeneratorThatDiesIsNamedAndLeftOut(t *testing.T) {
	srv := slowServer(t, time.Millisecond)
	f, err := Start(context.Background(), 2, []Target{targetFor(t, srv.URL)})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	recs := []*measure.Recorder{measure.NewRecorder(), measure.NewRecorder()}
	time.AfterFunc(100*time.Millisecond, f.links[1].kill)
	res, err := f.Rep(Job{Conns: 1, Duration: 2 * time.Second}, recs)
	if err != nil {
		t.Fatal(err)
	}
	if lost := res.Lost[1]; lost == nil || !strings.Contains(lost.Error(), "generator gen2") || !res.Ran[0] || res.Ran[1] {
		t.Fatalf("gen2 killed mid-repetition: lost %v, ran %v; want gen2 named as lost, gen1 run", res.Lost, res.Ran)
	}
	if l := res.Lost[1]; l.Kind != LossExited || l.Signal != syscall.SIGKILL || l.ExitStatus != -1 {
		t.Errorf("gen2 killed: lost as %v, status %d, signal %v; want exited, killed by SIGKILL", l.Kind, l.ExitStatus, l.Signal)
	}
	if f.Alive() != 1 {
		t.Errorf("%d generators alive, want 1", f.Alive())
	}
	res, err = f.Rep(Job{Conns: 1, Duration: 100 * time.Millisecond}, recs)
	if err != nil || !res.Ran[0] || res.Ran[1] || len(res.Lost) != 0 || res.Gens[0].Ops == 0 {
		t.Errorf("the next repetition: %v, ran %v, lost %v, gen1 answered %d; want gen1 alone", err, res.Ran, res.Lost, res.Gens[0].Ops)
	}
	f.links[0].kill()
	if _, err := f.Rep(Job{Conns: 1, Duration: 100 * time.Millisecond}, recs); err == nil || !strings.Contains(err.Error(), "every generator is lost") {
		t.Errorf("a repetition with every generator dead: %v, want an error saying so", err)
	}
}

// TestAGeneratorThatStallsIsNamedAsStalled stops one of two generators
// mid-repetition (SIGSTOP: it lives, and says nothing): past the grace it
// is named as stalled, not as the SIGKILL the fleet then sends it, and it
// is gone once the fleet closes.
func TestAGeneratorThatStallsIsNamedAsStalled(t *testing.T) {
	srv := slowServer(t, time.Millisecond)
	f, err := Start(context.Background(), 2, []Target{targetFor(t, srv.URL)})
	if err != nil {
		t.Fatal(err)
	}
	// Short, but long beside a report every Interval from gen1 on a
	// loaded machine.
	f.grace = time.Second
	pid := f.links[1].(*proc).pid
	defer func() {
		if err := f.Close(); err != nil {
			t.Logf("close: %v", err)
		}
		if !gone(pid) {
			t.Errorf("the stalled generator (pid %d) outlived its fleet", pid)
		}
	}()
	recs := []*measure.Recorder{measure.NewRecorder(), measure.NewRecorder()}
	time.AfterFunc(50*time.Millisecond, func() { _ = syscall.Kill(pid, syscall.SIGSTOP) })
	res, err := f.Rep(Job{Conns: 1, Duration: 200 * time.Millisecond}, recs)
	if err != nil {
		t.Fatal(err)
	}
	l := res.Lost[1]
	if l == nil || l.Kind != LossStalled || l.Silent <= 0 || !res.Ran[0] {
		t.Fatalf("gen2 stopped mid-repetition: lost %+v, ran %v; want gen2 lost as stalled, gen1 run", l, res.Ran)
	}
}

// TestAnExitSaysItsStatusOrSignal reads the loss of a process that exited
// with a status, and of one a signal ended.
func TestAnExitSaysItsStatusOrSignal(t *testing.T) {
	for _, c := range []struct {
		script string
		status int
		signal syscall.Signal
	}{{"exit 3", 3, 0}, {"kill -TERM $$", -1, syscall.SIGTERM}} {
		cmd := exec.Command("sh", "-c", c.script)
		_ = cmd.Run() // Its failure is the exit read below.
		l := lossOf(fmt.Errorf("generator gen1: %w", exited(cmd.ProcessState, "exited mid-run")))
		if l.Kind != LossExited || l.ExitStatus != c.status || l.Signal != c.signal {
			t.Errorf("%q: %v, status %d, signal %v; want exited, status %d, signal %v", c.script, l.Kind, l.ExitStatus, l.Signal, c.status, c.signal)
		}
	}
	if l := lossOf(errors.New("generator gen1: sent a report that is not one")); l.Kind != LossFailed || l.Kind.String() != "failed" {
		t.Errorf("an error without a cause: %v, want failed", l.Kind)
	}
}
