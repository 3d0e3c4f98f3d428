package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure/runs"
)

// A screenModel is one of the TUI's screens: home, set-up, run and results. Each
// is a model of its own with the same contract, so that the root model only
// routes to the one on show: Update handles a message and returns the
// screen, a command and what it asks of the root; View draws it in the size
// SetSize gave; Help names the keys it answers to.
type screenModel[S any] interface {
	Update(tea.Msg) (S, tea.Cmd, intent)
	View() string
	SetSize(width, height int)
	Help() helpKeys
}

var (
	_ screenModel[homeModel]     = (*homeModel)(nil)
	_ screenModel[setupModel]    = (*setupModel)(nil)
	_ screenModel[runModel]      = (*runModel)(nil)
	_ screenModel[resultsModel]  = (*resultsModel)(nil)
	_ screenModel[runsModel]     = (*runsModel)(nil)
	_ screenModel[sideModel]     = (*sideModel)(nil)
	_ screenModel[workshopModel] = (*workshopModel)(nil)
	_ screenModel[confirmModel]  = (*confirmModel)(nil)
)

// A routed screen is a screen as the root sees it, whatever its type: sized,
// drawn, and naming its keys.
type routed interface {
	View() string
	Help() helpKeys
	SetSize(width, height int)
}

// screenAt returns the screen of state st and how to pass it a message, or
// nil for the replay the command line asked for, which has no screen of its
// own. It is the one place that says which field holds which screen, so a
// new screen is routed, drawn and sized by adding it here.
func (m *Model) screenAt(st state) (routed, func(tea.Msg) (tea.Cmd, intent)) {
	switch st {
	case stateHome:
		return &m.home, updater(&m.home)
	case stateSetup:
		return &m.setup, updater(&m.setup)
	case stateRun:
		return &m.run, updater(&m.run)
	case stateResults:
		return &m.results, updater(&m.results)
	case stateRuns:
		return &m.runs, updater(&m.runs)
	case stateSide:
		return &m.side, updater(&m.side)
	case stateWorkshop:
		return &m.workshop, updater(&m.workshop)
	case stateConfirm:
		return &m.confirm, updater(&m.confirm)
	}
	return nil, nil
}

// updater passes a message to the screen *s and keeps the screen it
// returns.
func updater[S interface {
	Update(tea.Msg) (S, tea.Cmd, intent)
}](s *S) func(tea.Msg) (tea.Cmd, intent) {
	return func(msg tea.Msg) (tea.Cmd, intent) {
		var cmd tea.Cmd
		var in intent
		*s, cmd, in = (*s).Update(msg)
		return cmd, in
	}
}

// An intent is what a screen asks of the root model: what no screen can do
// alone, because it changes the screen on show or the run under way. The
// zero intent asks nothing. The root knows which screen asked: a run or a
// replay it starts ends with a runEndedMsg to that screen (or to replyTo),
// which decides what comes next.
type intent struct {
	kind intentKind
	// lab is the lab to set up, for askSetup; nil keeps the set-up as it
	// was left. For askRun, a lab the catalogue does not hold, planned
	// first: "your own" with a Python file read into it.
	lab *lab.Lab
	// spec is the run to start, for askRun, or to start again, for
	// askRunAgain.
	spec labs.Spec
	// label goes before the run screen's title, for askRun: "lesson 2 of
	// 7".
	label string
	// pair is the two kept runs to put side by side, A then B, for
	// askSideBySide; the first is the run to replay, for askReplay.
	pair [2]runs.Entry
	// saved is the kept run to replay at speed, for askReplay, when it is
	// already read.
	saved *runs.Saved
	speed int
	// ended is the run whose results to show, for askResults; fromRuns
	// says esc goes back to the runs screen.
	ended    runEndedMsg
	fromRuns bool
}

// intentKind is what an intent asks for.
type intentKind int

const (
	askNothing intentKind = iota
	askHome
	askSetup
	// askShow shows the screen that asks, after it handled the end of
	// its run.
	askShow
	askRun
	// askRunAgain asks the set-up behind the results to run spec again:
	// the set-up asks for the run, and its end goes there.
	askRunAgain
	askCancel
	askKillWorker
	askQuit
	askRuns
	askBackToRuns
	askSideBySide
	askReplay
	// askResults shows the results of a run that ended.
	askResults
	// askAllow and askDecline answer the confirm screen: run the commands
	// of the request held, or nothing.
	askAllow
	askDecline
)
