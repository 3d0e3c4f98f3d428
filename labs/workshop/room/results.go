package room

import (
	"slices"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
)

// maxRacers bounds the participants a race's results are kept for: a room
// is a room, and a flood of made-up IDs must not fill the teacher's memory.
const maxRacers = 4096

// LateResults bounds how late a participant's result of a race is taken,
// counted from the moment the teacher left the race (moved on from its
// reveal): a participant's race starts at the latest then, and ends
// within its own time bound, at most maxRaceTime and its set-up's grace;
// a minute more lets the word travel. A later result is dropped as late.
const LateResults = maxRaceTime + time.Minute

// results holds the participants' results, race by race. The Room's mutex
// guards it.
type results struct {
	// byRace holds each race's newest result of each participant.
	byRace map[int64]map[string]Result
	// shown are the races the teacher showed, each with the moment the
	// teacher left it, zero while it is on show: a result of any other
	// race is made up, and dropped, and one that arrives more than
	// LateResults after its race was left is late, and dropped.
	shown map[int64]time.Time
}

// takeResult keeps one participant's result, or drops it and counts why:
// it must pass Check, speak for the participant its subject names, with a
// name fit to show, and be of a race the teacher showed and did not leave
// too long ago.
func (r *Room) takeResult(m *nats.Msg) {
	res, err := DecodeResult(m.Data)
	r.mu.Lock()
	defer r.mu.Unlock()
	left, shown := r.results.shown[res.Race]
	switch {
	case err != nil:
		r.dropReceived(m.Data)
		return
	case m.Subject != SubjectResult+"."+res.ID || !shown:
		r.drops.Malformed++
		return
	case CheckName(res.Name) != nil:
		r.drops.Name++
		return
	case !left.IsZero() && r.now().Sub(left) > LateResults:
		r.drops.Late++
		return
	}
	race := r.results.byRace[res.Race]
	if race == nil {
		race = map[string]Result{}
		r.results.byRace[res.Race] = race
	}
	old, seen := race[res.ID]
	switch {
	case !seen && len(race) >= maxRacers:
		r.drops.Full++
	case seen && old.Status.final():
		// A race ends once: a later word of it is a repeat, or a lie.
	default:
		race[res.ID] = res
	}
}

// showRace notes that the teacher shows the race of s, if any, and no
// longer the race of was, if another: from now on the late bound of
// was's results counts. The caller holds r.mu.
func (r *Room) showRace(was, s State) {
	if was.Race != nil && (s.Race == nil || s.Race.ID != was.Race.ID) {
		r.results.shown[was.Race.ID] = r.now()
	}
	if s.Race != nil {
		r.results.shown[s.Race.ID] = time.Time{}
	}
}

// A Spread is what the room's machines made of one race: the results of
// those that finished, and how many started and did not.
type Spread struct {
	// Finished are the results of the races done, by cores, fewest
	// first, then by name.
	Finished []Result
	// Started counts the participants whose race started: those done,
	// those that failed, and those still racing or gone silent.
	Started int
	// Failed counts those that said their race failed; Declined those
	// that did not say yes to the race's commands.
	Failed, Declined int
	// LeftOut counts the results a kept room did not keep (Kept.LeftOut),
	// which the counts above leave out; 0 for a live room's.
	LeftOut int
}

// Kept counts the results the spread was drawn from.
func (s Spread) Kept() int { return s.Started + s.Declined }

// NotFinished counts the participants whose race started and did not end
// with a result.
func (s Spread) NotFinished() int { return s.Started - len(s.Finished) }

// Results is each participant's newest word of race, as it stands, in
// the order of their IDs: what the teacher keeps with the race, and what
// SpreadOf reads.
func (r *Room) Results(race int64) []Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	rs := make([]Result, 0, len(r.results.byRace[race]))
	for _, res := range r.results.byRace[race] {
		rs = append(rs, res)
	}
	slices.SortFunc(rs, func(a, b Result) int { return strings.Compare(a.ID, b.ID) })
	return rs
}

// Spread reads the room's results of race as they stand: what arrived,
// never waiting for what did not.
func (r *Room) Spread(race int64) Spread { return SpreadOf(r.Results(race)) }

// SpreadOf is what the room's machines made of one race, from each
// participant's newest word of it: a live room's, or the one kept with the
// race, so that a replay shows the spread as it was shown.
func SpreadOf(results []Result) Spread {
	var s Spread
	for _, res := range results {
		switch res.Status {
		case StatusDeclined:
			s.Declined++
			continue
		case StatusDone:
			s.Finished = append(s.Finished, res)
		case StatusFailed:
			s.Failed++
		}
		s.Started++
	}
	slices.SortFunc(s.Finished, func(a, b Result) int {
		if a.Machine.Cores != b.Machine.Cores {
			return a.Machine.Cores - b.Machine.Cores
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return s
}
