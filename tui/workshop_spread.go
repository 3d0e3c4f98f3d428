package tui

import (
	"fmt"
	"slices"
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
	strategy := spreadStrategy(s.Finished, race.outcome)
	top := 0.0
	for _, res := range s.Finished {
		top = max(top, shownSpeedup(res, strategy).Speedup)
	}
	barW := max(4, min(24, width/5))
	shown := s.Finished
	if len(shown) > rows {
		shown = shown[:max(rows-1, 0)]
	}
	for _, res := range shown {
		sp := shownSpeedup(res, strategy)
		n := int(sp.Speedup / top * float64(barW))
		bar := strings.Repeat("█", max(n, 1))
		bar += strings.Repeat(" ", max(0, barW-lipgloss.Width(bar)))
		name := shownName(res.Name)
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
	// A kept room's file holds so many results: the live reveal says
	// how many of them its kept room holds, a replay how many it read.
	cut := race.roomCut
	if s.LeftOut > 0 {
		cut = keptCount{kept: s.Kept(), leftOut: s.LeftOut}
	}
	if text := cut.text(); text != "" {
		tail = append(tail, text)
	}
	if len(tail) > 0 {
		lines = append(lines, st.Faint.Render(fitWidth(strings.Join(tail, "; "), width)))
	}
	return strings.Join(lines, "\n")
}

// spreadStrategy is the strategy whose speed-up the spread shows on every
// machine, so that the bars compare like with like: the winner of the
// teacher's race, or, when it did not decide or the baseline won (which
// has no speed-up over itself), the strategy the room's machines sped up
// most, by the median of their speed-ups.
func spreadStrategy(finished []room.Result, o workshop.Outcome) string {
	by := map[string][]float64{}
	var names []string
	for _, res := range finished {
		for _, sp := range res.Speedups {
			if by[sp.Strategy] == nil {
				names = append(names, sp.Strategy)
			}
			by[sp.Strategy] = append(by[sp.Strategy], sp.Speedup)
		}
	}
	if _, raced := by[o.Winner]; o.Kind == workshop.Won && raced {
		return o.Winner
	}
	best, bestMedian := "", 0.0
	for _, n := range names {
		v := by[n]
		slices.Sort(v)
		if m := v[len(v)/2]; best == "" || m > bestMedian {
			best, bestMedian = n, m
		}
	}
	return best
}

// shownSpeedup is the speed-up of strategy in a participant's race, or, in
// a race that left it out, the participant's largest.
func shownSpeedup(res room.Result, strategy string) room.Speedup {
	best := res.Speedups[0]
	for _, sp := range res.Speedups {
		if sp.Strategy == strategy {
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
