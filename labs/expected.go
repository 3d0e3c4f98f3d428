package labs

import (
	"fmt"
	"time"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// Building a Python strategy starts a worker process of its own, which
// starts CPython and imports the bench: about 0.1 s on a quiet machine of
// two cores and up to a second on a loaded one. The expected time counts
// the first; the time bound of the run (cmd/perflab) allows the second, for
// the same set-ups (Setups).
const (
	PythonSetupQuiet  = 100 * time.Millisecond
	PythonSetupLoaded = time.Second
)

// Expected returns how long the plan's run is expected to take, measuring
// alone, at every point of a sweep: a fixed design's repetitions and its
// warm-up, each as long as the duration; a run that goes on until decided
// at most its time budget, or its warm-up round if that alone is longer;
// and the Python workers it starts (Setups), each at its quiet time. Other
// set-up comes on top, and a strategy that finishes a batch past the
// duration takes longer; an operation bound can end repetitions sooner,
// and a run until decided usually stops well inside its budget.
//
// A run that profiles its strategies adds its profiling rounds after the
// verdict (see profiling).
func (p *Plan) Expected() time.Duration {
	return p.measured() + time.Duration(p.Setups())*PythonSetupQuiet + p.profiling()
}

// measured is the time of the plan's measured rounds (see Expected).
func (p *Plan) measured() time.Duration {
	var total time.Duration
	for _, pt := range p.points() {
		c := pt.Config.WithDefaults()
		round := time.Duration(len(p.Strategies)) * c.RepDuration
		if c.Reps == 0 {
			total += max(c.MaxTime, round)
			continue
		}
		total += time.Duration(c.Reps+1) * round
	}
	return total
}

// Repetitions returns how many repetitions a fixed design runs, warm-ups
// included, over every strategy and point of a sweep; 0 for a run until
// decided, whose budget bounds them instead.
func (p *Plan) Repetitions() int {
	total := 0
	for _, pt := range p.points() {
		if reps := pt.Config.Reps; reps > 0 {
			total += (reps + 1) * len(p.Strategies)
		}
	}
	return total
}

// Setups returns how many Python worker processes the plan's run starts,
// at every point of a sweep: one a strategy, and one more a strategy for
// every block of a fixed design's rounds, as the engine will build them
// afresh (measure.FreshBuilds, at the quiet time, which gives the most
// blocks). The data workloads and a person's file are built afresh; the
// few that keep one worker (their Python options say so, which the
// catalogue does not show) are counted as if they did not, an upper count
// the time bound needs. A run until decided counts only its first workers:
// what it builds later is within its budget. A Go workload starts no
// worker: 0.
func (p *Plan) Setups() int {
	if p.Workload == nil || p.Workload.Language() != lab.LangPython {
		return 0
	}
	n := len(p.Strategies)
	total := 0
	for _, pt := range p.points() {
		d := pt.Config.WithDefaults().RepDuration
		builds := measure.FreshBuilds(pt.Config, int64(n)*int64(PythonSetupQuiet), int64(n)*int64(d))
		total += n * (1 + builds)
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

// ExpectedLine says in a line how long the plan's run is expected to take
// and how that comes about: "about 3.3s: 3 strategies × 11 repetitions
// (one a warm-up) × 100ms", or for a run until decided "at most 30s: rounds
// of 3 strategies × 10ms until decided, each speedup to ±5% if the budget
// allows", with ", plus
// 18 Python workers started, about 100ms each (up to 1s on a loaded
// machine)" for the workers it starts (Setups) and ", then 6s of profiling
// rounds" when the run profiles. The command line, the TUI's set-up and the
// workshop's race line all say it.
func (p *Plan) ExpectedLine() string {
	c := p.Config.WithDefaults()
	reps, d := c.Reps, c.RepDuration
	n := len(p.Strategies)
	var line string
	if reps == 0 {
		// The run goes on past a faster or slower verdict for the
		// speedup's precision, while the budget can reach it (measure's
		// stopping rule): the line says so, or a run still going after
		// its verdicts seems to ignore its own rule.
		line = fmt.Sprintf("at most %s: rounds of %d %s × %v until decided, each speedup to ±%g%% if the budget allows",
			Humanize(p.Expected()), n, plural(n, "strategy", "strategies"), d, 100*c.Margin)
	} else {
		line = fmt.Sprintf("about %s: %d %s × %d repetitions (one a warm-up) × %v",
			Humanize(p.Expected()), n, plural(n, "strategy", "strategies"), reps+1, d)
	}
	if p.Sweep != nil {
		line += fmt.Sprintf(" × %d sweep points", len(p.Sweep.Points))
	}
	if w := p.Setups(); w > 0 {
		line += fmt.Sprintf(", plus %d Python %s started, about %v each (up to %v on a loaded machine)",
			w, plural(w, "worker", "workers"), PythonSetupQuiet, PythonSetupLoaded)
	}
	if prof := p.profiling(); prof > 0 {
		line += fmt.Sprintf(", then %s of profiling rounds", Humanize(prof))
	}
	if round := time.Duration(n) * d; reps == 0 && 2*round > c.MaxTime {
		line += fmt.Sprintf("; the %v budget leaves no room for a measured round after the warm-up: raise the budget or shorten the repetitions", c.MaxTime)
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
