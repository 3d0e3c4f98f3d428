package labs

import (
	"fmt"
	"time"

	"github.com/perflab/perflab/measure"
)

// Expected returns how long the plan's run is expected to take, measuring
// alone, at every point of a sweep: a fixed design's repetitions and its
// warm-up, each as long as the duration; a run that goes on until decided
// at most its time budget, or its warm-up round if that alone is longer.
// Setting the lab up comes on top, and a strategy that finishes a batch past
// the duration takes longer; an operation bound can end repetitions sooner,
// and a run until decided usually stops well inside its budget.
//
// A run that profiles its strategies adds its profiling rounds after the
// verdict (see profiling).
func (p *Plan) Expected() time.Duration { return p.measured() + p.profiling() }

// measured is the time of the plan's measured rounds (see Expected).
func (p *Plan) measured() time.Duration {
	var total time.Duration
	for _, pt := range p.points() {
		c := pt.Config
		reps, d := repsAndDuration(c)
		round := time.Duration(len(p.Strategies)) * d
		if reps == 0 {
			total += max(maxTime(c), round)
			continue
		}
		total += time.Duration(reps+1) * round
	}
	return total
}

// profiling is the time of the profiling rounds a run that profiles adds
// after its verdict, a share of the measured time within the engine's
// bounds (measure.ProfileTime), or 0 for a run that does not profile. A
// sweep is never profiled.
func (p *Plan) profiling() time.Duration {
	if !p.Config.Profile || p.Sweep != nil {
		return 0
	}
	return measure.ProfileTime(p.measured())
}

// repsAndDuration returns c's repetitions (0: rounds until decided) and
// their duration, the engine's default standing in for a zero duration.
func repsAndDuration(c measure.Config) (int, time.Duration) {
	d := c.RepDuration
	if d == 0 {
		d = measure.DefaultRepDuration
	}
	return c.Reps, d
}

// maxTime is c's time budget, the engine's default standing in for zero.
func maxTime(c measure.Config) time.Duration {
	if c.MaxTime == 0 {
		return measure.DefaultMaxTime
	}
	return c.MaxTime
}

// ExpectedLine says in a line how long the plan's run is expected to take
// and how that comes about: "about 3.3s: 3 strategies × 11 repetitions
// (one a warm-up) × 100ms", or for a run until decided "at most 30s: rounds
// of 3 strategies × 10ms until every comparison is decided", with ", then
// 6s of profiling rounds" when the run profiles. The command line and the
// TUI's set-up both say it.
func (p *Plan) ExpectedLine() string {
	reps, d := repsAndDuration(p.Config)
	n := len(p.Strategies)
	var line string
	if reps == 0 {
		line = fmt.Sprintf("at most %s: rounds of %d %s × %v until every comparison is decided",
			Humanize(p.Expected()), n, plural(n, "strategy", "strategies"), d)
	} else {
		line = fmt.Sprintf("about %s: %d %s × %d repetitions (one a warm-up) × %v",
			Humanize(p.Expected()), n, plural(n, "strategy", "strategies"), reps+1, d)
	}
	if p.Sweep != nil {
		line += fmt.Sprintf(" × %d sweep points", len(p.Sweep.Points))
	}
	if prof := p.profiling(); prof > 0 {
		line += fmt.Sprintf(", then %s of profiling rounds", Humanize(prof))
	}
	if round := time.Duration(n) * d; reps == 0 && 2*round > maxTime(p.Config) {
		line += fmt.Sprintf("; the %v budget leaves no room for a measured round after the warm-up: raise the budget or shorten the repetitions", maxTime(p.Config))
	}
	return line
}

// Humanize writes a duration as a person reads it: "850ms", "3.3s",
// "2m30s", "33h0m".
func Humanize(d time.Duration) string {
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	case d < time.Hour:
		return d.Round(time.Second).String()
	}
	h := d.Round(time.Minute)
	return fmt.Sprintf("%dh%dm", int(h.Hours()), int(h.Minutes())%60)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
