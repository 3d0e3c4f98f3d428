package tui

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/labs/workshop"
	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure"
)

// roomTickMsg reads the room's answers again, once a second.
type roomTickMsg struct{}

// roomPublishedMsg says whether the lesson's state reached the room's
// server.
type roomPublishedMsg struct{ err error }

func (roomTickMsg) addressee() state      { return stateWorkshop }
func (roomPublishedMsg) addressee() state { return stateWorkshop }

// roomTick waits a second before the room's answers are read again.
func roomTick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return roomTickMsg{} })
}

// publishRoom sends s, the workshop's state of version, to the room.
func publishRoom(r WorkshopRoom, version int64, s room.State) tea.Cmd {
	return func() tea.Msg { return roomPublishedMsg{err: r.PublishVersion(version, s)} }
}

// Init starts the room's clock and tells the room where the workshop
// begins, when there is a room.
func (w workshopModel) Init() tea.Cmd {
	if w.opts.Room == nil {
		return nil
	}
	// Version 1 is the first state; syncRoom goes on from it.
	return tea.Batch(roomTick(), publishRoom(w.opts.Room, 1, w.roomState()))
}

// roomState is the stage on show as the room sees it.
func (w workshopModel) roomState() room.State {
	s := room.State{Title: w.ws.Title, Lesson: -1, Lessons: len(w.ws.Lessons), Phase: room.PhaseAgenda}
	switch {
	case w.stage == stageAgenda:
		return s
	case w.stage == stageEnd:
		s.Phase = room.PhaseEnd
		return s
	}
	l := w.lesson()
	s.Lesson, s.Name, s.Question = w.at, l.Path(), l.Question
	for _, c := range l.Choices {
		s.Choices = append(s.Choices, c.Label())
	}
	switch {
	case w.racing:
		s.Phase = room.PhaseRace
	case w.stage == stageLesson:
		s.Phase = room.PhaseLesson
	case w.stage == stagePredict:
		s.Phase = room.PhaseQuestion
	default:
		s.Phase = room.PhaseReveal
	}
	return s
}

// syncRoom tells the room of a change of stage, lesson or race, once.
func (w workshopModel) syncRoom() (workshopModel, tea.Cmd) {
	if w.opts.Room == nil {
		return w, nil
	}
	s := w.roomState()
	k := w.roomKey(s)
	if k == w.roomSent {
		return w, nil
	}
	w.roomSent = k
	w.roomVersion++
	w, s = w.withRace(s)
	return w, publishRoom(w.opts.Room, w.roomVersion, s)
}

// roomKey is what of a state the room is told again when it changes: the
// lesson and the phase.
func (w workshopModel) roomKey(s room.State) string { return fmt.Sprintf("%d %s", s.Lesson, s.Phase) }

// updateRoom handles the room's messages: the tally and the race's
// spread read again, a state that did not reach the server.
func (w workshopModel) updateRoom(msg tea.Msg) (workshopModel, tea.Cmd) {
	switch msg := msg.(type) {
	case roomTickMsg:
		if w.stage != stageAgenda && w.stage != stageEnd {
			w.tally = w.opts.Room.Tally(w.at, len(w.lesson().Choices))
		}
		w.drops = w.opts.Room.Drops()
		w = w.readSpread()
		// A participant whose race ends after the teacher left it is
		// kept with it too, in the room kept beside it, while the
		// workshop is open: the room takes such a result within
		// room.LateResults of the teacher leaving the race.
		cmds := []tea.Cmd{roomTick()}
		for i := range w.races {
			cmds = append(cmds, w.rekeepRoom(i))
		}
		return w, tea.Batch(cmds...)
	case roomPublishedMsg:
		w.roomErr = msg.err
	}
	return w, nil
}

// roomJoinLine is what a participant types to join, for the agenda.
func (w workshopModel) roomJoinLine() string {
	r := w.opts.Room
	return fmt.Sprintf("perflab join %s --token %s", r.Address(), r.Token())
}

// roomAnsweredLine says how many have answered the question on show.
func (w workshopModel) roomAnsweredLine() string {
	n := w.tally.Total
	line := fmt.Sprintf("%d in the room answered", n)
	if n == 1 {
		line = "1 in the room answered"
	}
	if w.drops.Total() > 0 {
		line += " (" + dropsText(w.drops) + ")"
	}
	if w.roomErr != nil {
		line += "; ✗ the room did not hear the lesson: " + w.roomErr.Error()
	}
	return line
}

// roomBars draws the room's answers to the lesson of race as a bar chart,
// each choice marked by how it fared against the race's outcome, and the
// room's score.
func (w workshopModel) roomBars(race *lessonRace, width int) string {
	st := w.styles
	t := race.tally
	if t.Total == 0 {
		return st.Faint.Render("No one in the room answered.")
	}
	l := w.lesson()
	// The bars take a quarter of the width, the choices' labels what is
	// left of it, within a line that is read from across a room.
	barW := max(4, min(30, width/4))
	labelW := max(16, min(48, width-barW-12))
	right := 0
	lines := []string{fmt.Sprintf("The room's %d answers:", t.Total)}
	for i, c := range l.Choices {
		n := 0
		if i < len(t.Counts) {
			n = t.Counts[i]
		}
		m := c.Mark(race.outcome)
		glyph, _ := markOf(m, true)
		if m == workshop.Right {
			right += n
		}
		bar := strings.Repeat("█", (n*barW+t.Total-1)/t.Total)
		bar += strings.Repeat(" ", barW-lipgloss.Width(bar))
		label := fitWidth(fmt.Sprintf("%d) %s", i+1, c.Label()), labelW)
		label += strings.Repeat(" ", max(0, labelW-lipgloss.Width(label)))
		row := fmt.Sprintf("%s %s %s %3d", label, glyph, bar, n)
		switch m {
		case workshop.Right:
			row = st.Verdict(measure.Faster, row)
		case workshop.Wrong:
			row = st.Faint.Render(row)
		}
		lines = append(lines, row)
	}
	lines = append(lines, fmt.Sprintf("%d of %d in the room were right", right, t.Total))
	return strings.Join(lines, "\n")
}

// dropsText says how many of the room's messages were dropped, and why:
// "2 malformed messages dropped", or "3 messages dropped: 1 too large, 2
// with a name not on one line".
func dropsText(d room.Drops) string {
	var why []string
	for _, c := range []struct {
		n    int
		what string
	}{
		{d.Large, "too large"},
		{d.Malformed, "malformed"},
		{d.Name, "with a name not on one line"},
		{d.Late, fmt.Sprintf("of races left more than %s before", minutes(room.LateResults))},
		{d.Full, "beyond the room's participants"},
	} {
		if c.n > 0 {
			why = append(why, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	messages := "messages"
	if d.Total() == 1 {
		messages = "message"
	}
	if len(why) == 1 && d.Malformed > 0 {
		return fmt.Sprintf("%d malformed %s dropped", d.Malformed, messages)
	}
	return fmt.Sprintf("%d %s dropped: %s", d.Total(), messages, strings.Join(why, ", "))
}
