package labs

import (
	"fmt"
	"time"

	"github.com/perflab/perflab/measure"
)

// Expected returns how long the plan's run is expected to take, measuring
// alone: every strategy's repetitions and its warm-up, each as long as the
// duration, at every point of a sweep. Setting the lab up comes on top, and
// a strategy that finishes a batch past the duration takes longer; an
// operation bound can end repetitions sooner.
func (p *Plan) Expected() time.Duration {
	var total time.Duration
	for _, pt := range p.points() {
		reps, d := repsAndDuration(pt.Config)
		total += time.Duration(reps+1) * time.Duration(len(p.Strategies)) * d
	}
	return total
}

// repsAndDuration returns c's repetitions and their duration, the engine's
// defaults standing in for zeros.
func repsAndDuration(c measure.Config) (int, time.Duration) {
	reps, d := c.Reps, c.RepDuration
	if reps == 0 {
		reps = measure.DefaultReps
	}
	if d == 0 {
		d = measure.DefaultRepDuration
	}
	return reps, d
}

// ExpectedLine says in a line how long the plan's run is expected to take
// and how that comes about: "about 3.3s: 3 strategies × 11 repetitions
// (one a warm-up) × 100ms".
func (p *Plan) ExpectedLine() string {
	reps, d := repsAndDuration(p.Config)
	line := fmt.Sprintf("about %s: %d %s × %d repetitions (one a warm-up) × %v",
		Humanize(p.Expected()), len(p.Strategies), plural(len(p.Strategies), "strategy", "strategies"), reps+1, d)
	if p.Sweep != nil {
		line += fmt.Sprintf(" × %d sweep points", len(p.Sweep.Points))
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
