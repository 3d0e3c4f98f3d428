package tui

import (
	"fmt"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
)

// keyMap is every key the TUI answers to, each declared once. Each screen
// shows the bindings it uses through help, so the help text cannot drift
// from the keys. A new action (a fault to inject into a running lab, say) is
// one more field here and one more entry in its screen's helpKeys.
type keyMap struct {
	// Global.
	Quit, ForceQuit, Help key.Binding

	// Lists and forms.
	Up, Down, Left, Right, Open, Back key.Binding
	// Digit picks an item by its number: a lab, a graph.
	Digit key.Binding
	// Graph switches to the next graph, live or in the results.
	Graph key.Binding

	// Set-up. Workload is Left and Right as the workload row takes
	// them; Clear is the text inputs' own ctrl+u, named for help.
	Next, Prev, Toggle, Again, Start, Workload, Clear key.Binding

	// Run.
	Cancel key.Binding
	// KillWorker injects a fault: it kills one of the run's worker
	// processes (the machines lab).
	KillWorker key.Binding

	// Results.
	Rerun, Setup, Save, Export, PageUp, PageDown key.Binding

	// Runs kept: Runs opens them from home; the rest are the runs
	// screen's.
	Runs, FilterLab, Mark, SideBySide, Delete, Confirm, Replay, OpenRun key.Binding
	// Decline says no where Confirm says yes.
	Decline key.Binding
	// Speed cycles a replay's speed.
	Speed key.Binding
	// PickA and PickB pick the next strategy of run A or B side by side;
	// Shared compares every strategy the two share again.
	PickA, PickB, Shared key.Binding

	// Workshop: GoOn moves to the lesson's next stage (its question, the
	// race, the next lesson); NextLesson and PrevLesson skip a lesson
	// either way; Choose picks the room's answer by its number; Pause
	// stops the workshop's clock; Agenda goes back to the list.
	GoOn, NextLesson, PrevLesson, Choose, Pause, Agenda key.Binding
	// WhyDown and WhyUp scroll a reveal's why where it does not fit.
	WhyDown, WhyUp key.Binding
	// WhyBase and WhyOther pick, in the results' why view, the strategy
	// compared against and the one compared; WhyMode draws them as a
	// table, an icicle or a difference graph, in turn.
	WhyBase, WhyOther, WhyMode key.Binding
}

func newKeyMap() *keyMap {
	return &keyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),

		Up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Left:  key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous")),
		Right: key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next")),
		Open:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open lab")),
		Back:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Digit: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "pick by number")),
		Graph: key.NewBinding(key.WithKeys("v", "tab"), key.WithHelp("v/tab", "switch graph")),

		WhyBase:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "why: next baseline")),
		WhyOther: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "why: next strategy")),
		WhyMode:  key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "why: table/icicle/difference")),

		Next:     key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next field")),
		Prev:     key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous field")),
		Toggle:   key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "choose strategy")),
		Again:    key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "add again (A/A)")),
		Start:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start run")),
		Workload: key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "change workload")),
		Clear:    key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear field")),

		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel run")),
		KillWorker: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "kill a worker (machines lab)")),

		Rerun:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rerun")),
		Setup:    key.NewBinding(key.WithKeys("s", "esc"), key.WithHelp("s/esc", "set-up")),
		Save:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "save JSON")),
		Export:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "save Markdown")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "f", " "), key.WithHelp("pgdn", "page down")),

		Runs:       key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "runs kept")),
		FilterLab:  key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "filter by lab")),
		Mark:       key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "mark for side by side")),
		SideBySide: key.NewBinding(key.WithKeys("c", "enter"), key.WithHelp("c", "side by side")),
		OpenRun:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open (two marked: side by side)")),
		Delete:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete run")),
		Confirm:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		Replay:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "replay")),
		Decline:    key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no")),
		Speed:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "speed")),
		PickA:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "A's strategy")),
		PickB:      key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "B's strategy")),
		Shared:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "all shared")),

		GoOn:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go on")),
		NextLesson: key.NewBinding(key.WithKeys("n", "right"), key.WithHelp("n/→", "next")),
		PrevLesson: key.NewBinding(key.WithKeys("b", "left"), key.WithHelp("b/←", "back")),
		Choose:     key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "room's answer")),
		Pause:      key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pause")),
		Agenda:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "agenda")),
		WhyDown:    key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "read on")),
		WhyUp:      key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "back up")),
	}
}

// runsHelp is the runs screen's help.
func (k *keyMap) runsHelp() helpKeys {
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, k.OpenRun, k.Replay, k.Mark, k.SideBySide, k.FilterLab, k.Delete, k.Back},
		full: [][]key.Binding{
			{k.Up, k.Down, k.OpenRun, k.Replay, k.Mark, k.SideBySide},
			{k.FilterLab, k.Delete, k.Back},
			{k.Help, k.Quit, k.ForceQuit},
		},
	}
}

// helpKeys is the help of one screen: a short line and the full table.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// homeHelp is the home screen's help, for a catalogue of labs labs; more
// says the lesson is longer than its pane, which pgup and pgdn scroll.
func (k *keyMap) homeHelp(labs int, more bool) helpKeys {
	short := []key.Binding{k.Up, k.Down, k.Open, k.Runs}
	full := [][]key.Binding{
		{k.Up, k.Down, k.Open, k.Runs},
		{k.pick(labs, "jump to a lab")},
		{k.Help, k.Quit, k.ForceQuit},
	}
	if more {
		down, up := k.PageDown, k.PageUp
		down.SetHelp("pgdn", "read on")
		up.SetHelp("pgup", "back")
		short = append(short, down)
		full[1] = append(full[1], down, up)
	}
	return helpKeys{short: append(short, k.Help, k.Quit), full: full}
}

// setupHelp is the set-up's help: what the focused row answers to first,
// so that ←/→ is offered on the workload row, where it works, and ctrl+u
// on a text field; a lab of one workload has no other to change to.
func (k *keyMap) setupHelp(on fieldKind, workloads int) helpKeys {
	short := []key.Binding{k.Start, k.Next}
	switch {
	case on == fieldWorkload && workloads > 1:
		short = append(short, k.Workload)
	case on == fieldWorkload:
	case on == fieldStrategy:
		short = append(short, k.Toggle, k.Again)
	case on == fieldProfile:
		short = append(short, k.profileToggle())
	default:
		short = append(short, k.Clear)
	}
	return helpKeys{
		short: append(short, k.Back, k.Help),
		full: [][]key.Binding{
			{k.Next, k.Prev, k.Workload},
			{k.Toggle, k.Again, k.profileToggle(), k.Clear, k.Start},
			{k.Back, k.Help, k.ForceQuit},
		},
	}
}

// profileToggle is Toggle with the help it has on the profile row.
func (k *keyMap) profileToggle() key.Binding {
	b := k.Toggle
	b.SetHelp("space", "profile on/off")
	return b
}

// runHelp is the run screen's help, with graphs graphs to pick from; kill
// says whether x can kill a worker in this run, now says whether a worker
// holds a task now (or a kill already waits for one): otherwise x waits
// for one, and its help says so.
func (k *keyMap) runHelp(graphs int, kill, now bool) helpKeys {
	// During a run the first ctrl+c cancels, as esc does.
	stop := k.ForceQuit
	stop.SetHelp("ctrl+c", "cancel, twice quit")
	short := []key.Binding{k.Graph, k.Cancel}
	killKey := k.KillWorker
	if !now {
		killKey.SetHelp("x", "kill a worker when one holds a task")
	}
	if kill {
		short = append(short, killKey)
	}
	full := [][]key.Binding{
		{k.Graph, k.pick(graphs, "pick graph")},
		{k.Cancel, k.Quit, stop},
		{k.Help},
	}
	if kill {
		full[2] = append(full[2], killKey)
	}
	return helpKeys{short: append(short, k.Help, stop), full: full}
}

// resultsHelp is the results screen's help; growth says the results have a
// second graph, a sweep's growth curve or the why of profiles, for v to
// switch to; why that the why is on show, whose strategies m and n pick;
// fromRuns says they are of a run replayed from the runs screen, which esc
// goes back to.
func (k *keyMap) resultsHelp(growth, why, fromRuns bool) helpKeys {
	setup := k.Setup
	var back []key.Binding
	if fromRuns {
		setup = key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "set-up"))
		back = []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "runs kept"))}
	}
	short := append([]key.Binding{k.Rerun, setup}, back...)
	first := append([]key.Binding{k.Rerun, setup}, back...)
	if growth {
		short = append(short, k.Graph)
		first = append(first, k.Graph)
	}
	if why {
		short = append(short, k.WhyBase, k.WhyOther, k.WhyMode)
		first = append(first, k.WhyBase, k.WhyOther, k.WhyMode)
	}
	return helpKeys{
		short: append(short, k.Save, k.Export, k.Help, k.Quit),
		full: [][]key.Binding{
			append(first, k.Save, k.Export),
			{k.Up, k.Down, k.PageUp, k.PageDown},
			{k.Help, k.Quit, k.ForceQuit},
		},
	}
}

// pick is Digit with the help of picking one of n items by number: "1-7",
// or "1" for a single item. Digits go up to 9, so a longer list is picked
// from with the other keys past its ninth item.
func (k *keyMap) pick(n int, desc string) key.Binding {
	keys := "1"
	if n > 1 {
		keys = "1-" + strconv.Itoa(min(n, 9))
	}
	b := k.Digit
	b.SetHelp(keys, desc)
	return b
}

// digit returns the number a Digit key stands for.
func digit(msg fmt.Stringer) int { return int(msg.String()[0] - '0') }

// workshopHelp is the workshop's help at stage; paused says its clock is
// stopped, which p alone starts again; replaying says races are replayed
// from kept runs; choices is the number of the question's choices.
func (k *keyMap) workshopHelp(stage workshopStage, paused, replaying bool, choices int) helpKeys {
	pause := k.Pause
	if paused {
		pause.SetHelp("p", "go on")
		return helpKeys{short: []key.Binding{pause, k.Quit}, full: [][]key.Binding{{pause, k.Quit, k.ForceQuit}}}
	}
	goOn, rerun := k.GoOn, k.Rerun
	rerun.SetHelp("r", "rerun")
	if replaying {
		rerun.SetHelp("r", "replay")
	}
	choose := k.pick(choices, "room's answer")
	// The short line keeps to what a teacher presses most, so that it
	// fits 80 columns; the full help has every key of the stage.
	var short, more []key.Binding
	switch stage {
	case stageAgenda:
		goOn.SetHelp("enter", "begin here")
		short = []key.Binding{k.Up, k.Down, goOn}
	case stageLesson:
		goOn.SetHelp("enter", "the question")
		short, more = []key.Binding{goOn, k.NextLesson, k.PrevLesson, pause}, []key.Binding{k.Agenda}
	case stagePredict:
		goOn.SetHelp("enter", "race")
		if replaying {
			goOn.SetHelp("enter", "replay race")
		}
		short, more = []key.Binding{choose, goOn, k.PrevLesson, pause}, []key.Binding{k.NextLesson, k.Agenda}
	case stageReveal:
		goOn.SetHelp("enter", "next lesson")
		short, more = []key.Binding{goOn, rerun, k.PrevLesson, pause}, []key.Binding{k.NextLesson, k.WhyDown, k.WhyUp, k.Save, k.Export, k.Agenda}
	case stageEnd:
		goOn.SetHelp("enter", "agenda")
		short, more = []key.Binding{goOn, k.PrevLesson, pause}, []key.Binding{k.Agenda}
	}
	full := [][]key.Binding{short}
	if len(more) > 0 {
		full = append(full, more)
	}
	return helpKeys{
		short: append(short, k.Help, k.Quit),
		full:  append(full, []key.Binding{k.Help, k.Quit, k.ForceQuit}),
	}
}
