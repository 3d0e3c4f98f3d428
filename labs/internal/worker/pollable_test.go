package worker

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestPollableTurnsABlockingPipeIntoAPolledOne hands pollable a pipe in the
// state exec leaves a child's standard input in (blocking, after Fd), and
// checks that reads of the result go through the poller: only a polled file
// takes a read deadline.
func TestPollableTurnsABlockingPipeIntoAPolledOne(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	// Fd puts the pipe in blocking mode, as exec does for a child, and
	// the child's os.Stdin is a File made from the descriptor.
	fd, err := syscall.Dup(int(r.Fd()))
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	stdin := os.NewFile(uintptr(fd), "stdin")
	if err := stdin.SetReadDeadline(time.Now()); !errors.Is(err, os.ErrNoDeadline) {
		t.Fatalf("the child's stdin took a deadline (%v): the test does not start where exec leaves a worker", err)
	}
	p, ok := pollable(stdin).(*os.File)
	if !ok {
		t.Fatal("pollable did not return a file for a pipe")
	}
	defer p.Close()
	if err := p.SetReadDeadline(time.Now().Add(time.Millisecond)); err != nil {
		t.Fatalf("the pollable pipe takes no read deadline: %v", err)
	}
	if _, err := p.Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("read of an empty pollable pipe: %v, want a deadline exceeded", err)
	}
}

func TestPollableLeavesFilesAlone(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "tasks"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := pollable(f); got != f {
		t.Errorf("pollable(a regular file) = %v, want the file itself", got)
	}
}
