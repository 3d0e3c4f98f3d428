package tui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/workshop"
	"github.com/perflab/perflab/measure"
)

// raceKeptMsg and raceSavedMsg say where lesson's race was kept in the runs
// folder, or saved with w or e, or why not.
type (
	raceKeptMsg struct {
		lesson int
		keptMsg
	}
	raceSavedMsg struct {
		lesson int
		savedMsg
	}
)

// A lesson's kept and saved races are the workshop's, on whatever screen
// they arrive.
func (raceKeptMsg) addressee() state  { return stateWorkshop }
func (raceSavedMsg) addressee() state { return stateWorkshop }

// forLesson tags what cmd says of a race with its lesson, so that it lands
// on that lesson's reveal though the workshop has moved on.
func forLesson(lesson int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case keptMsg:
			return raceKeptMsg{lesson: lesson, keptMsg: msg}
		case savedMsg:
			return raceSavedMsg{lesson: lesson, savedMsg: msg}
		default:
			return msg
		}
	}
}

// race asks the root to race the lesson on show: live, or replayed from its
// kept run.
func (w workshopModel) race() intent {
	if w.replaying() {
		return intent{kind: askReplay, saved: w.opts.Replays[w.at], speed: w.opts.ReplaySpeed}
	}
	// The race says which lesson it is, as the workshop's header does.
	label := fmt.Sprintf("lesson %d of %d", w.at+1, len(w.ws.Lessons))
	return intent{kind: askRun, spec: w.raceSpec(), label: label}
}

// raceSpec is the lesson's race: its spec, with profiling rounds after the
// verdict where its strategies can be profiled, so that the reveal says
// why from the race itself.
func (w workshopModel) raceSpec() labs.Spec {
	l := w.lesson()
	spec := l.Spec
	spec.Config.Profile = profiled(l)
	return spec
}

// profiled says a lesson's race is profiled: one whose workload can be
// profiled (lab.Workload.Profilable, the rule the set-up and the command
// line follow), raced once rather than swept.
func profiled(l *workshop.Lesson) bool {
	return l.Workload.Profilable() && l.Spec.Sweep == nil
}

// reveal shows how the race of the lesson on show came out, from its report.
func (w *workshopModel) reveal(rep *measure.Report) {
	w.races[w.at] = &lessonRace{report: rep, outcome: workshop.Judge(rep), pick: w.picks[w.at]}
	if w.opts.Room != nil {
		w.races[w.at].tally = w.opts.Room.Tally(w.at, len(w.lesson().Choices))
		if w.roomRace.lesson == w.at {
			w.races[w.at].roomRace = w.roomRace.id
		}
	} else if k := w.keptRoom(w.at); k != nil {
		w.races[w.at].tally = k.Answers
	}
	w.stage, w.note, w.whyTop = stageReveal, "", 0
}

// raceEnded shows how the race of the lesson on show ended: its reveal, or
// its question again with what went wrong. q pressed during the race asks
// before the room's score is lost, unless there is none yet to lose and the
// race was a replay.
func (w workshopModel) raceEnded(msg runEndedMsg) (workshopModel, tea.Cmd, intent) {
	if msg.quit && msg.replayed && !w.raced() {
		return w, nil, intent{kind: askQuit}
	}
	w.quitting = w.quitting || msg.quit
	w.racing = false
	show := intent{kind: askShow}
	switch {
	case msg.report != nil:
		w.reveal(msg.report)
		return w, forLesson(w.at, msg.keep), show
	case msg.replayed && msg.err != nil:
		w.raceStopped("✗ the kept race could not be read: " + msg.err.Error())
	case msg.replayed:
		w.raceStopped("the replay was stopped before the end; enter replays it again")
	case msg.stoppedBeforeStart():
		w.raceStopped("the race was stopped before it started; enter starts it again")
	case !msg.started:
		w.raceStopped("✗ the race could not start: " + errText(msg.err))
	default:
		w.raceStopped("✗ the race failed: " + errText(msg.err))
	}
	return w, nil, show
}

// raceStopped goes back to the lesson's question after its race could not
// start or was stopped, and says why.
func (w *workshopModel) raceStopped(why string) {
	w.stage, w.note = stagePredict, why
}
