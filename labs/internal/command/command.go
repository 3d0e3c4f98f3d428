// Package command runs a person's commands for timing: one process at a
// time, in a process group of its own so that a cancel stops everything it
// started, with its resource usage read from wait4.
package command

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/perflab/perflab/labs/internal/proc"
	"github.com/perflab/perflab/measure/regular"
)

// A failed command's error keeps the last tailLines lines of its standard
// error, read from its last tailBytes: enough to say why, short enough for
// one message.
const (
	tailLines = 3
	tailBytes = 1024
)

// A Command is one program ready to be started again and again.
type Command struct {
	// Text is the command as the person typed it, for messages.
	Text string
	// Path is the executable, resolved once, and Args its argv (Args[0]
	// included).
	Path string
	Args []string
	// Shell says that Args are sh -c and the command's text: every run
	// pays the shell's start-up beside the command's own time.
	Shell bool
	// Input, if set, is a file whose content is every run's standard input;
	// without it standard input is empty.
	Input string
	// Show sends the command's output to perflab's own standard output and
	// error instead of discarding it.
	Show bool
}

// A Usage is what one run of a command cost, as wait4 reports it.
type Usage struct {
	Wall   time.Duration
	User   time.Duration
	System time.Duration
	// MaxRSS is the peak resident set size, in bytes.
	MaxRSS int64
	// Exit is the exit status, or -1 when a signal ended the process.
	Exit int
}

// A Runner starts one command at a time. It keeps open the files every run
// shares, so that a run opens nothing and starts no goroutine besides the
// process itself. A Runner is not safe for concurrent use.
type Runner struct {
	cmd    Command
	stdin  *os.File
	stdout *os.File
	// stderr is perflab's own with Show; otherwise each run writes its
	// standard error to a pipe of its own, errs the last run's.
	stderr  *os.File
	scratch bool
	errs    *errPipe
	// attr is every run's, built once so that a run allocates less.
	attr *os.ProcAttr
}

// NewRunner opens what the command's runs share. Close releases it.
func NewRunner(c Command) (*Runner, error) {
	r := &Runner{cmd: c}
	var err error
	if c.Input == "" {
		r.stdin, err = os.Open(os.DevNull)
	} else {
		// Only a regular file, bounded: it is read again from its start
		// every run, which a FIFO or a device cannot be.
		r.stdin, err = regular.Open(c.Input, regular.BodyLimit)
	}
	if err != nil {
		return nil, fmt.Errorf("standard input: %w", err)
	}
	if c.Show {
		r.stdout, r.stderr = os.Stdout, os.Stderr
		r.setAttr()
		return r, nil
	}
	if r.stdout, err = os.OpenFile(os.DevNull, os.O_WRONLY, 0); err != nil {
		return nil, errors.Join(err, r.Close())
	}
	r.scratch = true
	r.setAttr()
	return r, nil
}

// setAttr builds what every run starts with. A process group of its own
// lets a cancel reach what the command started too: the shell's children,
// a pipeline's stages.
func (r *Runner) setAttr() {
	r.attr = &os.ProcAttr{
		Files: []*os.File{r.stdin, r.stdout, r.stderr},
		Sys:   &syscall.SysProcAttr{Setpgid: true},
	}
}

// Run starts the command, waits for it and returns what it cost. A
// non-zero exit is an error that ends with the tail of its standard error.
// Cancelling ctx kills the command's whole process group; so does its end,
// so that nothing it left in the background outlives the run.
func (r *Runner) Run(ctx context.Context) (Usage, error) {
	if err := r.rewind(); err != nil {
		return Usage{}, err
	}
	t0 := time.Now()
	p, err := os.StartProcess(r.cmd.Path, r.cmd.Args, r.attr)
	if r.errs != nil {
		r.errs.closeWrite()
		r.attr.Files[2] = nil
	}
	if err != nil {
		return Usage{}, fmt.Errorf("%s: %w", r.cmd.Text, err)
	}
	release := proc.Hold(p.Pid)
	stop := context.AfterFunc(ctx, func() { _ = syscall.Kill(-p.Pid, syscall.SIGKILL) })
	ps, err := p.Wait()
	wall := time.Since(t0)
	stop()
	// The group outlives its leader while anything the command left in
	// the background runs: end it too.
	_ = syscall.Kill(-p.Pid, syscall.SIGKILL)
	release()
	if err != nil {
		return Usage{}, fmt.Errorf("%s: %w", r.cmd.Text, err)
	}
	u := usageOf(ps, wall)
	if ctx.Err() != nil {
		return u, ctx.Err()
	}
	if !ps.Success() {
		return u, r.failure(ps)
	}
	return u, nil
}

// rewind readies the shared files for a run: standard input from its
// start, and a pipe of its own for its standard error, once the last run's
// reader is done.
func (r *Runner) rewind() error {
	if r.cmd.Input != "" {
		if _, err := r.stdin.Seek(0, io.SeekStart); err != nil {
			return err
		}
	}
	if !r.scratch {
		return nil
	}
	if r.errs != nil {
		r.errs.finish()
	}
	e, err := newErrPipe()
	if err != nil {
		return fmt.Errorf("standard error: %w", err)
	}
	r.errs, r.attr.Files[2] = e, e.w
	return nil
}

func usageOf(ps *os.ProcessState, wall time.Duration) Usage {
	u := Usage{Wall: wall, User: ps.UserTime(), System: ps.SystemTime(), Exit: ps.ExitCode()}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		// Linux reports ru_maxrss in kilobytes.
		u.MaxRSS = ru.Maxrss * 1024
	}
	return u
}

// An ExitError is a run that started but did not exit 0.
type ExitError struct {
	// Msg names the command and its exit status, and ends with the tail
	// of its standard error.
	Msg string
}

func (e *ExitError) Error() string { return e.Msg }

// failure describes a run that did not exit 0, with the last line or so of
// what it wrote to standard error.
func (r *Runner) failure(ps *os.ProcessState) error {
	msg := fmt.Sprintf("%s: %s", r.cmd.Text, ps)
	if tail := r.tail(); tail != "" {
		msg += ": " + tail
	}
	return &ExitError{Msg: msg}
}

// tail returns the end of the last run's standard error on one line,
// saying so when what it wrote was longer than what was kept.
func (r *Runner) tail() string {
	if !r.scratch || r.errs == nil {
		return ""
	}
	r.errs.finish()
	kept := r.errs.kept.String()
	cut := int64(len(kept)) < r.errs.total
	if len(kept) > tailBytes {
		kept, cut = kept[len(kept)-tailBytes:], true
	}
	lines := strings.Split(strings.TrimSpace(kept), "\n")
	if cut && len(lines) > 1 {
		lines = lines[1:] // the first line read may be cut
	}
	if len(lines) > tailLines {
		lines = lines[len(lines)-tailLines:]
	}
	return strings.Join(lines, " / ")
}

// Close releases the files the runs shared.
func (r *Runner) Close() error {
	var errs []error
	if r.stdin != nil {
		errs = append(errs, r.stdin.Close())
	}
	if !r.cmd.Show && r.stdout != nil {
		errs = append(errs, r.stdout.Close())
	}
	if r.errs != nil {
		r.errs.finish()
	}
	return errors.Join(errs...)
}
