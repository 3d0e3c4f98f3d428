package worker

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/perflab/perflab/labs/internal/proc"
)

// ServeStdio is the worker's loop over a pipe: it sends a hello, then reads
// task frames from r and answers each with a result frame on w, one task at
// a time. It returns nil when r ends (the coordinator went away or closed the
// pipe) or ctx is cancelled, and an error when a frame is malformed or a
// write fails. The end of r is seen even in the middle of a task, which is
// then abandoned: nobody is left to read its result.
func ServeStdio(ctx context.Context, r io.Reader, w io.Writer, name string) error {
	hello := Hello{Version: ProtocolVersion, PID: uint32(os.Getpid()), Worker: name}
	if err := WriteFrame(w, AppendHello(nil, hello)); err != nil {
		return fmt.Errorf("write hello: %w", err)
	}
	read := func(ctx context.Context, tasks chan<- Task) error { return readTasks(ctx, r, tasks) }
	var out []byte
	answer := func(ctx context.Context, t Task) error {
		start := time.Now()
		v, err := Do(ctx, t)
		res := Result{ID: t.ID, Value: v, ServiceNs: int64(time.Since(start)), Deliveries: 1}
		if err != nil {
			if ctx.Err() != nil {
				return nil // cut short by the end of r: ServeInput returns
			}
			res.Err = err.Error()
		}
		out = AppendResult(out[:0], res)
		if err := WriteFrame(w, out); err != nil {
			return fmt.Errorf("write result: %w", err)
		}
		return nil
	}
	return proc.ServeInput(ctx, read, answer)
}

// readTasks decodes task frames from r onto tasks until r ends (nil), a
// frame is malformed (an error) or ctx is cancelled.
func readTasks(ctx context.Context, r io.Reader, tasks chan<- Task) error {
	br := bufio.NewReader(r)
	var buf []byte
	for {
		body, err := ReadFrame(br, buf)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read task: %w", err)
		}
		buf = body
		t, err := DecodeTask(body)
		if err != nil {
			return err
		}
		select {
		case tasks <- t:
		case <-ctx.Done():
			return nil
		}
	}
}
