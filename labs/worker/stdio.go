package worker

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"time"
)

// HelloTimeout bounds how long a spawned worker may take to say it is ready.
const HelloTimeout = 10 * time.Second

// A Stdio is the coordinator's side of one stdio worker process: it sends
// tasks as frames down the worker's standard input and reads results from
// its standard output. One goroutine at a time may call Do.
type Stdio struct {
	*Proc
	results chan Result
	// readErr says why the result stream ended; read after results is
	// closed.
	readErr error
	buf     []byte
}

// StartStdio spawns a stdio worker and waits for its hello. Cancelling ctx
// kills it.
func StartStdio(ctx context.Context, name string) (*Stdio, error) {
	p, err := Spawn(ctx, SpawnOptions{Name: name})
	if err != nil {
		return nil, err
	}
	w := &Stdio{Proc: p, results: make(chan Result, 1)}
	hello := make(chan error, 1)
	go w.read(hello)
	t := time.NewTimer(HelloTimeout)
	defer t.Stop()
	select {
	case err = <-hello:
	case <-t.C:
		err = fmt.Errorf("worker %s (pid %d) sent no hello within %v", name, p.PID, HelloTimeout)
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		p.Kill()
		_ = p.Stop(0)
		return nil, err
	}
	return w, nil
}

// read checks the worker's hello, then passes every result it sends to
// w.results until the stream ends.
func (w *Stdio) read(hello chan<- error) {
	defer close(w.results)
	br := bufio.NewReader(w.stdout)
	body, err := ReadFrame(br, nil)
	if err == nil {
		var h Hello
		if h, err = DecodeHello(body); err == nil && h.Version != ProtocolVersion {
			err = fmt.Errorf("worker speaks protocol %d, want %d", h.Version, ProtocolVersion)
		}
	}
	if err != nil {
		hello <- w.dead(fmt.Errorf("no hello: %w", err))
		return
	}
	hello <- nil
	var buf []byte
	for {
		body, err := ReadFrame(br, buf)
		if err != nil {
			w.readErr = err
			return
		}
		buf = body
		r, err := DecodeResult(body)
		if err != nil {
			w.readErr = err
			return
		}
		w.results <- r
	}
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

// Do sends t and waits for its result. A result for another task, left over
// from a cancelled call, is dropped. It returns ctx's error when ctx is
// cancelled, and an error naming the worker when it has died.
func (w *Stdio) Do(ctx context.Context, t Task) (Result, error) {
	w.buf = AppendTask(w.buf[:0], t)
	if err := WriteFrame(w.stdin, w.buf); err != nil {
		return Result{}, w.dead(fmt.Errorf("send task: %w", err))
	}
	for {
		select {
		case r, ok := <-w.results:
			if !ok {
				return Result{}, w.dead(fmt.Errorf("read result: %w", w.readErr))
			}
			if r.ID != t.ID {
				continue
			}
			if r.Err != "" {
				return r, errors.New(r.Err)
			}
			return r, nil
		case <-ctx.Done():
			return Result{}, ctx.Err()
		}
	}
}
