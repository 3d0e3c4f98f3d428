package room

import (
	"slices"
	"strings"

	"github.com/nats-io/nats.go"
)

// maxRacers bounds the participants a race's results are kept for: a room
// is a room, and a flood of made-up IDs must not fill the teacher's memory.
const maxRacers = 4096

// results holds the participants' results, race by race. The Room's mutex
// guards it.
type results struct {
	// byRace holds each race's newest result of each participant.
	byRace map[int64]map[string]Result
	// known are the races the teacher showed: a result of any other is
	// made up, and dropped.
	known map[int64]bool
}

// takeResult keeps one participant's result, or drops it as malformed:
// it must pass Check, speak for the participant its subject names, and be
// of a race the teacher showed.
func (r *Room) takeResult(m *nats.Msg) {
	res, err := DecodeResult(m.Data)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.noteRace()
	if err != nil || m.Subject != SubjectResult+"."+res.ID || !r.results.known[res.Race] {
		r.dropped++
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
		r.dropped++
	case seen && old.Status.final():
		// A race ends once: a later word of it is a repeat, or a lie.
	default:
		race[res.ID] = res
	}
}

// noteRace remembers the race on show as one the teacher showed. The
// caller holds r.mu.
func (r *Room) noteRace() {
	if r.results.byRace == nil {
		r.results = results{byRace: map[int64]map[string]Result{}, known: map[int64]bool{}}
	}
	if r.state.Race != nil {
		r.results.known[r.state.Race.ID] = true
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
}

// NotFinished counts the participants whose race started and did not end
// with a result.
func (s Spread) NotFinished() int { return s.Started - len(s.Finished) }

// Results is each participant's newest word of race, as it stands, in
// the order of their IDs: what the teacher keeps with the race, and what
// SpreadOf reads.
func (r *Room) Results(race int64) []Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.noteRace()
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
