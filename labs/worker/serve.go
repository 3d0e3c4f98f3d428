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

// ServeStdio is the worker's loop over a pipe: it sends a hello, then reads
// task frames from r and answers each with a result frame on w, one task at
// a time. It returns nil when r ends cleanly (the coordinator went away or
// closed the pipe) or ctx is cancelled, and an error when a frame is
// malformed or a write fails.
func ServeStdio(ctx context.Context, r io.Reader, w io.Writer, name string) error {
	hello := Hello{Version: ProtocolVersion, PID: uint32(os.Getpid()), Worker: name}
	if err := WriteFrame(w, AppendHello(nil, hello)); err != nil {
		return fmt.Errorf("write hello: %w", err)
	}
	br := bufio.NewReader(r)
	var in, out []byte
	for {
		body, err := ReadFrame(br, in)
		if errors.Is(err, io.EOF) || ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read task: %w", err)
		}
		in = body
		t, err := DecodeTask(body)
		if err != nil {
			return err
		}
		start := time.Now()
		v, err := Do(ctx, t)
		res := Result{ID: t.ID, Value: v, ServiceNs: int64(time.Since(start)), Deliveries: 1}
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			res.Err = err.Error()
		}
		out = AppendResult(out[:0], res)
		if err := WriteFrame(w, out); err != nil {
			return fmt.Errorf("write result: %w", err)
		}
	}
}
