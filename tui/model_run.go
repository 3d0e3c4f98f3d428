package tui

import (
	"context"
	"errors"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/runs"
)

// Messages of a run. Each carries the run's ID: a message of a run that is
// no longer the active one (cancelled and replaced, say) is dropped.
type (
	// runStartedMsg says labs.Start returned: the lab is set up and the
	// engine is running, or err says why not.
	runStartedMsg struct {
		id  int
		run *labs.Run
		err error
	}
	// snapshotMsg carries the newest snapshot of a run.
	snapshotMsg struct {
		id   int
		snap measure.Snapshot
	}
	// frameMsg says a frame interval has passed since the last snapshot
	// was drawn: time to read the next one.
	frameMsg struct{ id int }
	// startTickMsg turns the spinner while the lab is being set up, when
	// there are no snapshots yet to turn it.
	startTickMsg struct{ id int }
	// snapshotsClosedMsg says the run's snapshot channel closed: it ended.
	snapshotsClosedMsg struct{ id int }
	// faultMsg says what a fault injected into a run did.
	faultMsg struct {
		id   int
		text string
		// notReady says no worker held a task when the kill came: the
		// kill waits for the next snapshot that finds one.
		notReady bool
	}
	// reportMsg carries the run's report, partial if it was cancelled.
	reportMsg struct {
		id     int
		report *measure.Report
		err    error
	}
)

// frameInterval bounds the run view to 8 frames a second: the engine
// publishes more often than a person can read, and every frame drawn takes
// CPU from the workload being measured, the terminal's drawing of it too.
// On a 2-core machine in tmux, 15 frames a second slowed lab 2's string
// building by 19-47 % against perflab run; 4 a second by 3-18 %.
const frameInterval = time.Second / 8

// startRun sets the lab up and starts the engine, off the Update loop: a
// fixture can take a while to build. ended is closed once everything the
// run started has stopped, or at once if it could not start.
func startRun(ctx context.Context, id int, plan *labs.Plan, ended chan<- struct{}) tea.Cmd {
	return func() tea.Msg {
		run, err := labs.Start(ctx, plan)
		if err != nil {
			close(ended)
		} else {
			go func() {
				<-run.Done()
				close(ended)
			}()
		}
		return runStartedMsg{id: id, run: run, err: err}
	}
}

// waitForSnapshot reads one snapshot of the run. The channel holds only the
// newest, so however long the reader takes it never falls behind.
func waitForSnapshot(id int, run *labs.Run) tea.Cmd {
	return func() tea.Msg {
		s, ok := <-run.Snapshots()
		if !ok {
			return snapshotsClosedMsg{id: id}
		}
		return snapshotMsg{id: id, snap: s}
	}
}

// injectKill kills one of the run's workers off the Update loop: a process
// takes a moment to die and its replacement to start.
func injectKill(id int, f *lab.Faults) tea.Cmd {
	return func() tea.Msg {
		what, err := f.KillWorker()
		if errors.Is(err, lab.ErrNotReady) {
			return faultMsg{id: id, notReady: true}
		}
		if err != nil {
			what = err.Error()
		}
		return faultMsg{id: id, text: what}
	}
}

// waitForReport waits for the ended run's report.
func waitForReport(id int, run *labs.Run) tea.Cmd {
	return func() tea.Msg {
		rep, err := run.Wait()
		return reportMsg{id: id, report: rep, err: err}
	}
}

// nextFrame waits one frame interval before the next snapshot is read.
func nextFrame(id int) tea.Cmd {
	return tea.Tick(frameInterval, func(time.Time) tea.Msg { return frameMsg{id: id} })
}

// startTick turns the spinner once while the lab is being set up.
func startTick(id int) tea.Cmd {
	return tea.Tick(frameInterval, func(time.Time) tea.Msg { return startTickMsg{id: id} })
}

// activeRun is the run under way. Model values share it, so that the
// model returned by a finished program can still stop it.
type activeRun struct {
	id     int
	cancel context.CancelFunc
	// run is nil until labs.Start returns.
	run *labs.Run
	// ended is closed when the run, and everything it started, stopped.
	ended chan struct{}
	// faults are what the run's lab lets a person inject into it.
	faults *lab.Faults
	// timeline keeps the snapshots drawn, for the run's replay.
	timeline *runs.Timeline
	// by is the screen that asked for the run: its end goes there.
	by state
	// spec and workload are the run's, for its results.
	spec     labs.Spec
	workload *lab.Workload
	// cancelled says the run was cancelled and is stopping; quit says
	// the person asked to quit meanwhile.
	cancelled, quit bool
}

// beginRun plans the run in asks for and starts it on the run screen, for
// the screen by; the set-up is left as it was, for a later change. A spec
// that does not plan ends there, with the reason, for by.
func (m Model) beginRun(in intent, by state) (Model, tea.Cmd) {
	spec := in.spec
	plan, err := m.planOf(&spec, in.lab)
	if err != nil {
		return m.deliver(by, runEndedMsg{to: by, spec: spec, err: err})
	}
	m.nextID++
	faults := &lab.Faults{}
	ctx, cancel := context.WithCancel(lab.WithFaults(m.ctx, faults))
	m.active = &activeRun{id: m.nextID, cancel: cancel, ended: make(chan struct{}), faults: faults,
		timeline: &runs.Timeline{}, by: by, spec: spec, workload: plan.Workload}
	m.run = newRunModel(m.common, spec, plan).labelled(in.label)
	m.run.SetSize(m.width, m.bodyHeight(m.run.Help()))
	m.state = stateRun
	return m, tea.Batch(startRun(ctx, m.nextID, plan, m.active.ended), startTick(m.nextID))
}

// planOf plans spec against the TUI's catalogue, its token given first, and
// first against extra, a lab the catalogue does not hold.
func (m Model) planOf(spec *labs.Spec, extra *lab.Lab) (*labs.Plan, error) {
	spec.GiveToken()
	all := m.labs
	if extra != nil {
		all = append([]*lab.Lab{extra}, m.labs...)
	}
	return spec.PlanIn(all)
}

// current reports whether id is the active run's.
func (m Model) current(id int) bool { return m.active != nil && m.active.id == id }

// updateRun handles the messages of a run; ok is false for other messages.
func (m Model) updateRun(msg tea.Msg) (_ Model, _ tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case runStartedMsg:
		if !m.current(msg.id) {
			return m, nil, true
		}
		if msg.err != nil {
			mm, cmd := m.endRun(nil, msg.err, false)
			return mm, cmd, true
		}
		m.active.run = msg.run
		m.run, _, _ = m.run.Update(runMeasuringMsg{})
		return m, waitForSnapshot(msg.id, msg.run), true
	case startTickMsg:
		if !m.current(msg.id) || m.active.run != nil {
			return m, nil, true
		}
		m.run, _, _ = m.run.Update(msg)
		return m, startTick(msg.id), true
	case snapshotMsg:
		if !m.current(msg.id) {
			return m, nil, true
		}
		frame := runFrameMsg{snap: msg.snap, killable: m.active.faults.CanKillWorker()}
		if r := m.active.run; r != nil {
			frame.point, _ = r.SweepPoint()
			frame.finished = r.Finished()
		}
		var in intent
		m.run, _, in = m.run.Update(frame)
		var kill tea.Cmd
		if in.kind == askKillWorker {
			// The kill x asked for while no worker held a task.
			kill = injectKill(msg.id, m.active.faults)
		}
		if m.active.timeline != nil {
			m.active.timeline.AddAt(frame.point, msg.snap)
		}
		return m, tea.Batch(nextFrame(msg.id), kill), true
	case frameMsg:
		if !m.current(msg.id) || m.active.run == nil {
			return m, nil, true
		}
		return m, waitForSnapshot(msg.id, m.active.run), true
	case snapshotsClosedMsg:
		if !m.current(msg.id) || m.active.run == nil {
			return m, nil, true
		}
		return m, waitForReport(msg.id, m.active.run), true
	case faultMsg:
		if m.current(msg.id) {
			m.run, _, _ = m.run.Update(msg)
		}
		return m, nil, true
	case reportMsg:
		if !m.current(msg.id) {
			return m, nil, true
		}
		mm, cmd := m.endRun(msg.report, msg.err, true)
		return mm, cmd, true
	}
	return m, nil, false
}

// endRun ends the active run and tells the screen that asked for it how
// it ended; the run is kept in the runs folder if it measured anything.
func (m Model) endRun(rep *measure.Report, err error, started bool) (Model, tea.Cmd) {
	a := m.active
	a.cancel()
	m.active = nil
	ended := runEndedMsg{to: a.by, spec: a.spec, workload: a.workload, report: rep, err: err,
		started: started, quit: a.quit}
	if rep != nil && m.runsDir != "" && a.timeline != nil {
		ended.keep = keepRun(runs.Store{Dir: m.runsDir}, rep, a.timeline)
	}
	return m.deliver(a.by, ended)
}

// cancelRun stops the active run; its partial report still arrives.
func (m Model) cancelRun() Model {
	if m.active != nil {
		m.active.cancel()
		m.active.cancelled = true
		m.run, _, _ = m.run.Update(runCancellingMsg{})
	}
	return m
}

// Shutdown cancels the run under way, if any, and waits up to timeout for
// everything it started to stop. The program's final model calls it, so
// that quitting never leaves a worker process behind.
func (m Model) Shutdown(timeout time.Duration) {
	a := m.active
	if a == nil {
		return
	}
	a.cancel()
	select {
	case <-a.ended:
	case <-time.After(timeout):
	}
}

func errText(err error) string {
	if err == nil {
		return "no reason given"
	}
	return err.Error()
}
