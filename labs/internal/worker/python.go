package worker

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"sync"

	"github.com/perflab/perflab/labs/internal/python"
)

// pyTasks is the Python module whose functions do the Python kinds' work.
//
//go:embed py_tasks.py
var pyTasks []byte

// A Runner does tasks of every kind: the Go kinds on the calling goroutine,
// as Do does, and the Python kinds in a CPython worker process it starts at
// the first such task and keeps for the next, so that a task pays for the
// interpreter's work and not for its start. A Runner is for one goroutine
// at a time, as a worker does one task at a time.
type Runner struct {
	// ctx bounds the Python process's life: cancelling it kills the
	// process, whichever task runs.
	ctx context.Context
	mu  sync.Mutex
	py  *python.Proc
}

// NewRunner returns a Runner whose Python process, once started, lives
// until Close or until ctx is cancelled.
func NewRunner(ctx context.Context) *Runner { return &Runner{ctx: ctx} }

// Do runs t and returns its value, as the package's Do does for the Go
// kinds.
func (r *Runner) Do(ctx context.Context, t Task) (uint64, error) {
	switch t.Kind {
	case PyPrimes:
		if err := checkPrimes(t); err != nil {
			return 0, err
		}
		return r.call(ctx, t, "count_primes", t.A, t.B)
	case PySleep:
		if err := checkSleep(t); err != nil {
			return 0, err
		}
		return r.call(ctx, t, "sleep", t.A)
	}
	return Do(ctx, t)
}

// call calls fn in the Python process, starting one if there is none.
// After a cancel or a crash the process is gone: the next task starts
// another.
func (r *Runner) call(ctx context.Context, t Task, fn string, args ...any) (uint64, error) {
	if err := r.Warm(); err != nil {
		return 0, fmt.Errorf("task %d: %w", t.ID, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.py == nil {
		return 0, fmt.Errorf("task %d: the Python process was closed", t.ID)
	}
	var v uint64
	_, err := r.py.Call(ctx, &v, fn, args...)
	var user *python.Error
	if err != nil && !errors.As(err, &user) {
		// Not an exception of the task's code: the process was killed
		// by the cancel or died, and cannot serve another task.
		err = errors.Join(err, r.py.Close())
		r.py = nil
	}
	if err != nil {
		return 0, fmt.Errorf("task %d: %w", t.ID, err)
	}
	return v, nil
}

// Warm starts the Python process now, if there is none, so that the first
// Python task does not pay for the interpreter's start.
func (r *Runner) Warm() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.py != nil {
		return nil
	}
	p, _, err := python.Start(r.ctx, python.Module{Name: "perflab_tasks", Source: pyTasks})
	if err != nil {
		return err
	}
	r.py = p
	return nil
}

// Close ends the Python process, if one was started.
func (r *Runner) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.py == nil {
		return nil
	}
	err := r.py.Close()
	r.py = nil
	return err
}
