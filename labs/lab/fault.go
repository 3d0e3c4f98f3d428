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
	kill []func() (string, error)
}

// ErrNoFault says the running workload offers no such fault.
var ErrNoFault = errors.New("this workload has no worker to kill")

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
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.kill = append(f.kill, kill)
}

// KillWorker kills one worker of the first strategy that registered a way
// to and still can, and says what it did. It returns ErrNoFault if none
// registered. It may block for as long as a process takes to die and
// another to start: call it off a UI's update loop.
func (f *Faults) KillWorker() (string, error) {
	if f == nil {
		return "", ErrNoFault
	}
	f.mu.Lock()
	kills := append([]func() (string, error)(nil), f.kill...)
	f.mu.Unlock()
	if len(kills) == 0 {
		return "", ErrNoFault
	}
	var first error
	for _, kill := range kills {
		what, err := kill()
		if err == nil {
			return what, nil
		}
		if first == nil {
			first = err
		}
	}
	return "", first
}
