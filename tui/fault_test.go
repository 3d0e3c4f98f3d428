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
