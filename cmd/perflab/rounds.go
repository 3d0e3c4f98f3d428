package main

import (
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/perflab/perflab/measure"
)

// roundFlags are how many rounds a race runs, the same for run, exec and
// http: a fixed number, or rounds until every comparison is decided within a
// time budget.
type roundFlags struct {
	reps    int
	maxTime time.Duration
	margin  float64
}

// addFlags declares the flags.
func (f *roundFlags) addFlags(fl *pflag.FlagSet) {
	fl.IntVar(&f.reps, "reps", measure.DefaultReps, "a fixed design: this many measured rounds, after one warm-up (0: rounds until every comparison is decided or --max-time ends)")
	fl.DurationVar(&f.maxTime, "max-time", measure.DefaultMaxTime, "time budget of a run that goes on until decided")
	fl.Float64Var(&f.margin, "margin", measure.DefaultMargin, "equivalence margin of ~: 0.05 means no difference larger than ±5%")
}

// checkRounds refuses a design that cannot run.
func (f *roundFlags) checkRounds() error {
	switch {
	case f.reps < 0 || f.reps > measure.MaxReps:
		return fmt.Errorf("--reps must be between 1 and %d, or 0 for rounds until decided, got %d", measure.MaxReps, f.reps)
	case f.maxTime <= 0:
		return fmt.Errorf("--max-time must be positive, got %v", f.maxTime)
	}
	return checkMargin(f.margin)
}

// config returns the engine's configuration for the design, with
// repetitions of duration.
func (f *roundFlags) config(duration time.Duration) measure.Config {
	return measure.Config{Reps: f.reps, MaxTime: f.maxTime, Margin: f.margin, RepDuration: duration}
}
