package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/measure"
)

// A BenchUpdate is one piece of news of a perflab bench run for its live
// view: a snapshot of the race of one benchmark, or its end.
type BenchUpdate struct {
	// Case is the benchmark's index in BenchOptions.Names.
	Case int
	// Snapshot is a live snapshot of its race, or nil.
	Snapshot *measure.Snapshot
	// Report is its result once its race ended; Err why it failed, if it
	// did. Either ends the benchmark's race.
	Report *measure.Report
	Err    error
}

// BenchOptions are what the live view of a bench run draws.
type BenchOptions struct {
	// Renderer draws the styles. Default: lipgloss's.
	Renderer *lipgloss.Renderer
	// Names are the benchmarks to race, in the order they race.
	Names []string
	// Updates brings the race's news; the bench run closes it when every
	// benchmark's race has ended.
	Updates <-chan BenchUpdate
}

// benchUpdateMsg carries one BenchUpdate to Update; benchDoneMsg says the
// bench run sends no more.
type (
	benchUpdateMsg struct{ u BenchUpdate }
	benchDoneMsg   struct{}
)

// waitForBench reads one update from ch, as the run screen reads the
// engine's snapshots: Update re-arms it after each.
func waitForBench(ch <-chan BenchUpdate) tea.Cmd {
	return func() tea.Msg {
		u, ok := <-ch
		if !ok {
			return benchDoneMsg{}
		}
		return benchUpdateMsg{u}
	}
}

// benchRow is one benchmark as the view knows it.
type benchRow struct {
	name string
	snap *measure.Snapshot
	rep  *measure.Report
	err  error
}

// ended says the benchmark's race is over.
func (r benchRow) ended() bool { return r.rep != nil || r.err != nil }

// BenchModel is the live view of a perflab bench run: one row per
// benchmark with its comparisons narrowing, the selected benchmark's ns/op
// over its rounds, and, once every race has ended, the results. It is a
// program of its own, not a screen of the interactive lab: the command line
// runs the races (their shared budget, their kept runs) and feeds it.
type BenchModel struct {
	common
	help    help.Model
	rows    []benchRow
	sel     int
	updates <-chan BenchUpdate
	done    bool
	// quit says the person asked to leave: the command line then cancels
	// the races still under way.
	quit bool
}

// NewBench returns the live view of a bench run.
func NewBench(o BenchOptions) BenchModel {
	st := NewStyles(o.Renderer)
	m := BenchModel{common: common{styles: st, keys: newKeyMap()}, updates: o.Updates, help: help.New()}
	m.help.Styles = st.Help
	for _, n := range o.Names {
		m.rows = append(m.rows, benchRow{name: n})
	}
	return m
}

// Init starts reading the race's news.
func (m BenchModel) Init() tea.Cmd { return waitForBench(m.updates) }

// Quit says whether the person left before the races ended.
func (m BenchModel) Quit() bool { return m.quit && !m.done }

// Update follows the races and the keys: up and down pick a benchmark, q
// leaves (cancelling the races under way), ctrl+c too.
func (m BenchModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
	case benchUpdateMsg:
		m.apply(msg.u)
		return m, waitForBench(m.updates)
	case benchDoneMsg:
		m.done = true
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Quit, m.keys.ForceQuit):
			m.quit = true
			return m, tea.Quit
		case key.Matches(msg, m.keys.Up):
			m.sel = max(0, m.sel-1)
		case key.Matches(msg, m.keys.Down):
			m.sel = min(len(m.rows)-1, m.sel+1)
		}
	}
	return m, nil
}

// apply takes one update into its benchmark's row. While the person has
// not moved the selection, it follows the benchmark racing.
func (m *BenchModel) apply(u BenchUpdate) {
	if u.Case < 0 || u.Case >= len(m.rows) {
		return
	}
	r := &m.rows[u.Case]
	if u.Snapshot != nil {
		if r.snap == nil && m.sel == u.Case-1 && m.rows[m.sel].ended() {
			m.sel = u.Case
		}
		r.snap = u.Snapshot
	}
	if u.Report != nil {
		r.rep = u.Report
	}
	if u.Err != nil {
		r.err = u.Err
	}
}

// benchHelp is the keys the live view answers to.
func (m BenchModel) benchHelp() []key.Binding {
	return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Quit}
}
