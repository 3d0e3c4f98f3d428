package worker

import (
	"io"
	"os"
	"syscall"
)

// pollable returns r so that a read of it parks its goroutine in the
// runtime's network poller instead of blocking an OS thread in read(2).
//
// This matters for a worker's standard input, which its reader goroutine
// waits on for the whole of every task. A coordinator's exec hands the pipe
// over in blocking mode, and a thread blocked in a system call for more than
// 20 µs has its processor taken back by the Go runtime's monitor thread, which
// then wakes every 20 µs for a millisecond before it backs off again: some 60
// wake-ups a task, each one preempting the CPU-bound worker on the other core.
// On a 2-core machine that cost each of two workers 12–17 % of its speed
// (measured with /proc/PID/task/*/schedstat: about 4,000 wake-ups a second
// of each worker's monitor thread, against 100 with a pollable pipe).
//
// Only a pipe is switched: a terminal or a file is left as it is, so that a
// shell never finds its terminal in non-blocking mode after a worker exits.
func pollable(r io.Reader) io.Reader {
	f, ok := r.(*os.File)
	if !ok {
		return r
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		return r
	}
	fd := int(f.Fd())
	if err := syscall.SetNonblock(fd, true); err != nil {
		return r
	}
	// NewFile sees the descriptor is non-blocking and registers it with
	// the poller; f.Fd above put f itself back in blocking mode, so the
	// new File is the one to read from.
	return os.NewFile(uintptr(fd), f.Name())
}
