package fleet

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	// Named apart from this file's proc type, a process of the fleet.
	procs "github.com/perflab/perflab/labs/internal/proc"
	"github.com/perflab/perflab/labs/internal/tail"
)

// A proc is a generator process started by this one: a copy of its own
// executable in a process group of its own, holding a pipe on each of its
// standard input and output.
//
// The pipes are the fleet's wire, rather than the NATS server lab 7 runs,
// because a local generator needs no server and the pipe is also its
// lifeline: when this process dies for any reason, the kernel closes its
// end of the generator's standard input, and the generator stops at once.
// A generator on another machine joins over NATS with a token instead, as
// lab 7's workers do (see remote).
type proc struct {
	id     string
	pid    int
	cmd    *exec.Cmd
	stdin  *os.File
	stdout *os.File
	rd     *bufio.Scanner
	stderr *tail.Buffer
	done   chan struct{}
	err    error
	killed sync.Once
}

// spawn starts a generator named name. Cancelling ctx kills its group.
func spawn(ctx context.Context, name string) (*proc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find this executable to run as a generator: %w", err)
	}
	cmd := exec.Command(exe, "worker")
	cmd.Env = append(os.Environ(), EnvGenerator+"="+name)
	// A group of its own, so that one kill reaches all of it, and a
	// terminal's Ctrl-C reaches only the coordinator, which then stops
	// its generators in order.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		return nil, errors.Join(err, inR.Close(), inW.Close())
	}
	p := &proc{id: name, cmd: cmd, stdin: inW, stdout: outR, rd: lineReader(outR, maxReport), stderr: &tail.Buffer{Max: 2048}, done: make(chan struct{})}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, p.stderr
	err = cmd.Start()
	// The child holds its own copies; ours would keep its input open
	// after we close inW, and its output open after it exits.
	errs := errors.Join(inR.Close(), outW.Close())
	if err != nil {
		return nil, errors.Join(fmt.Errorf("start generator %s: %w", name, err), errs, inW.Close(), outR.Close())
	}
	p.pid = cmd.Process.Pid
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	procs.KillOnCancel(ctx, p.done, p.killGroup)
	return p, errs
}

func (p *proc) name() string { return p.id }

func (p *proc) send(c command) error {
	if err := writeLine(p.stdin, c); err != nil {
		// A pipe that broke is most often a generator that exited
		// between two repetitions: its exit says why, once it is
		// reaped, which takes the kernel moments.
		t := time.NewTimer(reapWait)
		defer t.Stop()
		select {
		case <-p.done:
			err = exited(p.cmd.ProcessState, "exited between repetitions: "+err.Error())
		case <-t.C:
		}
		return p.describe(err)
	}
	return nil
}

// reapWait bounds how long a failed write waits for the generator's exit
// to learn why it failed.
const reapWait = time.Second

// recv reads the generator's next line within d.
func (p *proc) recv(d time.Duration) (report, error) {
	if err := p.stdout.SetReadDeadline(time.Now().Add(d)); err != nil {
		return report{}, p.describe(err)
	}
	if !p.rd.Scan() {
		err := p.rd.Err()
		switch {
		case errors.Is(err, os.ErrDeadlineExceeded):
			err = stalled(d, fmt.Sprintf("stalled: said nothing for %v", d))
		case err == nil:
			<-p.done
			err = exited(p.cmd.ProcessState, "exited mid-run")
		}
		return report{}, p.describe(err)
	}
	r, err := decodeReport(p.rd.Bytes())
	if err != nil {
		return report{}, p.describe(err)
	}
	return r, nil
}

func (p *proc) kill() { p.killGroup() }

// killGroup sends SIGKILL to the generator's process group, once, and only
// while it has not been reaped (its pid could be someone else's after).
func (p *proc) killGroup() {
	p.killed.Do(func() { procs.KillGroup(p.pid, p.done) })
}

// stop closes the generator's input, which it takes as the coordinator
// leaving, waits up to grace for it to exit, then kills its group. It
// returns once the process is reaped.
func (p *proc) stop(grace time.Duration) error {
	err := p.stdin.Close()
	procs.AwaitOrKill(p.done, grace, p.killGroup)
	return errors.Join(err, p.stdout.Close())
}

// describe adds the generator's name and last words to err, which stays
// inside it (errors.As finds a loss's cause).
func (p *proc) describe(err error) error {
	var more string
	select {
	case <-p.done:
		if p.err != nil {
			more += " (" + p.err.Error() + ")"
		}
	default:
	}
	if last := strings.TrimSpace(tail.LastLines(p.stderr.String(), 1)); last != "" {
		more += ": " + last
	}
	return fmt.Errorf("generator %s (pid %d): %w%s", p.id, p.pid, err, more)
}
