package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
)

// A run of a person's commands or Python file ends by its time bound,
// whatever the code under test does: a command, a Python call, an import or
// a setup still running when the bound passes is ended, with its process
// group, and the run ends with what it measured. The engine ends rounds
// within the bound on its own; this is for the operation that never
// returns.
//
// The bound is the run's budget in a run that goes on until decided, and in
// a fixed design every repetition's duration plus its grace, for each
// strategy's set-up as for a repetition (in Python, for every worker the
// run starts, at a loaded machine's start of one). A run is cut at the bound and half
// its grace, the larger of a second and a tenth of the bound, which leaves
// the other half for ending what ran.

// errBound is the cause of a run ended at its time bound.
var errBound = errors.New("the run's time bound passed")

// boundKey marks a context whose runs are held to their bound, with the time
// the run started.
type boundKey struct{}

// bounded marks ctx: the plan run in it is held to its bound, counted from
// now (see holdToBound), unless it is marked already, from an earlier start
// (perflab python counts from before it reads the file).
func bounded(ctx context.Context) context.Context {
	if _, ok := ctx.Value(boundKey{}).(time.Time); ok {
		return ctx
	}
	return context.WithValue(ctx, boundKey{}, time.Now())
}

// grace is how far past a bound a run may end.
func grace(bound time.Duration) time.Duration { return max(time.Second, bound/10) }

// planBound returns the time bound of plan's run (see the top of the file).
func planBound(plan *labs.Plan) time.Duration {
	expected := plan.Expected()
	if plan.Config.Reps == 0 {
		// Each point of a sweep has a budget of its own, and starts
		// afresh (its set-up, its calibration): each has its grace
		// too, or a sweep's last point would be cut for the first's
		// start (a three-point exec sweep at 500 ms was cut at 2 s).
		points := time.Duration(1)
		if sw := plan.Sweep; sw != nil && len(sw.Points) > 1 {
			points = time.Duration(len(sw.Points))
		}
		per := expected / points
		return points*(per+grace(per)/2) - grace(per)/2
	}
	d := plan.Config.WithDefaults().RepDuration
	// Every repetition has its grace, and every strategy's set-up one
	// more: a Go strategy's once a point; a Python strategy's as often
	// as the run starts a worker for it (labs.Plan.Setups, the count the
	// expected time adds too), each allowed a loaded machine's start.
	slots := time.Duration(plan.Repetitions())
	setups, perSetup := slots/time.Duration(plan.Config.Reps+1), d+grace(d)
	if w := plan.Setups(); w > 0 {
		setups, perSetup = time.Duration(w), max(perSetup, labs.PythonSetupLoaded)
	}
	return slots*(d+grace(d)) + setups*perSetup
}

// firstBound is the bound of loading a Python file, before its strategies
// are known: that of one strategy's run, counted from the same start.
func firstBound(c measure.Config) time.Duration {
	if c.Reps == 0 {
		return c.MaxTime
	}
	d := c.RepDuration
	return time.Duration(c.Reps+2) * (d + grace(d))
}

// holdToBound returns ctx ended at the bound of a run started when ctx was
// marked, if it was (see bounded), and ctx as it is otherwise.
func holdToBound(ctx context.Context, bound time.Duration) (context.Context, context.CancelFunc) {
	t0, ok := ctx.Value(boundKey{}).(time.Time)
	if !ok || bound <= 0 {
		return ctx, func() {}
	}
	return context.WithDeadlineCause(ctx, t0.Add(bound+grace(bound)/2), errBound)
}

// boundError words the end of a run that its bound cut, and returns any
// other error as it is.
func boundError(ctx context.Context, bound time.Duration, err error) error {
	if err == nil || !errors.Is(context.Cause(ctx), errBound) {
		return err
	}
	return fmt.Errorf("stopped at the time bound of %s: what was still running was ended, a command or a Python worker with its process group, and what was measured before is above", labs.Humanize(bound))
}
