package tui

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/labs/lab"
)

func TestKillWorkerKeyShowsWhatHappened(t *testing.T) {
	m := runningModel(t, 3)
	m.active.faults = &lab.Faults{}
	m.active.faults.OnKillWorker(func() (string, error) { return "killed worker pid 42", nil })
	mm, cmd := m.Update(keyMsg("x"))
	m = mm.(Model)
	if cmd == nil {
		t.Fatal("x during a run returned no command")
	}
	m = update(m, cmd())
	if got := screen(m); !strings.Contains(got, "killed worker pid 42") {
		t.Errorf("the run view does not say what the kill did:\n%s", got)
	}
	m = update(m, faultMsg{id: 2, text: "from an old run"})
	if strings.Contains(screen(m), "from an old run") {
		t.Error("a fault message of an old run was shown")
	}
}

func TestKillWorkerKeyWithoutWorkers(t *testing.T) {
	m := runningModel(t, 1)
	_, cmd := m.Update(keyMsg("x"))
	if cmd == nil {
		t.Fatal("x during a run returned no command")
	}
	m = update(m, cmd())
	if got := screen(m); !strings.Contains(got, "no worker to kill") {
		t.Errorf("a lab without workers does not say so:\n%s", got)
	}
}

// TestKillWorkerKeyOfferedOnlyWhenReady checks that x is offered in the run
// screen's help only while the run says a worker can be killed, as each
// snapshot finds it.
func TestKillWorkerKeyOfferedOnlyWhenReady(t *testing.T) {
	m := runningModel(t, 1)
	busy := false
	m.active.faults = &lab.Faults{}
	m.active.faults.OnKillWorkerWhen(func() bool { return busy }, func() (string, error) { return "killed worker pid 7 mid-task", nil })
	snap := syntheticSnapshot(3, 10)
	m = update(m, snapshotMsg{id: 1, snap: snap})
	if got := screen(m); strings.Contains(got, "kill a worker") {
		t.Errorf("x is offered while no worker is at work:\n%s", got)
	}
	busy = true
	m = update(m, snapshotMsg{id: 1, snap: snap})
	if got := screen(m); !strings.Contains(got, "x kill a worker") {
		t.Errorf("x is not offered while a worker is at work:\n%s", got)
	}
	m = update(m, faultMsg{id: 1, text: "killed worker pid 7 mid-task"})
	if got := screen(m); !strings.Contains(got, "⚡ killed worker pid 7 mid-task") {
		t.Errorf("the banner does not say what the kill did:\n%s", got)
	}
	checkFits(t, "run view with a banner", m.View(), 100, 30)
}
