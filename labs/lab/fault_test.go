package lab

import (
	"context"
	"errors"
	"testing"
)

func TestFaultsReachAStrategyThroughTheContext(t *testing.T) {
	f := &Faults{}
	env := NewEnv(WithFaults(context.Background(), f), nil)
	closed := errors.New("fleet closed")
	FaultsFrom(env.Ctx).OnKillWorker(func() (string, error) { return "", closed })
	FaultsFrom(env.Ctx).OnKillWorker(func() (string, error) { return "killed pid 7", nil })
	if got, err := f.KillWorker(); err != nil || got != "killed pid 7" {
		t.Errorf("got %q, %v; want the second strategy's kill", got, err)
	}
}

func TestNoFaults(t *testing.T) {
	if _, err := (&Faults{}).KillWorker(); !errors.Is(err, ErrNoFault) {
		t.Errorf("nothing registered: got %v, want ErrNoFault", err)
	}
	var none *Faults = FaultsFrom(context.Background())
	none.OnKillWorker(func() (string, error) { return "", nil }) // must not panic
	if _, err := none.KillWorker(); !errors.Is(err, ErrNoFault) {
		t.Errorf("no Faults in the context: got %v, want ErrNoFault", err)
	}
}

func TestKillWorkerReportsTheFirstFailure(t *testing.T) {
	f := &Faults{}
	first := errors.New("first")
	f.OnKillWorker(func() (string, error) { return "", first })
	f.OnKillWorker(func() (string, error) { return "", errors.New("second") })
	if _, err := f.KillWorker(); err != first {
		t.Errorf("got %v, want the first failure", err)
	}
}

// TestKillWorkerOnlyWhenReady registers a kill that is ready only while its
// strategy is at work: it is offered, and done, only then.
func TestKillWorkerOnlyWhenReady(t *testing.T) {
	f := &Faults{}
	busy := false
	f.OnKillWorkerWhen(func() bool { return busy }, func() (string, error) { return "killed pid 9", nil })
	if f.CanKillWorker() {
		t.Error("an idle strategy's kill is offered")
	}
	if _, err := f.KillWorker(); !errors.Is(err, ErrNotReady) {
		t.Errorf("kill while idle: got %v, want ErrNotReady", err)
	}
	busy = true
	if !f.CanKillWorker() {
		t.Error("a busy strategy's kill is not offered")
	}
	if got, err := f.KillWorker(); err != nil || got != "killed pid 9" {
		t.Errorf("kill while busy: got %q, %v", got, err)
	}
	if (*Faults)(nil).CanKillWorker() {
		t.Error("no Faults offers a kill")
	}
}
