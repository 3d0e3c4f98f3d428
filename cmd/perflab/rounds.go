package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
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

// loneReps is the fixed design of a race of one command or one URL, unless
// --reps or --max-time says otherwise: with nothing to compare there is
// nothing to decide, so rounds until decided would go on until one
// strategy's median was known within the margin, which a noisy command or
// server may never be within the budget (one 'sleep 0.01' ran the whole
// 30 s).
const loneReps = 10

// lone sets cfg to loneReps rounds for a race of one strategy whose command
// line asked for no design. A budget asked for is kept: the fixed design
// could outlast it.
func lone(cmd *cobra.Command, strategies int, cfg *measure.Config) {
	if strategies == 1 && !cmd.Flags().Changed("reps") && !cmd.Flags().Changed("max-time") {
		cfg.Reps = loneReps
	}
}
