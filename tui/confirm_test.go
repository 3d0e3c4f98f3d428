package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/labs/workshop"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/runs"
)

// keptCommands is a kept own/exec run whose first command would touch a
// file: a crafted file, as someone might mail one.
func keptCommands(touch string) *runs.Saved {
	rep := &measure.Report{Schema: measure.Schema, Lab: "own", Workload: "exec", Started: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC),
		Params:     map[string]any{"cmd_a": "touch " + touch, "cmd_b": "true"},
		Strategies: []*measure.Result{{Name: "a", Baseline: true}, {Name: "b"}}}
	return &runs.Saved{Report: rep}
}

func ownCatalogue() []*lab.Lab { return labs.Catalogue() }

// ownLab is "your own" lab of the catalogue.
func ownLab(t *testing.T) *lab.Lab {
	for _, l := range labs.Catalogue() {
		if l.Own {
			return l
		}
	}
	t.Fatal("the catalogue has no lab of one's own")
	return nil
}

// TestRaceAgainOfAKeptRunAsksFirst replays a kept run of commands and
// presses r: the commands are shown and nothing runs until y.
func TestRaceAgainOfAKeptRunAsksFirst(t *testing.T) {
	touch := filepath.Join(t.TempDir(), "touched")
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: ownCatalogue(), Replay: keptCommands(touch), ReplaySpeed: SpeedAtOnce})
	m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if m.state != stateResults {
		t.Fatalf("state %v, want the replayed run's results:\n%s", m.state, screen(m))
	}
	m = press(m, "r")
	if got := screen(m); m.state != stateConfirm || !strings.Contains(got, "cmd_a: touch "+touch[:10]) || !strings.Contains(got, "cmd_b: true") {
		t.Fatalf("r on a replayed run of commands: state %v, want them shown and asked:\n%s", m.state, got)
	}
	for _, no := range []string{"n", "esc"} {
		mm, cmd := m.Update(keyMsg(no))
		m = mm.(Model)
		if cmd != nil || m.state != stateResults || m.active != nil {
			t.Fatalf("%s: state %v, a run %v, a command %v; want the results back and nothing run", no, m.state, m.active != nil, cmd != nil)
		}
		m = press(m, "r")
	}
	if _, err := os.Stat(touch); !os.IsNotExist(err) {
		t.Fatalf("the command ran without a yes: %v", err)
	}
	m = press(m, "y")
	if m.state != stateRun || m.active == nil {
		t.Fatalf("y: state %v, want the run started", m.state)
	}
	m = m.cancelRun()
	// Said yes once, the same commands run again without asking.
	m.state = stateResults
	if m = press(m, "r"); m.state == stateConfirm {
		t.Error("commands said yes to are asked again")
	}
}

// TestYesSaysYesAhead opens the same replay with Yes: r runs at once.
func TestYesSaysYesAhead(t *testing.T) {
	touch := filepath.Join(t.TempDir(), "touched")
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: ownCatalogue(), Replay: keptCommands(touch), ReplaySpeed: SpeedAtOnce, Yes: true})
	m = press(update(m, tea.WindowSizeMsg{Width: 80, Height: 24}), "r")
	if m.state != stateRun {
		t.Errorf("with Yes, r: state %v, want the run", m.state)
	}
	m.cancelRun()
}

// TestCommandsTypedInTheSetupAreNotAsked starts own/exec from its set-up:
// the person typed the commands, so they run without a question.
func TestCommandsTypedInTheSetupAreNotAsked(t *testing.T) {
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: ownCatalogue()})
	m = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, _ = m.openSetup(ownLab(t))
	m, _ = m.do(intent{kind: askRun, spec: labs.Spec{Path: "own/exec", Strategies: []string{"a", "b"}}}, stateSetup)
	if m.state != stateRun {
		t.Fatalf("a run of the set-up: state %v, want the run:\n%s", m.state, screen(m))
	}
	m.cancelRun()
}

// TestWorkshopLessonOfCommandsAsksFirst races a workshop lesson of
// commands: the race asks first, and no goes back to the question.
func TestWorkshopLessonOfCommandsAsksFirst(t *testing.T) {
	touch := filepath.Join(t.TempDir(), "touched")
	ws, err := workshop.Parse("mailed.toml", []byte(`
[[lesson]]
run = "own/exec"
strategies = ["a", "b"]
params = { cmd_a = "touch `+touch+`", cmd_b = "true" }
`), ownCatalogue())
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: ownCatalogue(), Workshop: &WorkshopOptions{Workshop: ws}})
	m = press(update(m, tea.WindowSizeMsg{Width: 80, Height: 24}), "enter", "enter", "enter")
	if got := screen(m); m.state != stateConfirm || !strings.Contains(got, "cmd_a: touch") {
		t.Fatalf("the race of a lesson of commands: state %v, want them asked:\n%s", m.state, got)
	}
	m = press(m, "n")
	if got := screen(m); m.state != stateWorkshop || m.active != nil || !strings.Contains(got, "commands were not allowed") {
		t.Fatalf("n: state %v, a run %v:\n%s", m.state, m.active != nil, got)
	}
	if _, err := os.Stat(touch); !os.IsNotExist(err) {
		t.Fatalf("the command ran without a yes: %v", err)
	}
	m = press(m, "enter", "y")
	if m.state != stateRun || m.active == nil || m.active.by != stateWorkshop {
		t.Errorf("y: state %v, want the race", m.state)
	}
	m.cancelRun()
}

// TestConfirmFitsEverySize draws the confirm screen of a long command at
// the smallest and a large terminal.
func TestConfirmFitsEverySize(t *testing.T) {
	touch := filepath.Join(t.TempDir(), strings.Repeat("long-name-", 20))
	for _, size := range [][2]int{{minWidth, minHeight}, {80, 24}, {160, 48}} {
		m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: ownCatalogue(), Replay: keptCommands(touch), ReplaySpeed: SpeedAtOnce})
		m = press(update(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]}), "r")
		if m.state != stateConfirm {
			t.Fatalf("%dx%d: state %v, want the confirm screen", size[0], size[1], m.state)
		}
		checkFits(t, "confirm", m.View(), size[0], size[1])
		if s := screen(m); !strings.Contains(s, "y run them") {
			t.Errorf("%dx%d: the help does not say y:\n%s", size[0], size[1], s)
		}
	}
}

// TestConfirmShowsTheWholeCommand asks about a command longer than the
// screen is wide: its end, the part that would do harm, is shown.
func TestConfirmShowsTheWholeCommand(t *testing.T) {
	touch := filepath.Join(t.TempDir(), strings.Repeat("x", 100)+"-THE-END")
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: ownCatalogue(), Replay: keptCommands(touch), ReplaySpeed: SpeedAtOnce})
	m = press(update(m, tea.WindowSizeMsg{Width: 80, Height: 24}), "r")
	// The command's lines, wrapped, joined again.
	if s := screen(m); !strings.Contains(strings.ReplaceAll(s, "\n  ", ""), "x-THE-END") {
		t.Errorf("the end of a long command is not shown:\n%s", s)
	}
}
