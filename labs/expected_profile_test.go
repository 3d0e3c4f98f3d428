package labs

import (
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
)

// TestExpectedCountsProfiling checks that a run that profiles expects its
// profiling rounds after the verdict, a fifth of the measured time within
// 2 s and 20 s, and says so in the line the command line and the set-up
// show.
func TestExpectedCountsProfiling(t *testing.T) {
	checkExpected(t, []expectedCase{
		{"rounds until decided", Spec{Path: "measure/sort", Config: measure.Config{Profile: true}}, measure.DefaultMaxTime + 6*time.Second,
			"at most 36s: rounds of 3 strategies × 10ms until decided, each speedup to ±5% if the budget allows, then 6s of profiling rounds"},
		{"a short fixed design", Spec{Path: "measure/sort", Config: measure.Config{Reps: 10, RepDuration: 100 * time.Millisecond, Profile: true}}, 3300*time.Millisecond + 2*time.Second,
			"about 5.3s: 3 strategies × 11 repetitions (one a warm-up) × 100ms, then 2s of profiling rounds"},
		{"a long fixed design", Spec{Path: "measure/sort", Config: measure.Config{Reps: 10, RepDuration: time.Hour, Profile: true}}, 33*time.Hour + 20*time.Second,
			"about 33h0m: 3 strategies × 11 repetitions (one a warm-up) × 1h0m0s, then 20s of profiling rounds"},
		{"a Python workload", Spec{Path: "data-structures/python-queue", Config: measure.Config{Reps: 4, RepDuration: 50 * time.Millisecond, Profile: true}}, 2*5*50*time.Millisecond + 10*PythonSetupQuiet + 2*time.Second,
			"about 3.5s: 2 strategies × 5 repetitions (one a warm-up) × 50ms, plus 10 Python workers started, about 100ms each (up to 1s on a loaded machine), then 2s of profiling rounds"},
	})
}
