// Package proc holds the process groups perflab starts, so that they end
// with perflab however it ends.
//
// A command or a Python worker runs in a process group of its own, which
// perflab kills when the run ends or is cancelled. A perflab that is killed
// with SIGKILL cannot: a parent-death signal (Pdeathsig) reaches only the
// direct child, never its children, and a child started in the background
// of a shell would run on. So perflab starts, once, a small holder: the
// perflab binary itself, re-executed with an environment variable that
// main checks before anything else. The two share a table of the groups
// perflab holds, a small file mapped into both, and a pipe whose only write
// end perflab holds and never writes. When perflab ends, however it ends,
// the kernel closes that end; the holder reads end of file, and ends every
// group left in the table: SIGTERM first, so that a Python worker removes
// its temporary folder, then SIGKILL to what is left after a grace.
//
// Holding a group is a store into the shared table: no system call, and no
// wake-up of the holder, so a command's time is not touched by it. (A pipe
// message per group, tried first, woke the holder on every run: with it, in
// one run of .ci/bench/exec-modes-vs-hyperfine.sh on the busy 2-core
// machine, the shell's measured start-up rose from 0.71 to 0.97 ms and
// exec's times from 1.00 to 1.03 of hyperfine -N's.)
//
// A process that calls setsid leaves its group, by design of the system:
// the holder does not follow it.
//
// The package also holds the rules by which lab 7's workers and the HTTP
// fleet's generators, children spawned over pipes, end: their parent
// kills a child's group when the run is cancelled or a grace runs out
// (KillOnCancel, KillGroup, AwaitOrKill), and a child stops what it is
// doing when its input from the parent ends (ServeInput).
package proc

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// envHolder is set in the holder's environment: a binary that enabled the
// holder (see Enable) serves as one when it finds it, in Main.
const envHolder = "PERFLAB_HOLDER"

// slots is how many groups the table holds at once: a run holds one a
// command (one at a time) and one a Python worker (at most 65), so a
// thousand is room to spare. A group that finds the table full is not held:
// it still ends with the run.
const slots = 1024

var (
	mu      sync.Mutex
	enabled bool
	started bool
	// table is the shared table of held groups, nil without a holder;
	// free lists its free slots.
	table []int32
	free  []int
	// alive is the write end of the pipe whose end the holder waits for.
	// It is kept here, never written, for the life of the process: were
	// it collected, its close would end the groups under a live perflab.
	alive *os.File
	// startErr is why the holder could not start, kept for Err.
	startErr error
)

// Main serves as the holder and exits if this process was started as one;
// it returns otherwise. A program calls it first thing in main (and a test
// binary in TestMain), before it parses anything.
func Main() {
	if os.Getenv(envHolder) != "1" {
		return
	}
	// The holder ends when perflab does, not on a signal meant for
	// perflab: a hangup or an interrupt of the terminal must leave it to
	// clean up after perflab.
	signal.Ignore(syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGPIPE)
	os.Exit(serve(os.Stdin, os.NewFile(3, "groups")))
}

// Enable says that this program's own binary serves as the holder (it calls
// Main first thing). Without it Hold keeps no table: a test binary that does
// not call Main must not be started again as a holder, which would run its
// tests instead.
func Enable() {
	mu.Lock()
	defer mu.Unlock()
	enabled = true
}

// Hold puts the process group pgid in the holder's table, starting the
// holder on first use, and returns the function that takes it out, which
// the caller calls once it has ended the group itself. Without a holder
// (not enabled, or it could not start: see Err) it does nothing.
func Hold(pgid int) (release func()) {
	mu.Lock()
	defer mu.Unlock()
	if !enabled {
		return func() {}
	}
	if !started {
		started = true
		startErr = startHolder()
	}
	if alive == nil || len(free) == 0 {
		return func() {}
	}
	i := free[len(free)-1]
	free = free[:len(free)-1]
	atomic.StoreInt32(&table[i], int32(pgid))
	return func() {
		mu.Lock()
		defer mu.Unlock()
		atomic.StoreInt32(&table[i], 0)
		free = append(free, i)
	}
}

// Err returns why the holder could not be started, if it could not: groups
// then end with the run, but not with a perflab killed by SIGKILL.
func Err() error {
	mu.Lock()
	defer mu.Unlock()
	return startErr
}

// startHolder makes the shared table and starts this binary again as the
// holder, with the table as its file 3 and the read end of the pipe as its
// standard input. The holder is in a process group of its own, so that a
// ctrl+c at the terminal, which reaches perflab's group, does not reach it:
// it must outlive perflab by the moment it takes to end the groups.
func startHolder() error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("the process-group holder: %w", err)
	}
	f, t, err := newTable()
	if err != nil {
		return fmt.Errorf("the process-group holder's table: %w", err)
	}
	defer f.Close()
	r, w, err := os.Pipe()
	if err != nil {
		return errors.Join(fmt.Errorf("the process-group holder: %w", err), unmap(t))
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), envHolder+"=1")
	cmd.Stdin = r
	cmd.Stderr = os.Stderr
	cmd.ExtraFiles = []*os.File{f}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	err = cmd.Start()
	if cerr := r.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return errors.Join(fmt.Errorf("the process-group holder: %w", err), w.Close(), unmap(t))
	}
	// Reap the holder when it exits, so that it does not linger as a
	// zombie.
	go func() { _ = cmd.Wait() }()
	table, alive = t, w
	free = make([]int, slots)
	for i := range free {
		free[i] = slots - 1 - i
	}
	return nil
}

// newTable makes the table: a file of slots int32s with no name, mapped
// shared, so that what this process stores the holder reads.
func newTable() (*os.File, []int32, error) {
	f, err := os.CreateTemp("", "perflab-groups-*")
	if err != nil {
		return nil, nil, err
	}
	// The file needs no name: it lives as long as a descriptor or a
	// mapping of it.
	err = errors.Join(os.Remove(f.Name()), f.Truncate(slots*4))
	if err != nil {
		return nil, nil, errors.Join(err, f.Close())
	}
	t, err := mapTable(f)
	if err != nil {
		return nil, nil, errors.Join(err, f.Close())
	}
	return f, t, nil
}

// mapTable maps the table in f, shared.
func mapTable(f *os.File) ([]int32, error) {
	b, err := syscall.Mmap(int(f.Fd()), 0, slots*4, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		return nil, err
	}
	return unsafe.Slice((*int32)(unsafe.Pointer(&b[0])), slots), nil
}

// unmap undoes mapTable.
func unmap(t []int32) error {
	return syscall.Munmap(unsafe.Slice((*byte)(unsafe.Pointer(&t[0])), slots*4))
}
