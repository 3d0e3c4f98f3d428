package tui

import (
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/measure/runs"
)

// replayTickMsg says it is time to draw the replay's next frame. It carries
// the replay's ID: a tick of a replay stopped or restarted is dropped.
type replayTickMsg struct{ id int }

// Replay speeds: as it happened, four times faster, or every frame at once.
const (
	SpeedAtOnce = 0
	Speed1x     = 1
	Speed4x     = 4
)

// replayState is a kept run being drawn again in the run view.
type replayState struct {
	id    int
	saved *runs.Saved
	frame int
	speed int
	// by is the screen that asked for the replay: its end goes there.
	// stateReplay is the command line's perflab replay, with no screen
	// behind it.
	by state
}

// replayTick waits for the frame after frame to be due at speed: the time
// between the two snapshots when they were published, over speed.
func replayTick(id int, tl *runs.Timeline, frame, speed int) tea.Cmd {
	if speed == SpeedAtOnce {
		return func() tea.Msg { return replayTickMsg{id: id} }
	}
	gap := tl.Frames[frame+1].Elapsed - tl.Frames[frame].Elapsed
	return tea.Tick(max(0, gap/time.Duration(speed)), func(time.Time) tea.Msg { return replayTickMsg{id: id} })
}

// beginReplay draws a kept run again from its first frame, for the screen
// by: its end at once when it has no timeline, or when speed is
// SpeedAtOnce.
func (m Model) beginReplay(saved *runs.Saved, speed int, by state) (Model, tea.Cmd) {
	m.nextID++
	m.replay = &replayState{id: m.nextID, saved: saved, speed: speed, by: by}
	if saved.Timeline == nil || len(saved.Timeline.Frames) == 0 || speed == SpeedAtOnce {
		return m.endReplay(true, false)
	}
	m.run = replayRunModel(m.common, saved.Report)
	m.run, _, _ = m.run.Update(runMeasuringMsg{})
	m.showReplayFrame(saved, 0)
	m.run.SetSize(m.width, m.bodyHeight(m.replayHelp()))
	m.state = stateReplay
	return m, m.nextReplayTick()
}

// showReplayFrame draws frame i of a kept run; a sweep's growth curve shows
// the points finished before the frame's, as it did live.
func (m *Model) showReplayFrame(saved *runs.Saved, i int) {
	tl := saved.Timeline
	frame := runFrameMsg{snap: tl.Frame(i), point: tl.Point(i)}
	if sw := saved.Sweep; sw != nil {
		frame.finished = sw.Points[:min(frame.point, len(sw.Points))]
	}
	m.run, _, _ = m.run.Update(frame)
}

// nextReplayTick schedules the next frame, or the end of the replay.
func (m Model) nextReplayTick() tea.Cmd {
	r := m.replay
	tl := r.saved.Timeline
	if r.frame+1 >= len(tl.Frames) {
		return func() tea.Msg { return replayTickMsg{id: r.id} }
	}
	return replayTick(r.id, tl, r.frame, r.speed)
}

// updateReplay handles the replay's ticks and keys; ok is false for other
// messages.
func (m Model) updateReplay(msg tea.Msg) (_ Model, _ tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case replayTickMsg:
		if m.replay == nil || m.replay.id != msg.id || m.state != stateReplay {
			return m, nil, true
		}
		r := m.replay
		if r.speed == SpeedAtOnce || r.frame+1 >= len(r.saved.Timeline.Frames) {
			mm, cmd := m.endReplay(true, false)
			return mm, cmd, true
		}
		r.frame++
		m.showReplayFrame(r.saved, r.frame)
		return m, m.nextReplayTick(), true
	case tea.KeyMsg:
		if m.state != stateReplay {
			return m, nil, false
		}
		switch {
		case key.Matches(msg, m.keys.Speed):
			m.replay.speed = nextSpeed(m.replay.speed)
			// A new ID drops the tick of the old speed.
			m.nextID++
			m.replay.id = m.nextID
			return m, m.nextReplayTick(), true
		case key.Matches(msg, m.keys.Back):
			mm, cmd := m.endReplay(false, false)
			return mm, cmd, true
		case key.Matches(msg, m.keys.Quit):
			mm, cmd := m.endReplay(false, true)
			return mm, cmd, true
		}
		m.run, _, _ = m.run.Update(msg)
		return m, nil, true
	}
	return m, nil, false
}

// nextSpeed is the speed after s: 1x, 4x, at once.
func nextSpeed(s int) int {
	switch s {
	case Speed1x:
		return Speed4x
	case Speed4x:
		return SpeedAtOnce
	}
	return Speed1x
}

// endReplay ends the replay and tells the screen that asked for it how it
// ended: drawn to its end (whole), or stopped by esc, or by q (quit).
func (m Model) endReplay(whole, quit bool) (Model, tea.Cmd) {
	r := m.replay
	m.replay = nil
	ended := runEndedMsg{to: r.by, spec: specOf(r.saved.Report), replayed: true, started: true, quit: quit, profileErr: r.saved.ProfileErr}
	if whole {
		ended.report = r.saved.Report
	}
	return m.deliver(r.by, ended)
}

// specOf is the spec that runs a kept run again, live, as it was set up.
func specOf(rep *measure.Report) labs.Spec {
	s := labs.Spec{Path: rep.Lab + "/" + rep.Workload, Params: map[string]string{}}
	for k, v := range rep.Params {
		s.Params[k] = fmt.Sprint(v)
	}
	for _, st := range rep.Strategies {
		s.Strategies = append(s.Strategies, st.Name)
	}
	if s.Path == ownExec && !hasSlots(s.Params) {
		commandsIntoSlots(&s)
	}
	return s
}

// ownExec is the workload of perflab exec and of the interactive lab's
// own commands, and ownSlots its strategies there: the commands typed into
// cmd_a, cmd_b and cmd_c (labs/own's Slots, which tui may not import).
const ownExec = "own/exec"

var ownSlots = []string{"a", "b", "c"}

// hasSlots reports whether a kept own/exec run holds its commands as the
// interactive lab keeps them, in cmd_a, cmd_b and cmd_c.
func hasSlots(params map[string]string) bool {
	for _, slot := range ownSlots {
		if _, ok := params["cmd_"+slot]; ok {
			return true
		}
	}
	return false
}

// commandsIntoSlots turns a run of perflab exec, whose strategies are its
// commands and which keeps no parameters, into the interactive lab's
// own/exec: each command typed into a slot, raced as a, b and c. The
// confirm screen then shows each command before it runs. A race of more
// commands than slots is left as it is, and its start says so.
func commandsIntoSlots(s *labs.Spec) {
	if len(s.Strategies) > len(ownSlots) {
		return
	}
	for i, cmd := range s.Strategies {
		s.Params["cmd_"+ownSlots[i]] = cmd
		s.Strategies[i] = ownSlots[i]
	}
}

// replayRunModel is a run view for a kept run, titled as a replay.
func replayRunModel(c common, rep *measure.Report) runModel {
	names := make([]string, len(rep.Strategies))
	for i, s := range rep.Strategies {
		names[i] = s.Name
	}
	r := runModel{
		common: c,
		spec:   specOf(rep),
		names:  names,
		bar:    newProgressBar(c),
	}
	params, sweep := maps.Clone(rep.Params), ""
	if sw := rep.Sweep; sw != nil {
		// The sweep's points as the run measured them, for its growth
		// view and its progress; the report's parameters are its last
		// point's.
		r.sweep = &labs.SweepPlan{Param: sw.Param}
		var vals []string
		for _, p := range sw.Points {
			r.sweep.Points = append(r.sweep.Points, labs.SweepPointPlan{Value: p.Value})
			vals = append(vals, asSet(p.Value))
		}
		delete(params, sw.Param)
		sweep = "  sweep " + sw.Param + "=" + strings.Join(vals, ",")
	}
	r.title = "replay of " + rep.Lab + "/" + rep.Workload + "  " + report.FormatParams(params) + sweep + "  " + c.when(rep.Started)
	r.render()
	return r
}

// replayHelp is the replay's help: its speed and how to stop it, and the
// run view's graphs.
func (m Model) replayHelp() helpKeys {
	speed := m.keys.Speed
	label := "at once"
	if m.replay != nil && m.replay.speed != SpeedAtOnce {
		label = fmt.Sprintf("%dx", m.replay.speed)
	}
	speed.SetHelp("x", "speed ("+label+" now)")
	back := m.keys.Back
	back.SetHelp("esc", "stop replay")
	return helpKeys{
		short: []key.Binding{speed, m.keys.Graph, back, m.keys.Quit},
		full:  [][]key.Binding{{speed, m.keys.Graph, m.keys.Digit}, {back, m.keys.Quit, m.keys.ForceQuit}},
	}
}
