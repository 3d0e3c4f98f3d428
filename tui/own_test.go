package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure/measuretest"
)

// ownModel is the TUI as perflab opens it: the seven lessons, then "your
// own", at w x h.
func ownModel(t *testing.T, w, h int) Model {
	t.Helper()
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: labs.Catalogue()})
	return update(m, tea.WindowSizeMsg{Width: w, Height: h})
}

func TestOwnComesAfterTheLessons(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		m := ownModel(t, size[0], size[1])
		home := screen(m)
		if !strings.Contains(home, "seven ways") || !strings.Contains(home, "8. own") {
			t.Errorf("%dx%d: home does not list own after the seven lessons:\n%s", size[0], size[1], home)
		}
		m = press(m, "8", "enter")
		if got := screen(m); m.state != stateSetup || !strings.Contains(got, "own/exec") || !strings.Contains(got, "sleep 0.01") {
			t.Errorf("%dx%d: enter on own does not open the set-up of own/exec:\n%s", size[0], size[1], got)
		}
		checkFits(t, "own set-up", m.View(), size[0], size[1])
	}
}

// TestOwnCommandNotFoundIsAMessage types a command that is not there into
// cmd_b: the start is refused with one line on the set-up, and nothing runs.
func TestOwnCommandNotFoundIsAMessage(t *testing.T) {
	measuretest.NoLeaks(t)
	m := press(ownModel(t, 160, 48), "8", "enter")
	m = typeInto(t, m, "cmd_b", "nosuchcommand-perflab")
	// The plan refuses it, so the refusal comes with the key, before a
	// run is started.
	mm, _ := m.Update(keyMsg("enter"))
	m = mm.(Model)
	if got := screen(m); m.state != stateSetup || !strings.Contains(got, "command nosuchcommand-perflab not found") {
		t.Errorf("state %v; set-up does not say the command is not found:\n%s", m.state, got)
	}
}

// TestOwnRacesCommands races two quick commands from the set-up to the
// results.
func TestOwnRacesCommands(t *testing.T) {
	measuretest.NoLeaks(t)
	m := press(ownModel(t, 160, 48), "8", "enter")
	m = typeInto(t, m, "cmd_a", "true")
	m = typeInto(t, m, "cmd_b", "true")
	m = typeInto(t, m, "cmd_c", "true")
	m = typeInto(t, m, "repetitions", "2")
	m = typeInto(t, m, "duration", "5ms")
	mm, cmd := m.Update(keyMsg("enter"))
	m = drive(t, mm.(Model), cmd, func(m Model, _ tea.Msg) bool { return m.state == stateResults })
	// Words, wherever a line wraps them.
	got := strings.Join(strings.Fields(pages(m)), " ")
	if !strings.Contains(got, "process start ") || !strings.Contains(got, "CPU user ") || !strings.Contains(got, "peak RSS ") {
		t.Errorf("results lack the commands' own figures, worded:\n%s", got)
	}
	if strings.Contains(got, "cpu_user_ns=") || strings.Contains(got, "peak_rss_bytes=") {
		t.Errorf("results show the commands' figures by their raw names:\n%s", got)
	}
}
