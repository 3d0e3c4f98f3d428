package command

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/perflab/perflab/measure/measuretest"
)

// pidIn reads the pid a command wrote to file.
func pidIn(t *testing.T, file string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("pid file holds %q", b)
	}
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
	return pid
}

func TestACleanExitEndsWhatTheCommandLeftBehind(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pid")
	r := shell(t, "sleep 1000 & echo $! > "+file)
	if _, err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	pid := pidIn(t, file)
	measuretest.WaitFor(t, "the sleep left in the background to end with the run", func() bool { return measuretest.Ended(pid) })
}

func TestKeptStandardErrorIsBounded(t *testing.T) {
	const wrote = 20 << 20
	r := shell(t, "head -c "+strconv.Itoa(wrote)+" /dev/zero | tr '\\0' x >&2; echo; echo the end >&2; exit 1")
	_, err := r.Run(context.Background())
	var exit *ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("err = %v, want an ExitError", err)
	}
	if kept := len(r.errs.kept.String()); kept > keptBytes {
		t.Errorf("kept %d bytes of standard error, want at most %d", kept, keptBytes)
	}
	if r.errs.total < wrote {
		t.Errorf("counted %d bytes written, want at least %d", r.errs.total, wrote)
	}
	if msg := err.Error(); !strings.HasSuffix(msg, "the end") || len(msg) > 2*tailBytes {
		t.Errorf("error of %d bytes ends %q, want a short one ending with the last line", len(msg), msg[max(0, len(msg)-40):])
	}
}
