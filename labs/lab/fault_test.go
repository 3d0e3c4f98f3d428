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
