package worker

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/perflab/perflab/labs/internal/proc"
	"github.com/perflab/perflab/labs/internal/tail"
)

// A Proc is a worker process started by this process: a copy of its own
// executable, in a process group of its own, holding a pipe on each of its
// standard input and output.
//
// The process ends when its Proc is stopped, when the context it was
// spawned with is cancelled (the whole group is killed at once), and when
// this process dies for any reason: the worker sees its standard input end
// and exits.
type Proc struct {
	// PID is the worker's process id, and its process group's.
	PID    int
	Name   string
	cmd    *exec.Cmd
	stdin  *os.File // our end of the worker's standard input
	stdout *os.File // our end of the worker's standard output
	stderr *tail.Buffer
	done   chan struct{}
	err    error // how the process ended; read after done is closed
	killed sync.Once
}

// SpawnOptions say what kind of worker to start.
type SpawnOptions struct {
	// NATS, if set, starts a NATS worker pulling from this server's
	// queue; otherwise the worker talks frames over its pipes.
	NATS string
	// Stream is the run's stream a NATS worker serves.
	Stream string
	Name   string
	// Python makes a NATS worker start its Python process before it asks
	// for a task.
	Python bool
}

// Spawn starts a worker process. Cancelling ctx kills its process group.
func Spawn(ctx context.Context, o SpawnOptions) (*Proc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find this executable to run as a worker: %w", err)
	}
	mode, args := "stdio", []string{"worker", "--stdio"}
	if o.NATS != "" {
		// The environment carries the URL; the arguments only show
		// in a process list, where a token must not.
		mode, args = "nats", []string{"worker", "--nats", RedactURL(o.NATS), "--watch-stdin"}
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(workerEnv(os.Environ()), EnvMode+"="+mode, EnvName+"="+o.Name)
	if o.NATS == "" {
		// A stdio worker runs one task at a time on one goroutine, so one
		// processor is all it uses; with more, the runtime wakes idle
		// threads to look for work at every task, and the task hops from
		// thread to thread, each wake-up preempting another worker on a
		// busy machine. A NATS worker keeps the default: its client's
		// goroutines must run beside the task.
		cmd.Env = append(cmd.Env, "GOMAXPROCS=1")
	}
	if o.NATS != "" {
		cmd.Env = append(cmd.Env, EnvNATS+"="+o.NATS, EnvStream+"="+o.Stream)
		if o.Python {
			cmd.Env = append(cmd.Env, EnvPythonTasks+"=1")
		}
	}
	// A group of its own, so that one kill reaches anything the worker
	// starts, and a terminal's Ctrl-C reaches only the coordinator, which
	// then stops its workers in order.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// Temporary files in a folder of the worker's own, removed once it has
	// exited: a worker killed mid-task cannot remove what it and its
	// interpreter wrote there, and an interpreter killed as it starts,
	// before it can catch the signal, cannot either. The folder's name
	// holds this process's pid: if this process is killed before it can
	// remove the folder, the next run to spawn a worker sees its owner
	// gone and removes it (see RemoveStale).
	sweepWorkerTemps()
	tmp, err := os.MkdirTemp("", tempPrefix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return nil, fmt.Errorf("start worker: %w", err)
	}
	cmd.Env = append(cmd.Env, "TMPDIR="+tmp)

	// Pipes made here rather than by exec, so that Wait does not close our
	// ends while a reader is still draining the last result.
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, errors.Join(err, os.RemoveAll(tmp))
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, errors.Join(err, os.RemoveAll(tmp))
	}
	p := &Proc{Name: o.Name, cmd: cmd, stdin: inW, stdout: outR, stderr: &tail.Buffer{Max: 2048}, done: make(chan struct{})}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, p.stderr
	err = cmd.Start()
	inR.Close()
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return nil, errors.Join(fmt.Errorf("start worker: %w", err), os.RemoveAll(tmp))
	}
	p.PID = cmd.Process.Pid
	go func() {
		p.err = cmd.Wait()
		// Best effort: what cannot be removed is in the system's
		// temporary folder, which it cleans in time.
		_ = os.RemoveAll(tmp)
		close(p.done)
	}()
	proc.KillOnCancel(ctx, p.done, p.Kill)
	return p, nil
}

// workerEnv returns env without the variables that choose a worker's mode,
// so that a setting in the person's shell cannot change what is spawned.
func workerEnv(env []string) []string {
	out := make([]string, 0, len(env)+3)
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if k == EnvMode || k == EnvName || k == EnvNATS || k == EnvStream || k == EnvPythonTasks {
			continue
		}
		out = append(out, kv)
	}
	return out
}

// tempPrefix begins the name of the temporary folder of a spawned worker.
const tempPrefix = "perflab-worker-"

// Done is closed when the process has exited, been reaped, and its
// temporary folder removed.
func (p *Proc) Done() <-chan struct{} { return p.done }

// Kill sends SIGKILL to the worker's process group. It is safe to call more
// than once and after the worker has exited.
func (p *Proc) Kill() {
	p.killed.Do(func() { proc.KillGroup(p.PID, p.done) })
}

// Stop ends the worker: it closes its standard input, which a worker takes
// as the coordinator leaving, waits up to grace for it to exit, then kills
// its group. It returns once the process is reaped, with an error only if
// the worker failed on its own.
func (p *Proc) Stop(grace time.Duration) error {
	p.stdin.Close()
	killed := proc.AwaitOrKill(p.done, grace, p.Kill)
	p.stdout.Close()
	if killed {
		return nil
	}
	return p.exitError()
}

// exitError describes how the worker ended, with the end of what it wrote
// on standard error; nil for a clean exit.
func (p *Proc) exitError() error {
	if p.err == nil {
		return nil
	}
	var ee *exec.ExitError
	if errors.As(p.err, &ee) && !ee.Exited() {
		// Killed by a signal: ours, or a person's; not the worker's fault.
		return nil
	}
	return p.describe(p.err)
}

// describe adds the worker's identity and last words to err.
func (p *Proc) describe(err error) error {
	msg := fmt.Sprintf("worker %s (pid %d): %v", p.Name, p.PID, err)
	if last := strings.TrimSpace(p.stderr.String()); last != "" {
		msg += ": " + lastLine(last)
	}
	return errors.New(msg)
}

func lastLine(s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
