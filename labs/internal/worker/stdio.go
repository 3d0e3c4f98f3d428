package worker

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// HelloTimeout bounds how long a spawned worker may take to say it is ready.
const HelloTimeout = 10 * time.Second

// A Stdio is the coordinator's side of one stdio worker process: it sends
// tasks as frames down the worker's standard input and reads results from
// its standard output. One goroutine at a time may call Do.
//
// Do reads the result on the calling goroutine, with no reader goroutine in
// between: a hand-off per task would wake a second thread, and on a machine
// whose cores the workers keep busy that thread takes its time slice from a
// worker.
type Stdio struct {
	*Proc
	br *bufio.Reader
	// tasks writes to the worker's standard input; br reads its output.
	// Both go through quietPipe, so that a task's round trip does not
	// wake this process's runtime monitor, which would preempt a worker.
	tasks io.Writer
	// broken says why the stream can no longer be trusted: a read was
	// cut short, so the next byte may be the middle of a frame.
	broken  error
	in, out []byte
}

// StartStdio spawns a stdio worker and waits for its hello. Cancelling ctx
// kills it.
func StartStdio(ctx context.Context, name string) (*Stdio, error) {
	p, err := Spawn(ctx, SpawnOptions{Name: name})
	if err != nil {
		return nil, err
	}
	w, err := newStdio(ctx, p)
	if err != nil {
		p.Kill()
		_ = p.Stop(0)
		return nil, err
	}
	return w, nil
}

// newStdio wraps the pipes of p, a worker just spawned, and reads its hello.
func newStdio(ctx context.Context, p *Proc) (*Stdio, error) {
	in, err := quietFile(p.stdin)
	if err != nil {
		return nil, err
	}
	out, err := quietFile(p.stdout)
	if err != nil {
		return nil, err
	}
	w := &Stdio{Proc: p, br: bufio.NewReader(out), tasks: in}
	return w, w.hello(ctx)
}

// hello reads the worker's hello within HelloTimeout.
func (w *Stdio) hello(ctx context.Context) error {
	if err := w.stdout.SetReadDeadline(time.Now().Add(HelloTimeout)); err != nil {
		return err
	}
	body, err := w.read(ctx)
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return fmt.Errorf("worker %s (pid %d) sent no hello within %v", w.Name, w.PID, HelloTimeout)
		}
		return w.dead(fmt.Errorf("no hello: %w", err))
	}
	h, err := DecodeHello(body)
	if err == nil && h.Version != ProtocolVersion {
		err = fmt.Errorf("worker speaks protocol %d, want %d", h.Version, ProtocolVersion)
	}
	if err != nil {
		return w.describe(err)
	}
	return w.stdout.SetReadDeadline(time.Time{})
}

// read reads one frame, giving up when ctx is cancelled.
func (w *Stdio) read(ctx context.Context) ([]byte, error) {
	// A pipe's read can be cut short by a deadline: that is how a
	// cancel reaches a goroutine blocked here.
	stop := context.AfterFunc(ctx, func() { _ = w.stdout.SetReadDeadline(time.Now()) })
	body, err := ReadFrame(w.br, w.in)
	if !stop() {
		// The deadline is set, or about to be: this stream is done.
		w.broken = ctx.Err()
		if err != nil {
			return nil, ctx.Err()
		}
	}
	if err != nil {
		w.broken = err
		return nil, err
	}
	w.in = body
	return body, nil
}

// dead turns a failed read into the reason the worker went away: its exit
// status and last words when it has exited, the read error otherwise.
func (w *Stdio) dead(err error) error {
	select {
	case <-w.done:
		if w.err != nil {
			return w.describe(w.err)
		}
		return w.describe(errors.New("exited"))
	case <-time.After(500 * time.Millisecond):
		// Still running after a bad read: the protocol broke, not the
		// process.
		return w.describe(err)
	}
}

// Do sends t and waits for its result. It returns ctx's error when ctx is
// cancelled, after which the worker takes no more tasks, and an error naming
// the worker when it has died.
func (w *Stdio) Do(ctx context.Context, t Task) (Result, error) {
	// A cancel also kills the worker (see Spawn), so whatever fails
	// after it, a write to the dead worker's pipe or a read of its end,
	// is the cancel's doing: it is reported as the cancel, not as a death.
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if w.broken != nil {
		return Result{}, w.describe(fmt.Errorf("no more tasks after an interrupted one: %w", w.broken))
	}
	w.out = AppendTask(w.out[:0], t)
	if err := WriteFrame(w.tasks, w.out); err != nil {
		if ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		return Result{}, w.dead(fmt.Errorf("send task: %w", err))
	}
	body, err := w.read(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		return Result{}, w.dead(fmt.Errorf("read result: %w", err))
	}
	r, err := DecodeResult(body)
	if err != nil {
		w.broken = err
		return Result{}, w.describe(err)
	}
	if r.ID != t.ID {
		w.broken = fmt.Errorf("result for task %d, want %d", r.ID, t.ID)
		return Result{}, w.describe(w.broken)
	}
	if r.Err != "" {
		return r, errors.New(r.Err)
	}
	return r, nil
}
