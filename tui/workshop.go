package tui

import (
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs/workshop"
	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/runs"
)

// WorkshopOptions open the TUI on a workshop instead of the home screen.
type WorkshopOptions struct {
	Workshop *workshop.Workshop
	// Note is said on the agenda: lessons left out, and why.
	Note string
	// Replays, if set, holds a kept run for every lesson, in order: the
	// races are replayed from them instead of run.
	Replays []*runs.Saved
	// ReplaySpeed is the speed races are replayed at.
	ReplaySpeed int
	// Where says where races are kept, or replayed from, on the agenda.
	// Default: where the TUI keeps runs, for live races.
	Where string
	// Now reads the clock of the workshop's elapsed time. Default:
	// time.Now.
	Now func() time.Time
	// SaveDir is where w and e save a reveal's race. Default: the TUI's.
	SaveDir string
	// Room, if set, is the room participants join: the workshop tells it
	// the lesson on show and shows its answers. The caller closes it.
	Room WorkshopRoom
	// KeptRooms, with Replays and without a Room, holds the room kept
	// with each lesson's race, nil for a race kept without one: the
	// replay shows the room as it was.
	KeptRooms []*room.Kept
}

// A WorkshopRoom is what the workshop's screens need of a room
// (room.Room): where to join it, and to tell it the lesson and count its
// answers.
type WorkshopRoom interface {
	Address() string
	Token() string
	PublishVersion(version int64, s room.State) error
	Tally(lesson, choices int) room.Tally
	// Drops counts the messages the room dropped, by why.
	Drops() room.Drops
	// Results is each participant's newest word of a race, so far, in
	// the order of their IDs.
	Results(race int64) []room.Result
}

var _ WorkshopRoom = (*room.Room)(nil)

// workshopStage is the part of the workshop on show.
type workshopStage int

const (
	// stageAgenda lists the lessons; the first screen.
	stageAgenda workshopStage = iota
	// stageLesson shows a lesson's text.
	stageLesson
	// stagePredict asks the room its question.
	stagePredict
	// stageReveal shows how the race came out beside the room's answer.
	stageReveal
	// stageEnd shows the room's score, lesson by lesson.
	stageEnd
)

// workshopModel walks a room through a workshop's lessons: for each, its
// text, the room's prediction, the race (run by the root, live or replayed)
// and the reveal; last the room's score.
type workshopModel struct {
	common
	opts  WorkshopOptions
	ws    *workshop.Workshop
	stage workshopStage
	// at is the lesson on show, or the agenda's cursor.
	at int
	// picks are the room's answers, lesson by lesson: a choice's index,
	// -1 for none yet.
	picks []int
	// races are the newest race of each lesson, nil until it has run.
	races []*lessonRace
	// note says what last went wrong: a race that could not start, one
	// stopped before the end.
	note  string
	clock workshopClock
	// whyTop is the first line of the reveal's why on show, as pgdn and
	// pgup scroll it.
	whyTop int
	// quitting says q was pressed once: a second quits, any other key
	// stays, so that a slip of the finger does not lose the room's score.
	quitting bool
	// racing says the lesson's race was asked for and has not ended.
	racing bool
	// roomSent is the lesson and phase the room was last told of;
	// tally is the room's answers to the lesson on show, read once a
	// second; roomErr is why the room did not hear the last change.
	roomSent string
	// roomVersion counts the states sent, so that the room drops one
	// that arrives after a newer one: each is sent by a command of its
	// own, and commands run side by side.
	roomVersion int64
	tally       room.Tally
	drops       room.Drops
	roomErr     error
	// roomRace is the race the room was last told of, and its spread
	// (see workshop_spread.go); in a replay, the spread kept with the
	// lesson on show.
	roomRace roomRace
}

// lessonRace is how one lesson's race came out, and where it was kept
// and saved.
type lessonRace struct {
	report  *measure.Report
	outcome workshop.Outcome
	// pick is the room's answer given before the race, -1 for none: it
	// is what the race scores, whatever is picked after.
	pick int
	// tally is the room's answers, closed when the race started.
	tally room.Tally
	kept  keptMsg
	saved savedMsg
	// roomKept says where the room at the race was kept, or why not.
	roomKept keptMsg
	// roomRace is the room's race of the lesson, 0 for none; roomResults
	// is what of its results the kept room was last written with, and
	// roomWriting says a write of it is in flight (see workshop_kept.go).
	roomRace    int64
	roomResults string
	roomWriting bool
	// roomCut is how many results the kept room holds, and left out.
	roomCut keptCount
}

func newWorkshop(c common, opts WorkshopOptions) workshopModel {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	n := len(opts.Workshop.Lessons)
	w := workshopModel{
		common: c, opts: opts, ws: opts.Workshop,
		picks: make([]int, n), races: make([]*lessonRace, n),
		clock: workshopClock{now: opts.Now},
	}
	for i := range w.picks {
		w.picks[i] = -1
	}
	if opts.Room != nil {
		// Init tells the room of the agenda, as version 1.
		w.roomSent, w.roomVersion = w.roomKey(w.roomState()), 1
	}
	return w
}

// lesson is the lesson on show.
func (w workshopModel) lesson() *workshop.Lesson { return w.ws.Lessons[w.at] }

// replaying reports whether races are replayed from kept runs.
func (w workshopModel) replaying() bool { return w.opts.Replays != nil }

// Update handles the workshop's keys, its clock, its room and the end of
// its races, then tells the room of any change.
func (w workshopModel) Update(msg tea.Msg) (workshopModel, tea.Cmd, intent) {
	at, revealed := w.at, w.stage == stageReveal
	w, cmd, in := w.update(msg)
	if in.kind == askRun || in.kind == askReplay {
		w.racing = true
	}
	// A participant that finished after the teacher's race is kept with
	// it, up to the moment the teacher leaves its reveal.
	var rekeep tea.Cmd
	if revealed && (w.at != at || w.stage != stageReveal) {
		rekeep = w.rekeepRoom(at)
	}
	w, sync := w.syncRoom()
	w = w.showKeptRoom()
	return w, tea.Batch(cmd, sync, rekeep), in
}

// update handles one message, as Update says.
func (w workshopModel) update(msg tea.Msg) (workshopModel, tea.Cmd, intent) {
	switch msg := msg.(type) {
	case roomTickMsg, roomPublishedMsg:
		w, cmd := w.updateRoom(msg)
		return w, cmd, intent{}
	case tea.KeyMsg:
		return w.updateKey(msg)
	case runEndedMsg:
		return w.raceEnded(msg)
	case workshopTickMsg:
		return w, w.tick(msg), intent{}
	case raceKeptMsg:
		if r := w.races[msg.lesson]; r != nil {
			r.kept = msg.keptMsg
		}
		return w, w.keepRoomBeside(msg.lesson, msg.keptMsg), intent{}
	case roomKeptMsg:
		return w, w.roomKeptDone(msg), intent{}
	case raceSavedMsg:
		if r := w.races[msg.lesson]; r != nil {
			r.saved = msg.savedMsg
		}
	}
	return w, nil, intent{}
}

// updateKey handles a key: pause and quit on every stage, then the stage's
// own.
func (w workshopModel) updateKey(msg tea.KeyMsg) (workshopModel, tea.Cmd, intent) {
	k := w.keys
	switch {
	case key.Matches(msg, k.Quit) && (w.quitting || !w.raced()):
		// Before any race there is no score to lose.
		return w, nil, intent{kind: askQuit}
	case key.Matches(msg, k.Quit):
		w.quitting = true
		return w, nil, intent{}
	case w.quitting:
		w.quitting = false
		return w, nil, intent{}
	case w.clock.paused:
		if key.Matches(msg, k.Pause) {
			return w, w.clock.resume(), intent{}
		}
		return w, nil, intent{}
	case key.Matches(msg, k.Pause) && w.stage != stageAgenda:
		w.clock.pause()
		return w, nil, intent{}
	}
	switch w.stage {
	case stageAgenda:
		return w.updateAgenda(msg)
	case stageEnd:
		switch {
		case key.Matches(msg, k.GoOn, k.Agenda):
			w.stage = stageAgenda
		case key.Matches(msg, k.PrevLesson):
			w.stage = stageLesson
		}
		return w, nil, intent{}
	}
	return w.updateLesson(msg)
}

// updateAgenda moves the agenda's cursor and begins at the lesson it is on.
func (w workshopModel) updateAgenda(msg tea.KeyMsg) (workshopModel, tea.Cmd, intent) {
	k := w.keys
	switch {
	case key.Matches(msg, k.Up):
		w.at = max(0, w.at-1)
	case key.Matches(msg, k.Down):
		w.at = min(len(w.ws.Lessons)-1, w.at+1)
	case key.Matches(msg, k.GoOn):
		w.stage, w.note = stageLesson, ""
		return w, w.clock.start(), intent{}
	}
	return w, nil, intent{}
}

// updateLesson handles the keys of a lesson's text, question and reveal.
func (w workshopModel) updateLesson(msg tea.KeyMsg) (workshopModel, tea.Cmd, intent) {
	k := w.keys
	switch {
	case key.Matches(msg, k.Agenda):
		w.stage = stageAgenda
	case w.stage == stagePredict && key.Matches(msg, k.Choose):
		if i, err := strconv.Atoi(msg.String()); err == nil && i <= len(w.lesson().Choices) {
			w.picks[w.at] = i - 1
		}
	case key.Matches(msg, k.GoOn):
		return w.goOn()
	case key.Matches(msg, k.Rerun) && w.stage == stageReveal:
		return w, nil, w.race()
	case key.Matches(msg, k.WhyDown) && w.stage == stageReveal:
		w.whyTop = min(w.whyTop+max(1, w.height/4), max(0, len(w.whyLines())-1))
	case key.Matches(msg, k.WhyUp) && w.stage == stageReveal:
		w.whyTop = max(0, w.whyTop-max(1, w.height/4))
	case key.Matches(msg, k.Save, k.Export) && w.stage == stageReveal:
		format := "json"
		if key.Matches(msg, k.Export) {
			format = "markdown"
		}
		return w, forLesson(w.at, saveReport(w.opts.SaveDir, w.races[w.at].report, format)), intent{}
	case key.Matches(msg, k.NextLesson):
		w = w.nextLesson()
	case key.Matches(msg, k.PrevLesson):
		w = w.prevLesson()
	}
	return w, nil, intent{}
}

// goOn moves the lesson on a stage: from its text to its question, from
// the question to the race, from the reveal to the next lesson.
func (w workshopModel) goOn() (workshopModel, tea.Cmd, intent) {
	switch w.stage {
	case stageLesson:
		w.stage = stagePredict
	case stagePredict:
		return w, nil, w.race()
	case stageReveal:
		w = w.nextLesson()
	}
	return w, nil, intent{}
}

// nextLesson shows the next lesson's text, or the score after the last.
func (w workshopModel) nextLesson() workshopModel {
	w.note = ""
	if w.at+1 >= len(w.ws.Lessons) {
		w.stage = stageEnd
		return w
	}
	w.at++
	w.stage = stageLesson
	return w
}

// prevLesson shows the previous lesson's text, or this one's from its
// question or reveal.
func (w workshopModel) prevLesson() workshopModel {
	w.note = ""
	if w.stage == stageLesson && w.at > 0 {
		w.at--
	}
	w.stage = stageLesson
	return w
}

// mark is how the room's answer to lesson i fared in its newest race.
func (w workshopModel) mark(i int) workshop.Mark {
	r := w.races[i]
	if r == nil || r.pick < 0 {
		return workshop.Unscored
	}
	return w.ws.Lessons[i].Choices[r.pick].Mark(r.outcome)
}

// raced reports whether any lesson has been raced.
func (w workshopModel) raced() bool {
	for _, r := range w.races {
		if r != nil {
			return true
		}
	}
	return false
}

// score counts the room's right answers and the answers scored.
func (w workshopModel) score() (right, scored int) {
	for i := range w.ws.Lessons {
		switch w.mark(i) {
		case workshop.Right:
			right++
			scored++
		case workshop.Wrong:
			scored++
		}
	}
	return right, scored
}

// Help is the keys of the stage on show.
func (w workshopModel) Help() helpKeys {
	choices := 0
	if w.stage == stagePredict {
		choices = len(w.lesson().Choices)
	}
	return w.keys.workshopHelp(w.stage, w.clock.paused, w.replaying(), choices)
}
