// Package proc holds the process groups perflab starts, so that they end
// with perflab however it ends.
//
// A command or a Python worker runs in a process group of its own, which
// perflab kills when the run ends or is cancelled. A perflab that is killed
// with SIGKILL cannot: a parent-death signal (Pdeathsig) reaches only the
// direct child, never its children, and a child started in the background
// of a shell would run on. So perflab starts, once, a small holder: the
// perflab binary itself, re-executed with an environment variable that
// main checks before anything else. perflab tells the holder each group it
// starts and each it has ended, over a pipe whose only write end perflab
// holds. When perflab ends, however it ends, the kernel closes that end;
// the holder reads end of file and ends every group still on its list:
// SIGTERM first, so that a Python worker removes its temporary folder, then
// SIGKILL to what is left after a grace.
//
// The holder costs a process for perflab's whole life and one short write
// to a pipe when a group starts and when it ends; nothing is added between
// a command's start and its exit but that one write, which the command does
// not wait for.
//
// A process that calls setsid leaves its group, by design of the system:
// the holder does not follow it.
package proc

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
)

// envHolder is set in the holder's environment: a binary that enabled the
// holder (see Enable) serves as one when it finds it, in Main.
const envHolder = "PERFLAB_HOLDER"

var (
	mu      sync.Mutex
	enabled bool
	started bool
	// toHolder is the write end of the holder's pipe; nil without a
	// holder.
	toHolder *os.File
	// startErr is why the holder could not start, kept for Err.
	startErr error
	line     []byte
)

// Main serves as the holder and exits if this process was started as one;
// it returns otherwise. A program calls it first thing in main (and a test
// binary in TestMain), before it parses anything.
func Main() {
	if os.Getenv(envHolder) != "1" {
		return
	}
	// The holder ends when its orders end, not on a signal meant for
	// perflab: a hangup or an interrupt of the terminal must leave it to
	// clean up after perflab.
	signal.Ignore(syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGPIPE)
	os.Exit(serve(os.Stdin))
}

// Enable says that this program's own binary serves as the holder (it calls
// Main first thing). Without it Hold keeps no list: a test binary that does
// not call Main must not be started again as a holder, which would run its
// tests instead.
func Enable() {
	mu.Lock()
	defer mu.Unlock()
	enabled = true
}

// Hold puts the process group pgid on the holder's list, starting the
// holder on first use, and returns the function that takes it off, which
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
		toHolder, startErr = startHolder()
	}
	if toHolder == nil {
		return func() {}
	}
	send('+', pgid)
	return func() {
		mu.Lock()
		defer mu.Unlock()
		send('-', pgid)
	}
}

// Err returns why the holder could not be started, if it could not: groups
// then end with the run, but not with a perflab killed by SIGKILL.
func Err() error {
	mu.Lock()
	defer mu.Unlock()
	return startErr
}

// send writes one order to the holder; mu is held. A failed write means
// the holder is gone: there is nothing better to do than to go on without
// it, since the groups still end with the run.
func send(op byte, pgid int) {
	line = append(strconv.AppendInt(append(line[:0], op), int64(pgid), 10), '\n')
	if _, err := toHolder.Write(line); err != nil {
		startErr = fmt.Errorf("the process-group holder stopped: %w", err)
		_ = toHolder.Close()
		toHolder = nil
	}
}

// startHolder starts this binary again as the holder, reading the pipe
// whose write end it returns. The holder is in a process group of its own,
// so that a ctrl+c at the terminal, which reaches perflab's group, does not
// reach it: it must outlive perflab by the moment it takes to end the
// groups.
func startHolder() (*os.File, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("the process-group holder: %w", err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("the process-group holder: %w", err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), envHolder+"=1")
	cmd.Stdin = r
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	err = cmd.Start()
	if cerr := r.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("the process-group holder: %w", err), w.Close())
	}
	// Reap the holder when it exits (it does when this process ends,
	// or when the pipe breaks), so that it does not linger as a zombie.
	go func() { _ = cmd.Wait() }()
	return w, nil
}
