package labs

import (
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
)

// An expectedCase is a spec and what its plan expects: the time and the
// line the command line and the set-up show.
type expectedCase struct {
	name string
	spec Spec
	want time.Duration
	line string
}

// checkExpected checks each case's plan against its want and its line.
func checkExpected(t *testing.T, tests []expectedCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.spec.Plan()
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Expected(); got != tt.want {
				t.Errorf("Expected() = %v, want %v", got, tt.want)
			}
			if got := p.ExpectedLine(); got != tt.line {
				t.Errorf("ExpectedLine() = %q, want %q", got, tt.line)
			}
		})
	}
}

func TestExpected(t *testing.T) {
	checkExpected(t, []expectedCase{
		{"defaults: rounds until decided", Spec{Path: "measure/sort"}, measure.DefaultMaxTime,
			"at most 30s: rounds of 3 strategies × 10ms until decided, each speedup to ±5% if the budget allows"},
		{"a fixed design", Spec{Path: "measure/sort", Config: measure.Config{Reps: 10, RepDuration: 100 * time.Millisecond}}, 3 * 11 * 100 * time.Millisecond,
			"about 3.3s: 3 strategies × 11 repetitions (one a warm-up) × 100ms"},
		{"an hour a repetition", Spec{Path: "measure/sort", Config: measure.Config{Reps: 10, RepDuration: time.Hour}}, 33 * time.Hour,
			"about 33h0m: 3 strategies × 11 repetitions (one a warm-up) × 1h0m0s"},
		{"a budget too short for a round", Spec{Path: "measure/sort", Config: measure.Config{RepDuration: 10 * time.Second}}, 30 * time.Second,
			"at most 30s: rounds of 3 strategies × 10s until decided, each speedup to ±5% if the budget allows; the 30s budget leaves no room for a measured round after the warm-up: raise the budget or shorten the repetitions"},
		{"a sweep", Spec{Path: "data-structures/membership", Strategies: []string{"map"}, Sweep: &SweepSpec{Param: "n", Values: []string{"16", "256"}},
			Config: measure.Config{Reps: 6, RepDuration: 50 * time.Millisecond}}, 2 * 7 * 50 * time.Millisecond,
			"about 700ms: 1 strategy × 7 repetitions (one a warm-up) × 50ms × 2 sweep points"},
	})
}

// A Python run's set-up dominates a short fixed design: a worker process a
// strategy, and another for every block of rounds, which the engine makes a
// round long in a short design and as long as building in a longer one
// (measure.FreshBuilds). The line says so, "about 120ms" did not.
func TestExpectedCountsPythonWorkers(t *testing.T) {
	checkExpected(t, []expectedCase{
		{"every round afresh", Spec{Path: "measure/python-sort", Config: measure.Config{Reps: 5}}, 3*6*10*time.Millisecond + 18*PythonSetupQuiet,
			"about 2s: 3 strategies × 6 repetitions (one a warm-up) × 10ms, plus 18 Python workers started, about 100ms each (up to 1s on a loaded machine)"},
		{"blocks as long as building", Spec{Path: "measure/python-sort", Config: measure.Config{Reps: 20}}, 3*21*10*time.Millisecond + 9*PythonSetupQuiet,
			"about 1.5s: 3 strategies × 21 repetitions (one a warm-up) × 10ms, plus 9 Python workers started, about 100ms each (up to 1s on a loaded machine)"},
		{"until decided: the first workers", Spec{Path: "measure/python-sort"}, measure.DefaultMaxTime + 3*PythonSetupQuiet,
			"at most 30.3s: rounds of 3 strategies × 10ms until decided, each speedup to ±5% if the budget allows, plus 3 Python workers started, about 100ms each (up to 1s on a loaded machine)"},
		{"Go starts no worker", Spec{Path: "measure/sort", Config: measure.Config{Reps: 5}}, 3 * 6 * 10 * time.Millisecond,
			"about 180ms: 3 strategies × 6 repetitions (one a warm-up) × 10ms"},
	})
}
