package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/labs/workshop"
	"github.com/perflab/perflab/labs/workshop/room"
)

// roomRace is the race the room was last told of: its ID, the lesson it
// is of, and what the participants' machines made of it, read again once a
// second.
type roomRace struct {
	id     int64
	lesson int
	spread room.Spread
}

// newRaceID names a race the room is told of: the clock's nanoseconds, so
// that a participant who raced a lesson before a teacher's perflab was
// restarted still races it again, and above the last one.
func (w workshopModel) newRaceID() int64 {
	return max(w.opts.Now().UnixNano(), w.roomRace.id+1)
}

// raceOf is the lesson's race as a participant needs it to run the same
// race on its own machine.
func raceOf(l *workshop.Lesson, id int64) *room.Race {
	r := &room.Race{ID: id, Path: l.Path(), Strategies: l.Spec.Strategies,
		MaxTimeNs: int64(l.Spec.Config.MaxTime), Reps: l.Spec.Config.Reps}
	if len(l.Spec.Params) > 0 {
		r.Params = map[string]string{}
		for k, v := range l.Spec.Params {
			r.Params[k] = v
		}
	}
	return r
}

// withRace adds to s, the state about to be told, the race on show: a new
// one when the race starts, the same one at its reveal.
func (w workshopModel) withRace(s room.State) (workshopModel, room.State) {
	if s.Phase == room.PhaseRace {
		w.roomRace = roomRace{id: w.newRaceID(), lesson: s.Lesson}
	}
	if w.roomRace.id != 0 && w.roomRace.lesson == s.Lesson && (s.Phase == room.PhaseRace || s.Phase == room.PhaseReveal) {
		s.Race = raceOf(w.lesson(), w.roomRace.id)
	}
	return w, s
}

// readSpread reads the room's results of the race on show again.
func (w workshopModel) readSpread() workshopModel {
	if w.roomRace.id != 0 {
		w.roomRace.spread = room.SpreadOf(w.opts.Room.Results(w.roomRace.id))
	}
	return w
}

// roomSpread draws what the participants' machines made of the lesson's
// race, beside the teacher's own: each finished machine's cores and the
// speed-up it measured, fewest cores first, in at most rows rows, and how
// many did not finish. It is "" when no one in the room raced.
func (w workshopModel) roomSpread(race *lessonRace, width, rows int) string {
	rr := w.roomRace
	s := rr.spread
	if rr.lesson != w.at || s.Started+s.Declined == 0 {
		return ""
	}
	st := w.styles
	head := fmt.Sprintf("The room's machines: %d of %d raced to the end", len(s.Finished), s.Started)
	lines := []string{head}
	// The bars share one scale, the largest speed-up shown, so that the
	// room sees the spread at a glance.
	top := 0.0
	for _, res := range s.Finished {
		top = max(top, shownSpeedup(res, race.outcome).Speedup)
	}
	barW := max(4, min(24, width/5))
	shown := s.Finished
	if len(shown) > rows {
		shown = shown[:max(rows-1, 0)]
	}
	for _, res := range shown {
		sp := shownSpeedup(res, race.outcome)
		n := int(sp.Speedup / top * float64(barW))
		bar := strings.Repeat("█", max(n, 1))
		bar += strings.Repeat(" ", max(0, barW-lipgloss.Width(bar)))
		name := res.Name
		if name == "" {
			name = "·"
		}
		row := fmt.Sprintf("%3d cores  %-14s %s %s %s", res.Machine.Cores,
			fitWidth(res.Machine.OS+"/"+res.Machine.Arch, 14), bar, speedupText(sp), name)
		lines = append(lines, fitWidth(row, width))
	}
	if more := len(s.Finished) - len(shown); more > 0 {
		lines = append(lines, st.Faint.Render(fmt.Sprintf("… and %d more machines", more)))
	}
	var tail []string
	if n := s.NotFinished(); n > 0 {
		tail = append(tail, fmt.Sprintf("%d of %d did not finish", n, s.Started))
	}
	if s.Declined > 0 {
		tail = append(tail, fmt.Sprintf("%d did not run it", s.Declined))
	}
	if len(tail) > 0 {
		lines = append(lines, st.Faint.Render(fitWidth(strings.Join(tail, "; "), width)))
	}
	return strings.Join(lines, "\n")
}

// shownSpeedup is the speed-up of a participant's race the spread shows:
// that of the strategy that won the teacher's race, when the participant
// raced it against the baseline, else the participant's largest.
func shownSpeedup(res room.Result, o workshop.Outcome) room.Speedup {
	best := res.Speedups[0]
	for _, sp := range res.Speedups {
		if o.Kind == workshop.Won && sp.Strategy == o.Winner {
			return sp
		}
		if sp.Speedup > best.Speedup {
			best = sp
		}
	}
	return best
}

// speedupText is "map 1.95× (1.80× to 2.10×)", the interval left out when
// the race drew none.
func speedupText(sp room.Speedup) string {
	s := sp.Strategy + " " + workshop.Times(sp.Speedup)
	if sp.Lo > 0 && sp.Hi > 0 {
		s += fmt.Sprintf(" (%s to %s)", workshop.Times(sp.Lo), workshop.Times(sp.Hi))
	}
	return s
}
