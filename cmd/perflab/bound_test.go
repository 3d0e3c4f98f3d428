package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
)

func TestFirstBound(t *testing.T) {
	for _, c := range []struct {
		cfg  measure.Config
		want time.Duration
	}{
		{measure.Config{MaxTime: 3 * time.Second}, 3 * time.Second},
		// Two repetitions, a warm-up and the set-up, each 10 ms and a
		// grace of a second.
		{measure.Config{Reps: 2, RepDuration: 10 * time.Millisecond}, 4 * 1010 * time.Millisecond},
		// A long repetition's grace is a tenth of it.
		{measure.Config{Reps: 1, RepDuration: 20 * time.Second}, 3 * 22 * time.Second},
	} {
		if got := firstBound(c.cfg); got != c.want {
			t.Errorf("firstBound(%+v) = %v, want %v", c.cfg, got, c.want)
		}
	}
}

func TestHoldToBoundOnlyHoldsMarkedRuns(t *testing.T) {
	ctx, cancel := holdToBound(context.Background(), time.Millisecond)
	defer cancel()
	if _, ok := ctx.Deadline(); ok {
		t.Error("an unmarked run was given a deadline")
	}
	marked := bounded(context.Background())
	if again := bounded(marked); again != marked {
		t.Error("marking a marked run again moved its start")
	}
	ctx, cancel = holdToBound(marked, 10*time.Millisecond)
	defer cancel()
	d, ok := ctx.Deadline()
	t0 := marked.Value(boundKey{}).(time.Time)
	// The bound and half its grace, a second at least.
	if want := t0.Add(10*time.Millisecond + 500*time.Millisecond); !ok || !d.Equal(want) {
		t.Fatalf("deadline %v after the start (set: %v), want the bound and half a second", d.Sub(t0), ok)
	}
	<-ctx.Done()
	err := boundError(ctx, 10*time.Millisecond, errors.New("cancelled: the results above are partial"))
	if err == nil || !strings.Contains(err.Error(), "time bound of") || strings.Contains(err.Error(), "\n") {
		t.Errorf("boundError = %v, want one line naming the time bound", err)
	}
	other := errors.New("other")
	if got := boundError(context.Background(), time.Second, other); got != other {
		t.Errorf("boundError of a run that was not cut = %v, want its own error", got)
	}
}

// TestSweepBoundGivesEveryPointItsGrace checks that each point of a sweep
// that goes on until decided has its budget and its grace: a bound of the
// points' budgets alone cut a three-point sweep at its last point.
func TestSweepBoundGivesEveryPointItsGrace(t *testing.T) {
	spec := labs.Spec{Path: "data-structures/membership", Config: measure.Config{MaxTime: 500 * time.Millisecond},
		Sweep: &labs.SweepSpec{Param: "n", Values: []string{"10", "100", "1000"}}}
	plan, err := spec.Plan()
	if err != nil {
		t.Fatal(err)
	}
	// Three points of 500 ms, each with half its grace of a second, but
	// the last, whose grace holdToBound adds.
	if got, want := planBound(plan), 2500*time.Millisecond; got != want {
		t.Errorf("bound of a three-point sweep of 500 ms = %v, want %v", got, want)
	}
	spec.Sweep = nil
	if plan, err = spec.Plan(); err != nil {
		t.Fatal(err)
	}
	if got, want := planBound(plan), 500*time.Millisecond; got != want {
		t.Errorf("bound of one run of 500 ms = %v, want %v", got, want)
	}
}

// TestPythonFixedBoundGivesEveryRoundASetUp checks that a short fixed
// design of a Python workload, whose strategies are built afresh in new
// workers every round, gives every round a set-up's grace as well as its
// own: with one set-up a strategy, a run of two 20 ms rounds was cut at its
// bound of 8.2 s on a loaded machine, where each worker took 1.2 s to start.
func TestPythonFixedBoundGivesEveryRoundASetUp(t *testing.T) {
	d := 20 * time.Millisecond
	for path, perRound := range map[string]int64{"measure/python-sort": 2, "measure/sort": 1} {
		plan, err := labs.Spec{Path: path, Config: measure.Config{Reps: 2, RepDuration: d}}.Plan()
		if err != nil {
			t.Fatal(err)
		}
		slots := int64(plan.Repetitions())
		if perRound == 2 && int64(plan.Setups()) != slots {
			t.Errorf("%s: %d workers started in %d repetitions, want one a repetition", path, plan.Setups(), slots)
		}
		want := time.Duration(slots*perRound) * (d + grace(d))
		if perRound == 1 {
			want = time.Duration(slots+slots/3) * (d + grace(d))
		}
		if got := planBound(plan); got != want {
			t.Errorf("%s: bound of 2 rounds of 20 ms = %v, want %v", path, got, want)
		}
	}
}
