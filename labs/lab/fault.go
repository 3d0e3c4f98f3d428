package lab

import (
	"context"
	"errors"
	"sync"
)

// Faults are the faults a person may inject into a running workload, such
// as killing one of its worker processes: the TUI binds a key to each. The
// caller that starts a run makes one and puts it in the run's context with
// WithFaults; a strategy that can suffer a fault finds it in env.Ctx with
// FaultsFrom and registers what to do. A run without Faults offers none.
type Faults struct {
	mu   sync.Mutex
	kill []killer
}

// A killer is one strategy's way to kill a worker, and whether it can now.
type killer struct {
	kill  func() (string, error)
	ready func() bool
}

// ErrNoFault says the running workload offers no such fault.
var ErrNoFault = errors.New("this workload has no worker to kill")

// ErrNotReady says the workload has workers to kill, but none at work now.
var ErrNotReady = errors.New("no worker is at work now: a worker can be killed during its strategy's turn")

type faultsKey struct{}

// WithFaults returns ctx carrying f.
func WithFaults(ctx context.Context, f *Faults) context.Context {
	return context.WithValue(ctx, faultsKey{}, f)
}

// FaultsFrom returns the Faults in ctx, or nil.
func FaultsFrom(ctx context.Context) *Faults {
	f, _ := ctx.Value(faultsKey{}).(*Faults)
	return f
}

// OnKillWorker registers kill, which kills one worker and says which. A nil
// f registers nothing, so a strategy need not check for one.
func (f *Faults) OnKillWorker(kill func() (string, error)) {
	f.OnKillWorkerWhen(func() bool { return true }, kill)
}

// OnKillWorkerWhen registers kill as OnKillWorker does, offered only while
// ready reports that it can do what it says: while the strategy's workers
// are at work, say, and not between its turns.
func (f *Faults) OnKillWorkerWhen(ready func() bool, kill func() (string, error)) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.kill = append(f.kill, killer{kill: kill, ready: ready})
}

// CanKillWorker reports whether KillWorker would kill a worker now: a
// strategy registered a way to and is ready. It does not block, so a UI can
// ask it to decide whether to offer the key.
func (f *Faults) CanKillWorker() bool {
	if f == nil {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, k := range f.kill {
		if k.ready() {
			return true
		}
	}
	return false
}

// KillWorker kills one worker of the first strategy that registered a way
// to and is ready, and says what it did. It returns ErrNoFault if none
// registered. It may block for as long as a process takes to die and
// another to start: call it off a UI's update loop.
func (f *Faults) KillWorker() (string, error) {
	if f == nil {
		return "", ErrNoFault
	}
	f.mu.Lock()
	kills := append([]killer(nil), f.kill...)
	f.mu.Unlock()
	if len(kills) == 0 {
		return "", ErrNoFault
	}
	var first error
	for _, k := range kills {
		if !k.ready() {
			continue
		}
		what, err := k.kill()
		if err == nil {
			return what, nil
		}
		if first == nil {
			first = err
		}
	}
	if first == nil {
		return "", ErrNotReady
	}
	return "", first
}
