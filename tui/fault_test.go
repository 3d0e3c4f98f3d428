package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

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

// TestKillWorkerKeyWaitsForAWorkerAtWork presses x between the turns of the
// strategy whose workers can be killed: x says it waits, kills nothing and
// answers no "no worker is at work"; the next snapshot that finds a worker
// at work kills one, and the banner says which.
func TestKillWorkerKeyWaitsForAWorkerAtWork(t *testing.T) {
	m := runningModel(t, 1)
	busy, kills := true, 0
	m.active.faults = &lab.Faults{}
	m.active.faults.OnKillWorkerWhen(func() bool { return busy }, func() (string, error) {
		kills++
		return "killed worker pid 7 mid-task", nil
	})
	snap := syntheticSnapshot(3, 10)
	m = update(m, snapshotMsg{id: 1, snap: snap})
	busy = false
	m = update(m, snapshotMsg{id: 1, snap: snap})
	if got := screen(m); !strings.Contains(got, "x kill a worker when one holds a task") {
		t.Errorf("between turns x is not offered as a kill that waits:\n%s", got)
	}
	mm, cmd := m.Update(keyMsg("x"))
	m = mm.(Model)
	if cmd != nil {
		m = update(m, cmd())
	}
	got := screen(m)
	if kills != 0 || strings.Contains(got, "no worker is at work") || !strings.Contains(got, "one is killed as soon as one does") {
		t.Errorf("x between turns: %d kills; the screen does not say the kill waits:\n%s", kills, got)
	}
	busy = true
	mm, cmd = m.Update(snapshotMsg{id: 1, snap: snap})
	m = mm.(Model)
	m = drainUntil(t, m, cmd, func(msg tea.Msg) bool { _, ok := msg.(faultMsg); return ok })
	if got := screen(m); kills != 1 || !strings.Contains(got, "⚡ killed worker pid 7 mid-task") {
		t.Errorf("the snapshot that found a worker at work: %d kills, want 1; banner:\n%s", kills, got)
	}
	m = update(m, snapshotMsg{id: 1, snap: snap})
	if kills != 1 {
		t.Errorf("one press killed %d workers", kills)
	}
}

// TestKillWorkerThatFindsNoTaskWaits presses x at a snapshot that found a
// worker at work, but the turn ended before the kill: the kill waits for
// the next one instead of saying no worker is at work.
func TestKillWorkerThatFindsNoTaskWaits(t *testing.T) {
	m := runningModel(t, 1)
	m = update(m, snapshotMsg{id: 1, snap: syntheticSnapshot(3, 10)})
	m = update(m, faultMsg{id: 1, notReady: true})
	if got := screen(m); !strings.Contains(got, "one is killed as soon as one does") || !m.run.killPending {
		t.Errorf("a kill that found no worker at work does not wait:\n%s", got)
	}
}

// drainUntil runs cmd and the commands its messages return, batches
// included, feeding each message to m, until stop says a message was the
// one awaited. Frame ticks are not waited for.
func drainUntil(t *testing.T, m Model, cmd tea.Cmd, stop func(tea.Msg) bool) Model {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if b, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, b...)
			continue
		}
		if _, ok := msg.(frameMsg); ok {
			continue
		}
		mm, next := m.Update(msg)
		m = mm.(Model)
		if stop(msg) {
			return m
		}
		queue = append(queue, next)
	}
	t.Fatal("the awaited message never came")
	return m
}
