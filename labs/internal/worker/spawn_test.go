package worker

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// waitTimeout bounds the waits below: far longer than any of them takes, so
// that a loaded machine does not fail them, yet a hang still fails.
const waitTimeout = 10 * time.Second

func waitDone(t *testing.T, p *Proc, what string) {
	t.Helper()
	select {
	case <-p.Done():
	case <-time.After(waitTimeout):
		p.Kill()
		t.Fatalf("%s: worker pid %d still running after %v", what, p.PID, waitTimeout)
	}
}

// startStdio starts the worker name under ctx, and kills and reaps it when
// the test ends. Stop's error is not the test's: these tests kill or
// cancel the worker themselves and check its end on their own.
func startStdio(t *testing.T, ctx context.Context, name string) *Stdio {
	t.Helper()
	w, err := StartStdio(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Stop(0) })
	return w
}

// The workers below are this test binary, started again: the package's init
// makes it a worker when the spawner's environment says so.

func TestStdioWorkerProcess(t *testing.T) {
	w, err := StartStdio(context.Background(), "p1")
	if err != nil {
		t.Fatal(err)
	}
	for i := range uint64(3) {
		r, err := w.Do(context.Background(), Task{ID: i, Kind: Primes, A: 1_000_000, B: 1_010_000})
		if err != nil {
			t.Fatal(err)
		}
		if want := SievePrimes(1_000_000, 1_010_000); r.Value != want || r.ID != i {
			t.Errorf("task %d: got %+v, want value %d", i, r, want)
		}
	}
	if err := w.Stop(waitTimeout); err != nil {
		t.Errorf("stop: %v", err)
	}
	if w.err != nil {
		t.Errorf("a worker whose stdin closed should exit 0, got %v", w.err)
	}
}

func TestWorkerExitsCleanlyOnSIGTERM(t *testing.T) {
	w := startStdio(t, context.Background(), "term")
	if err := syscall.Kill(w.PID, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitDone(t, w.Proc, "after SIGTERM")
	if w.err != nil {
		t.Errorf("after SIGTERM: got exit %v, want a clean exit", w.err)
	}
}

func TestCancelKillsWorkerMidTask(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	w := startStdio(t, ctx, "cancel")
	errc := make(chan error, 1)
	go func() {
		_, err := w.Do(ctx, Task{ID: 1, Kind: Sleep, A: uint64(time.Minute)})
		errc <- err
	}()
	cancel()
	if err := <-errc; err != context.Canceled {
		t.Errorf("Do under a cancelled context: got %v, want context.Canceled", err)
	}
	waitDone(t, w.Proc, "after cancel")
}

// TestCancelBeforeATaskIsACancel cancels, and lets the cancel kill the
// worker, before a task is sent: the send then fails on a dead pipe, and
// that must read as the cancel it is, not as the worker's death. This is
// the order in which TestCancelKillsWorkerMidTask failed 1 run in 10.
func TestCancelBeforeATaskIsACancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	w := startStdio(t, ctx, "cancelled")
	cancel()
	waitDone(t, w.Proc, "after cancel")
	if _, err := w.Do(ctx, Task{ID: 1, Kind: Sleep, A: uint64(time.Millisecond)}); err != context.Canceled {
		t.Errorf("Do after a cancel killed the worker: got %v, want context.Canceled", err)
	}
}

func TestDeadWorkerIsNamed(t *testing.T) {
	w := startStdio(t, context.Background(), "victim")
	errc := make(chan error, 1)
	go func() {
		_, err := w.Do(context.Background(), Task{ID: 1, Kind: Sleep, A: uint64(time.Minute)})
		errc <- err
	}()
	w.Kill()
	err := <-errc
	if err == nil || !strings.Contains(err.Error(), "worker victim (pid") || !strings.Contains(err.Error(), "killed") {
		t.Errorf("a killed worker: got %v, want an error naming it and its death", err)
	}
}

// TestSpawnSweepsStaleTempFolders stands in for a coordinator killed with
// SIGKILL, whose workers' temporary folders nothing removed: the next
// process to spawn a worker removes the folders whose owner is gone, keeps
// those of a live one, and names its worker's folder after itself so that
// the run after it can do the same.
func TestSpawnSweepsStaleTempFolders(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	sweep := sweepWorkerTemps
	defer func() { sweepWorkerTemps = sweep }()
	sweepWorkerTemps = sync.OnceFunc(func() { RemoveStale(os.TempDir(), tempPrefix) })
	// 4194305 is past the largest pid Linux hands out: nobody owns it.
	dead := filepath.Join(dir, tempPrefix+"4194305-123")
	live := filepath.Join(dir, tempPrefix+strconv.Itoa(os.Getpid())+"-456")
	for _, d := range []string{dead, live} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	w, err := StartStdio(context.Background(), "sweeper")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if _, err := os.Stat(dead); err == nil {
		t.Errorf("the folder of a gone coordinator is still there: %v", names)
	}
	if _, err := os.Stat(live); err != nil || len(names) != 2 {
		t.Errorf("folders %v: want the live owner's kept and the new worker's beside it", names)
	}
	if err := w.Stop(waitTimeout); err != nil {
		t.Errorf("stop: %v", err)
	}
	for _, n := range names {
		if pid, ok := Owner(n, tempPrefix); !ok || pid != os.Getpid() {
			t.Errorf("folder %s does not name this process as its owner", n)
		}
	}
}
