package worker

import (
	"io"
	"os"
	"syscall"
	"unsafe"
)

// A quietPipe reads and writes a pipe through the runtime's network poller
// with raw system calls: a goroutine waiting for the other side parks in the
// poller instead of blocking an OS thread, and a read or write does not wake
// the runtime's monitor thread.
//
// Both matter for the processes lab, where a worker computes on one core
// while the coordinator and another worker share the machine. Go's monitor
// thread (sysmon) takes back the processor of a thread blocked in a system
// call for more than 20 µs, and any system call made while the process was
// idle wakes it from its deep sleep; either way it then wakes every 20 µs
// for a millisecond before it backs off. That is some 60 wake-ups for every
// task, each preempting a CPU-bound worker on the other core: measured with
// /proc/PID/task/*/schedstat, each worker's monitor thread woke about 4,000
// times a second with a blocking pipe, and every worker's tasks ran 12-17 %
// slower with two workers than with one.
//
// The pipe is non-blocking, so a raw read or write returns at once and
// cannot stall the thread that makes it, which is what makes a raw system
// call safe here.
type quietPipe struct {
	f  *os.File
	rc syscall.RawConn
}

// newQuietPipe makes f, a pipe handed over in blocking mode (as exec hands a
// child its standard input and output), non-blocking and returns it as a
// quietPipe; ok is false if f is not a pipe or cannot be switched. The
// quietPipe has a descriptor of its own, so that closing f, or f's
// finalizer, cannot close it; f must not be used for reads or writes after.
func newQuietPipe(f *os.File) (p *quietPipe, ok bool) {
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		return nil, false
	}
	fd, err := syscall.Dup(int(f.Fd()))
	if err != nil {
		return nil, false
	}
	syscall.CloseOnExec(fd)
	if err := syscall.SetNonblock(fd, true); err != nil {
		syscall.Close(fd)
		return nil, false
	}
	// NewFile sees the descriptor is non-blocking and registers it with
	// the poller.
	nf := os.NewFile(uintptr(fd), f.Name())
	p, err = quietFile(nf)
	if err != nil {
		nf.Close()
		return nil, false
	}
	return p, true
}

// quietFile returns f, a file the poller already serves (such as an end of
// os.Pipe), as a quietPipe. f's read deadline still applies.
func quietFile(f *os.File) (*quietPipe, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	return &quietPipe{f: f, rc: rc}, nil
}

// Read reads from the pipe, waiting in the poller until it has data.
func (p *quietPipe) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	var n int
	var errno syscall.Errno
	err := p.rc.Read(func(fd uintptr) bool {
		r, _, e := syscall.RawSyscall(syscall.SYS_READ, fd, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
		n, errno = int(r), e
		return e != syscall.EAGAIN
	})
	switch {
	case err != nil:
		return 0, err
	case errno == syscall.EINTR:
		return p.Read(b)
	case errno != 0:
		return 0, &os.PathError{Op: "read", Path: p.f.Name(), Err: errno}
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}

// Write writes all of b, waiting in the poller while the pipe is full.
func (p *quietPipe) Write(b []byte) (int, error) {
	written := 0
	for written < len(b) {
		var n int
		var errno syscall.Errno
		err := p.rc.Write(func(fd uintptr) bool {
			rest := b[written:]
			r, _, e := syscall.RawSyscall(syscall.SYS_WRITE, fd, uintptr(unsafe.Pointer(&rest[0])), uintptr(len(rest)))
			n, errno = int(r), e
			return e != syscall.EAGAIN
		})
		switch {
		case err != nil:
			return written, err
		case errno == syscall.EINTR:
			continue
		case errno != 0:
			return written, &os.PathError{Op: "write", Path: p.f.Name(), Err: errno}
		}
		written += n
	}
	return written, nil
}

// pollable returns r as a quietPipe when it is a pipe, and r itself
// otherwise: a terminal or a file is left as it is, so that a shell never
// finds its terminal in non-blocking mode after a worker exits.
func pollable(r io.Reader) io.Reader {
	if f, ok := r.(*os.File); ok {
		if p, ok := newQuietPipe(f); ok {
			return p
		}
	}
	return r
}

// pollableWriter is pollable for a writer.
func pollableWriter(w io.Writer) io.Writer {
	if f, ok := w.(*os.File); ok {
		if p, ok := newQuietPipe(f); ok {
			return p
		}
	}
	return w
}
