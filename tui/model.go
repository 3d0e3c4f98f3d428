// Package tui is perflab's interactive lab: a Bubble Tea program in which a
// person picks a lab, sets up a run, watches the strategies race as live
// graphs and reads the verdict. It draws what the engine measures and knows
// the labs only by their public types.
package tui

import (
	"context"
	"fmt"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
)

// state is the screen on show.
type state int

const (
	stateHome state = iota
	stateSetup
	stateRun
	stateResults
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
}

// Model is the TUI's root model: it handles the global keys and the window
// size, runs the lab runs, and routes everything else to the screen on show.
type Model struct {
	*common
	ctx   context.Context
	state state
	help  help.Model

	home    homeModel
	setup   setupModel
	run     runView
	results resultsModel

	// active is the run under way, nil when there is none; nextID numbers
	// runs so that messages of an old one are told apart.
	active *activeRun
	nextID int
	// quitting says the person asked to quit while a run was going: the
	// program quits when the run has stopped.
	quitting bool
	// saveDir is where results are saved.
	saveDir string
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
	c := &common{styles: NewStyles(opts.Renderer), keys: newKeyMap()}
	h := help.New()
	h.Styles = c.styles.Help
	return Model{
		common:  c,
		ctx:     opts.Context,
		help:    h,
		home:    newHome(c, opts.Labs),
		saveDir: opts.SaveDir,
	}
}

// Init starts nothing: the home screen waits for the person.
func (m Model) Init() tea.Cmd { return nil }

// Update handles the window size and the global keys, then the run's
// messages, then routes what is left to the screen on show.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(0, msg.Width), max(0, msg.Height)
		m.help.Width = m.width
		m.resize()
		return m, nil
	case tea.KeyMsg:
		if mm, cmd, ok := m.globalKey(msg); ok {
			return mm, cmd
		}
	}
	if mm, cmd, ok := m.updateRun(msg); ok {
		return mm, cmd
	}
	switch m.state {
	case stateHome:
		return m.updateHome(msg)
	case stateSetup:
		return m.updateSetup(msg)
	case stateRun:
		return m.updateRunView(msg)
	case stateResults:
		return m.updateResults(msg)
	}
	return m, nil
}

// globalKey handles the keys that mean the same on every screen.
func (m Model) globalKey(msg tea.KeyMsg) (_ Model, _ tea.Cmd, ok bool) {
	switch {
	case key.Matches(msg, m.keys.ForceQuit):
		m, cmd := m.quit()
		return m, cmd, true
	case key.Matches(msg, m.keys.Help) && !m.typing():
		m.help.ShowAll = !m.help.ShowAll
		m.resize()
		return m, nil, true
	}
	return m, nil, false
}

// quit asks to quit: at once with no run under way, otherwise once the
// run, cancelled here, has stopped. Asking twice quits at once.
func (m Model) quit() (Model, tea.Cmd) {
	if m.active == nil || m.quitting {
		return m, tea.Quit
	}
	m.quitting = true
	return m.cancelRun(), nil
}

// typing reports whether keys go to a text input, so that "?" is text.
func (m Model) typing() bool { return m.state == stateSetup && m.setup.typing() }

// resize lays the screens out again for the window size.
func (m *Model) resize() {
	m.run.layout(m.helpHeight(m.keys.runHelp()))
	m.results.layout(m.helpHeight(m.keys.resultsHelp()))
}

// View draws the screen on show, or says the terminal is too small.
func (m Model) View() string {
	if m.width < minWidth || m.height < minHeight {
		return fit(fmt.Sprintf("terminal too small: %dx%d\nperflab needs at least %dx%d",
			m.width, m.height, minWidth, minHeight), m.width, m.height)
	}
	var body string
	var keys helpKeys
	switch m.state {
	case stateHome:
		keys = m.keys.homeHelp()
		body = m.home.view(m.height - m.helpHeight(keys))
	case stateSetup:
		keys = m.keys.setupHelp()
		body = m.setup.view(m.height - m.helpHeight(keys))
	case stateRun:
		keys = m.keys.runHelp()
		body = m.run.view()
	case stateResults:
		keys = m.keys.resultsHelp()
		body = m.results.view()
	}
	bodyH := m.height - m.helpHeight(keys)
	return fit(padHeight(fit(body, m.width, bodyH), bodyH)+"\n"+m.help.View(keys), m.width, m.height)
}

// helpHeight is the number of lines the help of keys takes.
func (m Model) helpHeight(keys helpKeys) int {
	return max(1, lineCount(m.help.View(keys)))
}
