package main

import (
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
)

// TestBenchBudgetLeavesUnusedTimeToTheRest shares a minute among three
// benchmarks: the first, decided in 5 s, leaves its unused 15 s to the
// other two; the second uses all its share; the third gets the rest.
func TestBenchBudgetLeavesUnusedTimeToTheRest(t *testing.T) {
	b := newBenchBudget(time.Minute, 3)
	for i, step := range []struct{ share, took time.Duration }{
		{20 * time.Second, 5 * time.Second},
		{27500 * time.Millisecond, 27500 * time.Millisecond},
		{27500 * time.Millisecond, 27500 * time.Millisecond},
	} {
		if got := b.share(); got != step.share {
			t.Errorf("benchmark %d: share %v; want %v", i, got, step.share)
		}
		b.spend(step.took)
	}
	if b.left != 0 {
		t.Errorf("%v left; want the whole budget spent", b.left)
	}
}

// TestBenchBudgetOverrunGivesTheLeastShare: a benchmark that overran its
// share (its last round, its profiling rounds) leaves the rest the least
// share the engine can run, not a negative one.
func TestBenchBudgetOverrunGivesTheLeastShare(t *testing.T) {
	b := newBenchBudget(10*time.Second, 2)
	b.spend(12 * time.Second)
	if got := b.share(); got != minBenchShare {
		t.Errorf("share after an overrun %v; want %v", got, minBenchShare)
	}
}

func TestBenchStopped(t *testing.T) {
	decided := &measure.Comparison{Decided: true}
	undecided := &measure.Comparison{}
	for _, tc := range []struct {
		rep  measure.Report
		want string
	}{
		{measure.Report{Design: "sequential", Strategies: []*measure.Result{{}, {VsBaseline: decided}}}, stoppedDecided},
		{measure.Report{Design: "sequential", Strategies: []*measure.Result{{}, {VsBaseline: decided}, {VsBaseline: undecided}}}, stoppedBudget},
		{measure.Report{Design: "fixed", Strategies: []*measure.Result{{}, {VsBaseline: undecided}}}, stoppedRounds},
		{measure.Report{Design: "sequential", Cancelled: true}, stoppedCancelled},
	} {
		if got := benchStopped(&tc.rep); got != tc.want {
			t.Errorf("%s design, cancelled %v: %q; want %q", tc.rep.Design, tc.rep.Cancelled, got, tc.want)
		}
	}
}
