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
)

// An intent is what a screen asks of the root model: what no screen can do
// alone, because it changes the screen on show or the run under way. The
// zero intent asks nothing.
type intent struct {
	kind intentKind
	// lab is the lab to set up, for askSetup; nil keeps the set-up as it
	// was left.
	lab *lab.Lab
	// spec is the run to start, for askRun.
	spec labs.Spec
	// pair is the two kept runs to put side by side, A then B; the
	// first is the run to replay, for askReplay.
	pair [2]runs.Entry
	// saved is the kept race to replay at speed, for askReplayRace.
	saved *runs.Saved
	speed int
}

// intentKind is what an intent asks for.
type intentKind int

const (
	askNothing intentKind = iota
	askHome
	askSetup
	askRun
	askCancel
	askKillWorker
	askQuit
	askRuns
	askBackToRuns
	askSideBySide
	askReplay
	// askRace runs a workshop lesson's race, spec, whose report goes
	// back to the workshop.
	askRace
	// askReplayRace replays a workshop lesson's kept race, saved.
	askReplayRace
)
