package tui

import (
	"fmt"
	"io"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure/report"
)

// roomKeptMsg says where the room at a lesson's race was kept, beside the
// race, or why it was not.
type roomKeptMsg struct {
	lesson int
	keptMsg
	// results counts the participants' results kept, leftOut those that
	// did not fit in the file (room.Kept.LeftOut).
	results, leftOut int
}

func (roomKeptMsg) addressee() state { return stateWorkshop }

// keepRoom writes k, the room at a race, with the participants' results
// rs (as many as fit, see room.Kept.KeepResults), atomically beside the
// race kept at run, off the update loop: a full room's results take a
// while to encode.
func keepRoom(run string, k room.Kept, rs []room.Result) tea.Cmd {
	return func() tea.Msg {
		path := room.KeptPath(run)
		err := k.KeepResults(rs)
		var data []byte
		if err == nil {
			data, err = room.EncodeKept(k)
		}
		if err == nil {
			err = report.WriteFile(path, func(out io.Writer) error {
				_, err := out.Write(data)
				return err
			})
		}
		return roomKeptMsg{lesson: k.Lesson, keptMsg: keptMsg{path: path, err: err}, results: len(k.Results), leftOut: k.LeftOut}
	}
}

// keepRoomBeside keeps the room at lesson's race beside the race, once the
// race is kept at run: the question asked, the answers, closed when the
// race started, and the participants' results as they stand. Only a live
// room is kept: a replayed workshop's races are not kept again, nor their
// rooms.
func (w workshopModel) keepRoomBeside(lesson int, run keptMsg) tea.Cmd {
	r := w.races[lesson]
	if w.opts.Room == nil || r == nil || run.err != nil || run.path == "" {
		return nil
	}
	return w.keepRoomOf(lesson)
}

// keepRoomOf writes the room kept beside lesson's kept race with the
// results the room has now, and notes what it wrote, so that the file is
// written again when more arrive. One write is in flight at a time: two
// side by side could land the older last.
func (w workshopModel) keepRoomOf(lesson int) tea.Cmd {
	r := w.races[lesson]
	l := w.ws.Lessons[lesson]
	k := room.Kept{Lesson: lesson, Name: l.Path(), Question: l.Question, Answers: r.tally}
	for _, c := range l.Choices {
		k.Choices = append(k.Choices, c.Label())
	}
	results := w.raceResults(r)
	r.roomWriting, r.roomResults = true, resultsKey(results)
	return keepRoom(r.kept.path, k, results)
}

// raceResults is each participant's newest word of the room's race of r,
// none when the room raced nothing with it.
func (w workshopModel) raceResults(r *lessonRace) []room.Result {
	if r.roomRace == 0 {
		return nil
	}
	return w.opts.Room.Results(r.roomRace)
}

// rekeepRoom writes lesson's kept room again when the participants' words
// of its race changed since it was last written, and none is in flight.
func (w workshopModel) rekeepRoom(lesson int) tea.Cmd {
	if w.opts.Room == nil || lesson < 0 || lesson >= len(w.races) {
		return nil
	}
	r := w.races[lesson]
	if r == nil || r.roomWriting || r.kept.err != nil || r.kept.path == "" || r.roomKept.path == "" && r.roomKept.err == nil {
		return nil
	}
	if resultsKey(w.raceResults(r)) == r.roomResults {
		return nil
	}
	return w.keepRoomOf(lesson)
}

// roomKeptDone notes that lesson's kept room was written, or why not, and
// writes it again when more results arrived meanwhile.
func (w workshopModel) roomKeptDone(msg roomKeptMsg) tea.Cmd {
	r := w.races[msg.lesson]
	// A write for an earlier race of the lesson, raced again since, is
	// not this race's.
	if r == nil || msg.path != "" && msg.path != room.KeptPath(r.kept.path) {
		return nil
	}
	r.roomKept, r.roomWriting = msg.keptMsg, false
	if msg.err != nil {
		return nil
	}
	r.roomCut = keptCount{kept: msg.results, leftOut: msg.leftOut}
	return w.rekeepRoom(msg.lesson)
}

// resultsKey is what of the participants' words a kept room is written
// again for: who said what. A race's word changes only from racing to how
// it ended, so the statuses tell every change.
func resultsKey(rs []room.Result) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%s %s\n", r.ID, r.Status)
	}
	return b.String()
}

// keptRoom is the room kept with lesson i's race, which a replayed
// workshop without a room of its own shows: nil when there is none.
func (w workshopModel) keptRoom(i int) *room.Kept {
	if w.opts.Room != nil || i >= len(w.opts.KeptRooms) {
		return nil
	}
	return w.opts.KeptRooms[i]
}

// showsRoom reports whether the lesson on show has a room to show: the
// live one, or the one kept with the race it replays.
func (w workshopModel) showsRoom() bool {
	return w.opts.Room != nil || w.stage != stageAgenda && w.stage != stageEnd && w.keptRoom(w.at) != nil
}

// showKeptRoom puts the room kept with the lesson on show where the
// question screen and the reveal read a live room's, for a replayed
// workshop: its answers, and its machines' spread as the reveal showed it.
func (w workshopModel) showKeptRoom() workshopModel {
	if w.opts.Room != nil {
		return w
	}
	w.tally, w.roomRace = room.Tally{}, roomRace{}
	if w.showsRoom() {
		k := w.keptRoom(w.at)
		s, err := k.Spread()
		if err != nil {
			w.note = "✗ the room's results kept with the race could not be read: " + err.Error()
		}
		w.tally, w.roomRace = k.Answers, roomRace{lesson: w.at, spread: s}
	}
	return w
}

// roomKeptNote says the room at the race was not kept beside it, when it
// was not; where it was goes without saying, beside the race.
func (w workshopModel) roomKeptNote(race *lessonRace) string {
	if race.roomKept.err == nil {
		return ""
	}
	return w.styles.Error.Render(fitWidth("✗ the room's answers were not kept: "+race.roomKept.err.Error(), w.width))
}

// keptCount is how many of the room's results a kept room holds, and how
// many did not fit in its file.
type keptCount struct{ kept, leftOut int }

// text says how many were kept, when some were left out: "400 of 812
// machines kept".
func (c keptCount) text() string {
	if c.leftOut == 0 {
		return ""
	}
	return fmt.Sprintf("%d of %d machines kept", c.kept, c.kept+c.leftOut)
}
