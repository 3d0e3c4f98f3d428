package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/perflab/perflab/measure/measuretest"
)

// TestSecondSignalCutsTheCleanup stops a run whose cleanup command sleeps
// 1,000 s: the first SIGTERM (handled as Ctrl-C) lets the cleanup go on,
// the second cuts it short, and perflab ends with the cleanup's process
// gone. SIGTERM stands in for Ctrl-C, which a test started in the
// background may have been told to ignore.
func TestSecondSignalCutsTheCleanup(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "cleanup.pid")
	cmd := exec.Command(binary, "exec", "--reps", "1", "--duration", "20ms", "--no-save",
		"--cleanup", "echo $$ > "+pidFile+".tmp && mv "+pidFile+".tmp "+pidFile+" && exec sleep 1000", "true")
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	pid := measuretest.WaitPID(t, "the cleanup to start", pidFile)
	start := time.Now()
	for range 2 {
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond) // two signals, not one delivered twice
	}
	select {
	case err := <-exited:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || !strings.Contains(stderr.String(), "cleanup") {
			t.Errorf("exit %v, stderr %q: want a failure naming the cleanup", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		_ = syscall.Kill(pid, syscall.SIGKILL)
		<-exited
		t.Fatalf("perflab still running 20 s after a second signal during a 1000 s cleanup")
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("took %v", took)
	}
	measuretest.WaitFor(t, "the cleanup's sleep to be gone", func() bool {
		return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
	})
}
