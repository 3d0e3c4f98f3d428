package tui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs/workshop"
	"github.com/perflab/perflab/measure/report"
)

// A run that came from a file (a kept run raced again with r, a workshop's
// lesson) may run commands the person never typed: a file someone mails
// must not run a shell command without the person seeing it and saying
// yes. The confirm screen shows what would run and waits for y; what the
// person starts from the set-up is theirs and runs without asking.

// errNotAllowed ends a run the person said no to.
var errNotAllowed = errors.New("its commands were not allowed")

// confirmModel asks before a run of commands from a file.
type confirmModel struct {
	common
	// commands are what the run would run, as workshop.Commands lists
	// them.
	commands []string
	// pending is what to do on yes, asked by the screen from; back is the
	// screen on show when it was asked, shown again either way.
	pending intent
	from    state
	back    state
}

// askFirst returns the commands of the run in asks for that the person has
// neither started from the set-up nor said yes to: nil when it may start,
// or when in asks for no run. A run the set-up starts is the person's, so
// its commands are theirs from then on; r on the results (askRunAgain) may
// race a replayed file's commands, so it is asked about before the set-up
// runs it.
func (m Model) askFirst(in intent, from state) []string {
	if m.yes || (in.kind != askRun && in.kind != askRunAgain) {
		return nil
	}
	spec, extra := in.spec, in.lab
	if in.kind == askRunAgain {
		extra = m.setup.lab
	}
	plan, err := m.planOf(&spec, extra)
	if err != nil {
		// The run's own start says what is wrong, and runs nothing.
		return nil
	}
	cmds := workshop.Commands(plan)
	if in.kind == askRun && from == stateSetup {
		for _, c := range cmds {
			m.allowed[c] = true
		}
		return nil
	}
	var ask []string
	for _, c := range cmds {
		if !m.allowed[c] {
			ask = append(ask, c)
		}
	}
	return ask
}

// confirmFirst shows the confirm screen for in, asked by from, whose run
// would run cmds.
func (m Model) confirmFirst(in intent, from state, cmds []string) (Model, tea.Cmd) {
	m.confirm = confirmModel{common: m.common, commands: cmds, pending: in, from: from, back: m.state}
	m.confirm.SetSize(m.width, m.bodyHeight(m.confirm.Help()))
	m.state = stateConfirm
	return m, nil
}

// updateConfirm handles y, which allows the commands and does what was
// asked, and n or esc, which go back having run nothing: the screen that
// asked for a run hears that it did not start, and why.
func (m Model) updateConfirm(k tea.KeyMsg) (Model, tea.Cmd) {
	c := m.confirm
	switch {
	case key.Matches(k, m.keys.Confirm):
		for _, cmd := range c.commands {
			m.allowed[cmd] = true
		}
		m.state = c.back
		return m.do(c.pending, c.from)
	case key.Matches(k, m.keys.Decline):
		m.state = c.back
		if c.pending.kind == askRun {
			return m.deliver(c.from, runEndedMsg{to: c.from, spec: c.pending.spec, err: errNotAllowed})
		}
		return m, nil
	case key.Matches(k, m.keys.Quit):
		return m, tea.Quit
	}
	return m, nil
}

// View names each command and asks. A command is wrapped, never cut: its
// end is what a person must read before saying yes; commands longer than
// the screen say so first.
func (c confirmModel) View() string {
	st := c.styles
	var cmds []string
	for _, cmd := range c.commands {
		for _, l := range strings.Split(wrap(report.Printable(cmd), max(1, c.width-2)), "\n") {
			cmds = append(cmds, "  "+st.Bold.Render(l))
		}
	}
	lines := []string{
		st.Title.Render("This run would run commands from a file"),
		"",
		wrap("They were not typed here: they come from the file opened (a kept run or a workshop). "+
			"Run them only if you trust it.", c.width),
		"",
	}
	lines = append(lines, cmds...)
	lines = append(lines, "", st.Warning.Render(wrap("Run them? y runs, n or esc goes back and runs nothing.", c.width)))
	if lineCount(strings.Join(lines, "\n")) > c.height {
		lines = append([]string{st.Error.Render(wrap("✗ the commands are longer than the screen: enlarge the terminal to read them all before y", c.width))},
			lines[len(lines)-(len(cmds)+2):]...)
	}
	return fitWidth(strings.Join(lines, "\n"), c.width)
}

// Help is the confirm screen's keys.
func (c confirmModel) Help() helpKeys {
	yes, no := c.keys.Confirm, c.keys.Decline
	yes.SetHelp("y", "run them")
	no.SetHelp("n/esc", "run nothing")
	return helpKeys{short: []key.Binding{yes, no, c.keys.Quit}, full: [][]key.Binding{{yes, no, c.keys.Quit}}}
}
