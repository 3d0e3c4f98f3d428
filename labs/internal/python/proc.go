package python

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/perflab/perflab/labs/internal/proc"
	"github.com/perflab/perflab/labs/internal/tail"
)

// workerSource is the worker program, written next to the module it runs
// when a worker starts.
//
//go:embed worker.py
var workerSource []byte

// A Module is a Python file of strategies: the source of a lab's embedded
// file, or the path of a person's own.
type Module struct {
	// Name is the module's import name ("membership").
	Name string
	// Source, if set, is the module's text, written to a temporary folder
	// for the worker to import; otherwise Path names the file.
	Source []byte
	Path   string
}

// A Proc is one worker process and the conversation with it. Calls do not
// overlap: one order at a time, each answered before the next is given.
type Proc struct {
	in     Interpreter
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *tail.Buffer
	dir    string
	done   chan struct{}
	once   sync.Once
	// release takes the worker's group off the holder's list (see
	// labs/internal/proc) once Close has ended it.
	release func()
}

// Start starts a worker in the interpreter Find returns and loads m into
// it. Cancelling ctx kills the worker and every process it started.
func Start(ctx context.Context, m Module) (*Proc, *Loaded, error) {
	in, err := Find()
	if err != nil {
		return nil, nil, err
	}
	p, err := spawn(ctx, in)
	if err != nil {
		return nil, nil, err
	}
	path := m.Path
	if m.Source != nil {
		path = filepath.Join(p.dir, m.Name+".py")
		if err := os.WriteFile(path, m.Source, 0o600); err != nil {
			return nil, nil, errors.Join(err, p.Close())
		}
	}
	var ld Loaded
	if err := p.call(ctx, map[string]any{"cmd": "load", "path": path, "name": m.Name}, &ld); err != nil {
		return nil, nil, errors.Join(err, p.Close())
	}
	return p, &ld, nil
}

// Loaded is what a worker found in a module.
type Loaded struct {
	// Strategies are the module's bench_* names in file order.
	Strategies []string `json:"strategies"`
	// Params are the module's PARAMS, in order.
	Params []DeclaredParam `json:"params"`
	// Docs are the first lines of the strategies' docstrings.
	Docs map[string]string `json:"docs"`
}

// A DeclaredParam is one entry of a module's PARAMS: its name, its kind
// ("int", "float", "bool", "text") and its default as a person types it.
type DeclaredParam struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Default string `json:"default"`
}

// tempPrefix begins the name of a worker's temporary folder, which goes on
// with the pid of the perflab that made it and a dash, so that the next
// perflab can tell a folder whose perflab is gone.
const tempPrefix = "perflab-python-"

// sweepTemps removes, once a process, the folders of workers whose perflab
// was killed before it or they could remove them. A worker removes its own
// folder when it ends, even on the SIGTERM perflab's holder sends when
// perflab dies (see labs/internal/proc), but not when it is killed outright
// (the holder's SIGKILL after its grace, a holder killed too).
var sweepTemps = sync.OnceFunc(func() { proc.RemoveStale(os.TempDir(), tempPrefix) })

func spawn(ctx context.Context, in Interpreter) (*Proc, error) {
	sweepTemps()
	dir, err := os.MkdirTemp("", tempPrefix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return nil, err
	}
	script := filepath.Join(dir, "perflab_worker.py")
	if err := os.WriteFile(script, workerSource, 0o600); err != nil {
		return nil, errors.Join(err, os.RemoveAll(dir))
	}
	// -u: no buffering of standard error, so that a dying worker's last
	// words are not lost. -B: no __pycache__ beside a person's file.
	cmd := exec.Command(in.Path, "-u", "-B", script)
	cmd.SysProcAttr = procAttr()
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	if _, set := os.LookupEnv("PYTHONHASHSEED"); !set {
		// One hash seed for every worker, so that strategies compared
		// side by side hash their strings alike: with a seed of its own,
		// each process would lay out its dicts and sets differently.
		cmd.Env = append(cmd.Env, "PYTHONHASHSEED=0")
	}
	p := &Proc{in: in, cmd: cmd, stderr: &tail.Buffer{Max: 4096}, dir: dir, done: make(chan struct{})}
	cmd.Stderr = p.stderr
	stdin, err1 := cmd.StdinPipe()
	stdout, err2 := cmd.StdoutPipe()
	if err := errors.Join(err1, err2); err != nil {
		return nil, errors.Join(err, os.RemoveAll(dir))
	}
	if err := cmd.Start(); err != nil {
		return nil, errors.Join(fmt.Errorf("start python %s: %w", in.Path, err), os.RemoveAll(dir))
	}
	p.stdin, p.stdout = stdin, bufio.NewReaderSize(stdout, 1<<16)
	p.release = proc.Hold(cmd.Process.Pid)
	proc.KillOnCancel(ctx, p.done, p.kill)
	return p, nil
}

// call gives the worker one order and decodes its reply into out. A
// failure of the code under test is an *Error; a cancel kills the worker.
func (p *Proc) call(ctx context.Context, order map[string]any, out any) error {
	b, err := json.Marshal(order)
	if err != nil {
		return err
	}
	type reply struct {
		line []byte
		err  error
	}
	got := make(chan reply, 1)
	go func() {
		if _, err := p.stdin.Write(append(b, '\n')); err != nil {
			got <- reply{err: err}
			return
		}
		line, err := p.stdout.ReadBytes('\n')
		got <- reply{line, err}
	}()
	var r reply
	select {
	case r = <-got:
	case <-ctx.Done():
		// The worker may be deep in a strategy that never looks up:
		// only a kill stops it. The reader then sees the pipe end.
		p.kill()
		<-got
		return ctx.Err()
	}
	if r.err != nil {
		return p.died(r.err)
	}
	var e struct {
		Error     *string `json:"error"`
		Traceback string  `json:"traceback"`
	}
	if err := json.Unmarshal(r.line, &e); err != nil {
		return fmt.Errorf("python worker: bad reply %.80q: %v", r.line, err)
	}
	if e.Error != nil {
		return &Error{Message: *e.Error, Traceback: e.Traceback}
	}
	return json.Unmarshal(r.line, out)
}

// died describes a worker that stopped answering, with what it last wrote
// on standard error.
func (p *Proc) died(err error) error {
	msg := fmt.Sprintf("python worker (%s) stopped: %v", p.in, err)
	if t := strings.TrimSpace(p.stderr.String()); t != "" {
		msg += "\n" + tail.LastLines(t, 6)
	}
	return errors.New(msg)
}

// kill ends the worker's process group at once.
func (p *Proc) kill() {
	if p.cmd.Process != nil {
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	}
}

// Close ends the worker: it closes its standard input, which the worker
// takes as the end, waits a moment for it to exit, then kills its group,
// which also reaches any process the strategy left behind. It removes the
// worker's folder.
func (p *Proc) Close() error {
	var err error
	p.once.Do(func() {
		p.stdin.Close()
		exited := make(chan error, 1)
		go func() { exited <- p.cmd.Wait() }()
		select {
		case <-exited:
			// The group outlives its leader while anything the strategy
			// started still runs: the kill below reaches those.
			p.kill()
		case <-time.After(2 * time.Second):
			p.kill()
			<-exited
		}
		p.release()
		close(p.done)
		err = os.RemoveAll(p.dir)
	})
	return err
}

// Stderr returns the end of what the worker wrote on standard error: the
// output of the code under test.
func (p *Proc) Stderr() string { return p.stderr.String() }

// An Error is an exception raised by the code under test.
type Error struct {
	// Message is the exception in one line: "ZeroDivisionError: division by zero".
	Message string
	// Traceback is the traceback's last lines.
	Traceback string
}

func (e *Error) Error() string {
	if e.Traceback == "" {
		return e.Message
	}
	return e.Message + "\n" + indent(tail.LastLines(e.Traceback, 6))
}

func indent(s string) string { return "    " + strings.ReplaceAll(s, "\n", "\n    ") }
