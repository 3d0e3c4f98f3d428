package tui

import (
	"io"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure/report"
)

// roomKeptMsg says where the room at a lesson's race was kept, beside the
// race, or why it was not.
type roomKeptMsg struct {
	lesson int
	keptMsg
}

func (roomKeptMsg) addressee() state { return stateWorkshop }

// keepRoom writes k, the room at a race, atomically beside the race kept
// at run, off the update loop.
func keepRoom(run string, k room.Kept) tea.Cmd {
	return func() tea.Msg {
		path := room.KeptPath(run)
		data, err := room.EncodeKept(k)
		if err == nil {
			err = report.WriteFile(path, func(out io.Writer) error {
				_, err := out.Write(data)
				return err
			})
		}
		return roomKeptMsg{lesson: k.Lesson, keptMsg: keptMsg{path: path, err: err}}
	}
}

// keepRoomBeside keeps the room at lesson's race beside the race, once the
// race is kept at run: the question asked and the answers, closed when the
// race started. Only a live room is kept: a replayed workshop's races are
// not kept again, nor their rooms.
func (w workshopModel) keepRoomBeside(lesson int, run keptMsg) tea.Cmd {
	r := w.races[lesson]
	if w.opts.Room == nil || r == nil || run.err != nil || run.path == "" {
		return nil
	}
	l := w.ws.Lessons[lesson]
	k := room.Kept{Lesson: lesson, Name: l.Path(), Question: l.Question, Answers: r.tally}
	for _, c := range l.Choices {
		k.Choices = append(k.Choices, c.Label())
	}
	return keepRoom(run.path, k)
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

// showKeptRoom puts the answers kept with the lesson on show where the
// question screen reads a live room's, for a replayed workshop.
func (w workshopModel) showKeptRoom() workshopModel {
	if w.opts.Room != nil {
		return w
	}
	w.tally = room.Tally{}
	if w.showsRoom() {
		w.tally = w.keptRoom(w.at).Answers
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
