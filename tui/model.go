package tui

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure/runs"
)

// state is the screen on show.
type state int

const (
	stateHome state = iota
	stateSetup
	stateRun
	stateResults
	stateRuns
	stateSide
	stateReplay
	stateWorkshop
	// stateConfirm asks before a run of commands from a file.
	stateConfirm
	// numStates counts the states above, for a loop over every screen.
	numStates
)

// Options configure a Model.
type Options struct {
	// Renderer draws the styles; its colour profile decides whether there
	// is colour at all (NO_COLOR turns it off). Default: lipgloss's.
	Renderer *lipgloss.Renderer
	// Context bounds every run; cancelling it cancels the run under way.
	// Default: context.Background().
	Context context.Context
	// Labs is the catalogue. Default: labs.All().
	Labs []*lab.Lab
	// SaveDir is where the results screen saves and exports. Default: the
	// current directory.
	SaveDir string
	// RunsDir is the runs folder: every finished or cancelled run is kept
	// there, and the runs screen lists it. Default: none, runs are not
	// kept and the runs screen says so.
	RunsDir string
	// Replay, if set, opens the TUI on the replay of this kept run at
	// ReplaySpeed (Speed1x, Speed4x or SpeedAtOnce); esc then quits.
	Replay      *runs.Saved
	ReplaySpeed int
	// Workshop, if set, opens the TUI on a workshop's agenda instead of
	// the home screen.
	Workshop *WorkshopOptions
	// Location is where the times of kept runs are shown. Default:
	// time.Local.
	Location *time.Location
	// Yes says yes, ahead, to running the commands of a file (a kept run
	// raced again, a workshop's lessons): without it the TUI shows them
	// and asks first.
	Yes bool
}

// Model is the TUI's root model: it handles the global keys and the window
// size, runs the lab runs, and routes everything else to the screen on
// show, doing what that screen asks.
type Model struct {
	// common holds the window's size.
	common
	ctx   context.Context
	labs  []*lab.Lab
	state state
	help  help.Model

	home    homeModel
	setup   setupModel
	run     runModel
	results resultsModel
	runs    runsModel
	side    sideModel
	// workshop walks a room through its lessons, when the TUI was
	// opened on one.
	workshop workshopModel

	// active is the run under way, nil when there is none; nextID numbers
	// runs so that messages of an old one are told apart.
	active *activeRun
	nextID int
	// replay is the kept run being drawn again, nil when there is none.
	replay *replayState
	// saveDir is where results are saved; runsDir where runs are kept.
	saveDir, runsDir string

	// confirm asks before a run of commands from a file, which gate
	// holds meanwhile; allowed holds the commands the person typed or
	// said yes to, and yes says yes to all (see confirm.go).
	confirm confirmModel
	gate    *gate
	allowed map[string]bool
	yes     bool
}

// New returns the TUI's root model, on the home screen.
func New(opts Options) Model {
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.DefaultRenderer()
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	if opts.Labs == nil {
		opts.Labs = labs.All()
	}
	if opts.SaveDir == "" {
		opts.SaveDir = "."
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	c := common{styles: NewStyles(opts.Renderer), keys: newKeyMap(), loc: opts.Location}
	h := help.New()
	h.Styles = c.styles.Help
	m := Model{
		common:  c,
		ctx:     opts.Context,
		labs:    opts.Labs,
		help:    h,
		home:    newHome(c, opts.Labs),
		setup:   setupModel{common: c},
		run:     runModel{common: c},
		results: resultsModel{common: c},
		runs:    runsModel{common: c},
		side:    sideModel{common: c},
		confirm: confirmModel{common: c},
		saveDir: opts.SaveDir,
		runsDir: opts.RunsDir,
		allowed: map[string]bool{},
		yes:     opts.Yes,
	}
	if opts.Replay != nil {
		m, _ = m.beginReplay(opts.Replay, opts.ReplaySpeed, stateReplay)
	}
	if opts.Workshop != nil {
		if opts.Workshop.SaveDir == "" {
			opts.Workshop.SaveDir = opts.SaveDir
		}
		if opts.Workshop.Where == "" && opts.Workshop.Replays == nil && opts.RunsDir != "" {
			opts.Workshop.Where = "kept in " + opts.RunsDir
		}
		m.workshop = newWorkshop(c, *opts.Workshop)
		m.state = stateWorkshop
	}
	return m
}

// Init starts nothing, the home screen waits for the person, unless the
// TUI opens on a replay.
func (m Model) Init() tea.Cmd {
	if m.replay != nil && m.state == stateReplay {
		return m.nextReplayTick()
	}
	if m.state == stateWorkshop {
		return m.workshop.Init()
	}
	return nil
}

// Update handles the window size and the global keys, then the run's
// messages, then routes what is left to the screen on show.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
		m.resize()
		return m, nil
	case tea.KeyMsg:
		if keys := splitKeys(msg); keys != nil && !m.typing() {
			return m.updateEach(keys)
		}
		if mm, cmd, ok := m.globalKey(msg); ok {
			return mm, cmd
		}
	}
	if mm, cmd, ok := m.updateRun(msg); ok {
		return mm, cmd
	}
	if mm, cmd, ok := m.updateReplay(msg); ok {
		return mm, cmd
	}
	if msg, ok := msg.(addressed); ok {
		// The end of a run, a kept race, the workshop's clock: for one
		// screen, on show or not.
		return m.deliver(msg.addressee(), msg)
	}
	return m.deliver(m.state, msg)
}

// splitKeys returns the keys of msg one by one when it holds several
// typed ones, or nil. Keys typed faster than the terminal is read arrive
// as one message ("qq", or "2y" in a workshop); text pasted is left whole.
func splitKeys(msg tea.KeyMsg) []tea.KeyMsg {
	if msg.Type != tea.KeyRunes || len(msg.Runes) < 2 || msg.Paste {
		return nil
	}
	keys := make([]tea.KeyMsg, len(msg.Runes))
	for i, r := range msg.Runes {
		keys[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
	}
	return keys
}

// updateEach handles keys one after the other, as if typed apart: a key
// that opens a text field sends the rest to it.
func (m Model) updateEach(keys []tea.KeyMsg) (tea.Model, tea.Cmd) {
	var mm tea.Model = m
	cmds := make([]tea.Cmd, 0, len(keys))
	for _, k := range keys {
		var cmd tea.Cmd
		mm, cmd = mm.Update(k)
		cmds = append(cmds, cmd)
	}
	return mm, tea.Batch(cmds...)
}

// do carries out what a screen, from, asked.
func (m Model) do(in intent, from state) (Model, tea.Cmd) {
	if ask := m.askFirst(in, from); len(ask) > 0 {
		// A run of commands from a file waits for the person's yes.
		return m.confirmFirst(in, from, ask)
	}
	switch in.kind {
	case askAllow, askDecline:
		return m.openGate(in.kind == askAllow)
	case askHome:
		m.state = stateHome
	case askShow:
		m.state = from
	case askSetup:
		return m.openSetup(in.lab)
	case askRun:
		return m.beginRun(in, from)
	case askRunAgain:
		return m.deliver(stateSetup, runAgainMsg{spec: in.spec})
	case askCancel:
		if m.active == nil {
			// Nothing runs any more: the cancelled run's report was
			// dropped, so go back to the set-up.
			return m.openSetup(nil)
		}
		return m.cancelRun(), nil
	case askKillWorker:
		if m.active != nil {
			return m, injectKill(m.active.id, m.active.faults)
		}
	case askQuit:
		return m.quit()
	case askBackToRuns:
		m.state = stateRuns
	case askRuns:
		m.runs = newRuns(m.common, m.runsDir)
		m.runs.SetSize(m.width, m.bodyHeight(m.runs.Help()))
		m.state = stateRuns
		if m.runsDir != "" {
			return m, loadRuns(m.runsDir)
		}
	case askReplay:
		saved := in.saved
		if saved == nil {
			var err error
			if saved, err = runs.Load(in.pair[0].Path); err != nil {
				return m.deliver(from, runEndedMsg{to: from, replayed: true, err: err})
			}
		}
		return m.beginReplay(saved, in.speed, from)
	case askResults:
		return m.showResults(in.ended, in.fromRuns), nil
	case askSideBySide:
		m.side = newSide(m.common, in.pair[0], in.pair[1])
		m.side.SetSize(m.width, m.bodyHeight(m.side.Help()))
		m.state = stateSide
	}
	return m, nil
}

// showResults shows the results of a run that ended. The set-up behind the
// results of a replayed run is its lab's, so that s changes its parameters
// and r runs it again, live.
func (m Model) showResults(ended runEndedMsg, fromRuns bool) Model {
	if rep := ended.report; ended.replayed {
		for _, l := range m.labs {
			if l.ID == rep.Lab && l.Runnable() && m.setup.lab != l {
				m.setup = newSetupOn(m.common, l, rep.Workload)
				m.setup.SetSize(m.width, m.bodyHeight(m.setup.Help()))
			}
		}
	}
	m.results = resultsOf(m.common, ended, fromRuns, m.saveDir)
	m.results.SetSize(m.width, m.bodyHeight(m.results.Help()))
	m.state = stateResults
	return m
}

// openSetup shows the set-up of l, kept as it was if l is the lab set up
// last; a nil l shows the set-up as it was left.
func (m Model) openSetup(l *lab.Lab) (Model, tea.Cmd) {
	if l != nil && m.setup.lab != l {
		m.setup = newSetup(m.common, l)
		m.setup.SetSize(m.width, m.bodyHeight(m.setup.Help()))
	}
	m.state = stateSetup
	return m, m.setup.focusCmd()
}

// globalKey handles the keys that mean the same on every screen.
func (m Model) globalKey(msg tea.KeyMsg) (_ Model, _ tea.Cmd, ok bool) {
	switch {
	case key.Matches(msg, m.keys.ForceQuit):
		if m.active != nil && !m.active.cancelled {
			// The first ctrl+c of a run cancels it, as esc does, and
			// the partial results show; a second quits at once, and
			// Shutdown stops what the run started.
			return m.cancelRun(), nil, true
		}
		return m, tea.Quit, true
	case key.Matches(msg, m.keys.Help) && !m.typing():
		m.help.ShowAll = !m.help.ShowAll
		// The keys are shared by every screen: the full help of each
		// then offers to go back to the short one.
		if m.help.ShowAll {
			m.keys.Help.SetHelp("?", "fewer keys")
		} else {
			m.keys.Help.SetHelp("?", "more keys")
		}
		m.resize()
		return m, nil, true
	}
	return m, nil, false
}

// quit asks to quit: at once with no run under way; otherwise the run is
// cancelled, and its end tells the screen that asked for it that the
// person wants to quit: the set-up quits, the workshop asks first, so that
// a slip of the finger does not lose the room's score. Asking twice quits
// at once.
func (m Model) quit() (Model, tea.Cmd) {
	if m.active == nil || m.active.quit {
		return m, tea.Quit
	}
	m.active.quit = true
	return m.cancelRun(), nil
}

// typing reports whether keys go to a text input, so that "?" is text.
func (m Model) typing() bool { return m.state == stateSetup && m.setup.typing() }

// resize gives every screen the window's width and the height its help
// leaves.
func (m *Model) resize() {
	m.help.Width = m.width
	for st := range numStates {
		// A workshop not yet chosen has no stage to size.
		if s, _ := m.screenAt(st); s != nil && (st != stateWorkshop || m.workshop.ws != nil) {
			s.SetSize(m.width, m.bodyHeight(s.Help()))
		}
	}
	if m.state == stateReplay {
		m.run.SetSize(m.width, m.bodyHeight(m.replayHelp()))
	}
}

// bodyHeight is the height a screen with help keys has above its help.
func (m Model) bodyHeight(keys helpKeys) int {
	return max(0, m.height-max(1, lineCount(m.help.View(keys))))
}

// View draws the screen on show above its help, or says the terminal is
// too small.
func (m Model) View() string {
	if m.width < minWidth || m.height < minHeight {
		return fit(fmt.Sprintf("terminal too small: %dx%d\nperflab needs at least %dx%d",
			m.width, m.height, minWidth, minHeight), m.width, m.height)
	}
	var body string
	var keys helpKeys
	switch m.state {
	case stateReplay:
		body, keys = m.run.View(), m.replayHelp()
	case stateWorkshop:
		// Each stage has help of its own, so the workshop is sized
		// for the one on show.
		ws := m.workshop
		ws.SetSize(m.width, m.bodyHeight(ws.Help()))
		body, keys = ws.View(), ws.Help()
	default:
		s, _ := m.screenAt(m.state)
		body, keys = s.View(), s.Help()
	}
	bodyH := m.bodyHeight(keys)
	return fit(padHeight(fit(body, m.width, bodyH), bodyH)+"\n"+m.help.View(keys), m.width, m.height)
}
