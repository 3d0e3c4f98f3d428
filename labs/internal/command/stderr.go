package command

import (
	"io"
	"os"
	"time"

	"github.com/perflab/perflab/labs/internal/tail"
)

// keptBytes bounds what is kept of one run's standard error: the end of it,
// from which a failure's tail is read. A command that writes 300 MB costs
// perflab this much memory, not a 300 MB file.
const keptBytes = 64 << 10

// drainWait bounds how long perflab waits, once a run's group is ended, for
// the last of its standard error: a process that left the group (setsid)
// and kept the pipe open must not hold the race.
const drainWait = time.Second

// An errPipe is one run's standard error: a pipe whose reader keeps the end
// of what the command writes. Only a failure waits for the reader to be
// done; a run that succeeded leaves it to finish by the next run's start,
// by which time it long has, so that no run waits on it.
type errPipe struct {
	r, w *os.File
	kept *tail.Buffer
	// total is how many bytes were written, set when done is closed.
	total int64
	done  chan struct{}
}

// newErrPipe makes the pipe and starts its reader.
func newErrPipe() (*errPipe, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	e := &errPipe{r: r, w: w, kept: &tail.Buffer{Max: keptBytes}, done: make(chan struct{})}
	go func() {
		defer close(e.done)
		e.total, _ = io.Copy(e.kept, r)
	}()
	return e, nil
}

// closeWrite closes this process's copy of the write end, once the command
// has its own: the reader then reads to the end when the command's group is
// done with it.
func (e *errPipe) closeWrite() {
	if e.w != nil {
		_ = e.w.Close()
		e.w = nil
	}
}

// finish waits for the reader to have read everything, or drainWait, after
// which it ends the read where it is: what was read is kept.
func (e *errPipe) finish() {
	e.closeWrite()
	t := time.NewTimer(drainWait)
	defer t.Stop()
	select {
	case <-e.done:
	case <-t.C:
		_ = e.r.Close()
		<-e.done
	}
	_ = e.r.Close()
}
