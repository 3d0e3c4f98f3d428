package worker

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// childStdin returns the read end of a pipe in the state exec leaves a
// child's standard input in: blocking, wrapped in a File that the poller does
// not serve. It fails the test if it cannot get there.
func childStdin(t *testing.T) (stdin, w *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	// Fd puts the pipe in blocking mode, as exec does for a child, and the
	// child's os.Stdin is a File made from the descriptor.
	fd, err := syscall.Dup(int(r.Fd()))
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	stdin = os.NewFile(uintptr(fd), "stdin")
	if err := stdin.SetReadDeadline(time.Now()); !errors.Is(err, os.ErrNoDeadline) {
		t.Fatalf("the child's stdin took a deadline (%v): the test does not start where exec leaves a worker", err)
	}
	return stdin, w
}

// TestPollableTurnsABlockingPipeIntoAPolledOne checks that pollable turns a
// child's blocking stdin into a quiet pipe whose reads wait in the poller:
// only a polled file takes a read deadline.
func TestPollableTurnsABlockingPipeIntoAPolledOne(t *testing.T) {
	stdin, _ := childStdin(t)
	p, ok := pollable(stdin).(*quietPipe)
	if !ok {
		t.Fatal("pollable did not return a quiet pipe for a pipe")
	}
	defer p.f.Close()
	if err := p.f.SetReadDeadline(time.Now().Add(time.Millisecond)); err != nil {
		t.Fatalf("the pollable pipe takes no read deadline: %v", err)
	}
	if _, err := p.Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("read of an empty pollable pipe: %v, want a deadline exceeded", err)
	}
}

// TestQuietPipeCarriesFramesBothWays sends frames larger than a pipe's
// buffer through a pair of quiet pipes, so that writes are partial and
// reads come in pieces, and checks that every byte arrives and the end of
// the stream reads as EOF.
func TestQuietPipeCarriesFramesBothWays(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	qr, err := quietFile(r)
	if err != nil {
		t.Fatal(err)
	}
	qw, err := quietFile(w)
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Repeat([]byte("perflab "), 64<<10) // 512 KiB, past the pipe's 64 KiB
	go func() {
		defer w.Close()
		if n, err := qw.Write(want); n != len(want) || err != nil {
			t.Errorf("write: %d of %d bytes, %v", n, len(want), err)
		}
	}()
	got, err := io.ReadAll(qr)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("read %d bytes, want the %d written", len(got), len(want))
	}
	if n, err := qr.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		t.Errorf("read after the end: %d, %v; want 0, EOF", n, err)
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
	if got := pollableWriter(f); got != f {
		t.Errorf("pollableWriter(a regular file) = %v, want the file itself", got)
	}
}
