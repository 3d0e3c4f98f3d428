package tui

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// A screen asks the root for a run (askRun) or the replay of a kept one
// (askReplay), and the root remembers who asked. The run screen draws it
// meanwhile; when it ends, however it ends, the root sends a runEndedMsg to
// the screen that asked, which decides what comes next: the set-up shows
// the results or its error, the workshop its reveal, the runs screen the
// replayed run's results. So the workshop, the replay and the lab screens
// share one path, and the root keeps no flag of theirs.

// An addressed message is for one screen, whichever is on show: the root
// delivers it there.
type addressed interface {
	addressee() state
}

// runEndedMsg is how a run or a replay ended, for the screen that asked for
// it.
type runEndedMsg struct {
	to state
	// spec and workload are the run's, for its results.
	spec     labs.Spec
	workload *lab.Workload
	// report is the run's report, partial if it was cancelled; nil if it
	// never measured, or a replay was stopped before its end.
	report *measure.Report
	// err is why the run failed or could not start, or what failed beside
	// a report.
	err error
	// started says the run got past its set-up.
	started bool
	// replayed says it was a replay of a kept run, not a live run.
	replayed bool
	// quit says the person asked to quit while it ran: the screen may ask
	// first, or quit.
	quit bool
	// profileErr is why a kept run's profiles could not be read back
	// (runs.Saved.ProfileErr): its results say so.
	profileErr error
	// keep keeps the run in the runs folder; nil when runs are not kept.
	// The screen that asked returns it, tagged as it likes.
	keep tea.Cmd
}

func (m runEndedMsg) addressee() state { return m.to }

// stoppedBeforeStart reports whether a person stopped the run while its lab
// was being set up.
func (m runEndedMsg) stoppedBeforeStart() bool {
	return !m.started && !m.replayed && errors.Is(m.err, context.Canceled)
}

// runAgainMsg asks the set-up to run spec again, from the results of its
// run.
type runAgainMsg struct{ spec labs.Spec }

// Messages the root passes to the run screen about the run it draws.
type (
	// runMeasuringMsg says the lab is set up and the engine measures.
	runMeasuringMsg struct{}
	// runCancellingMsg says the run was cancelled and is stopping.
	runCancellingMsg struct{}
	// runFrameMsg is a snapshot to draw: point is the sweep's point it
	// measures, finished the points measured before it (nil without a
	// sweep), killable whether x can kill a worker now.
	runFrameMsg struct {
		snap     measure.Snapshot
		point    int
		finished []measure.SweepPoint
		killable bool
	}
)

// deliver passes msg to the screen to, whichever is on show, then does what
// that screen asks.
func (m Model) deliver(to state, msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	var in intent
	if _, update := m.screenAt(to); update != nil {
		cmd, in = update(msg)
	} else if ended, ok := msg.(runEndedMsg); ok && to == stateReplay {
		cmd, in = replayEnded(ended)
	}
	m, next := m.do(in, to)
	return m, tea.Batch(cmd, next)
}

// replayEnded answers the end of a replay the command line asked for
// (perflab replay), which has no screen behind it: its results, and esc or
// q before its end quits.
func replayEnded(msg runEndedMsg) (tea.Cmd, intent) {
	if msg.report == nil || msg.quit {
		return tea.Quit, intent{}
	}
	return nil, intent{kind: askResults, ended: msg}
}
