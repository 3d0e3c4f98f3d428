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

// confirmModel asks before a run of commands from a file: it shows them,
// and asks the root to allow them (y) or not (n, esc).
type confirmModel struct {
	common
	// commands are what the run would run, as workshop.Commands lists
	// them.
	commands []string
}

// A gate is a request the root holds until the person says yes to its
// commands: what was asked (pending) by which screen (from), and the screen
// on show when it was asked (back), shown again either way.
type gate struct {
	pending    intent
	from, back state
	commands   []string
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

// confirmFirst holds in, asked by from, and shows the commands its run
// would run, cmds, for the person to allow.
func (m Model) confirmFirst(in intent, from state, cmds []string) (Model, tea.Cmd) {
	m.gate = &gate{pending: in, from: from, back: m.state, commands: cmds}
	m.confirm = confirmModel{common: m.common, commands: cmds}
	m.confirm.SetSize(m.width, m.bodyHeight(m.confirm.Help()))
	m.state = stateConfirm
	return m, nil
}

// openGate does what the person answered: on yes, the commands are allowed
// and the request held goes on; on no, nothing runs, and a screen that
// asked for a run hears that it did not start, and why.
func (m Model) openGate(allow bool) (Model, tea.Cmd) {
	g := m.gate
	if g == nil {
		return m, nil
	}
	m.gate = nil
	m.state = g.back
	if allow {
		for _, cmd := range g.commands {
			m.allowed[cmd] = true
		}
		return m.do(g.pending, g.from)
	}
	if g.pending.kind == askRun {
		return m.deliver(g.from, runEndedMsg{to: g.from, spec: g.pending.spec, err: errNotAllowed})
	}
	return m, nil
}

// Update answers y, n or esc, and q.
func (c confirmModel) Update(msg tea.Msg) (confirmModel, tea.Cmd, intent) {
	k, ok := msg.(tea.KeyMsg)
	switch {
	case !ok:
	case key.Matches(k, c.keys.Confirm):
		return c, nil, intent{kind: askAllow}
	case key.Matches(k, c.keys.Decline):
		return c, nil, intent{kind: askDecline}
	case key.Matches(k, c.keys.Quit):
		return c, nil, intent{kind: askQuit}
	}
	return c, nil, intent{}
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
