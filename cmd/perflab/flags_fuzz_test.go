package main

import (
	"math"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// FuzzRunFlags gives the flags of perflab run arbitrary parameters, a
// strategy list, a sweep and a rate, as a person may type them: spec and
// Plan must never panic, and a spec they accept must hold what was asked,
// with a rate the engine can run.
func FuzzRunFlags(f *testing.F) {
	f.Add("n=10000", "slice,map", "", 0.0)
	f.Add("n", "", "n=16,256", math.NaN())
	f.Add("=5", ",", "n=16,,32", math.Inf(1))
	f.Add("hit_ratio=2", "map,,binary", "n", 1e308)
	f.Add("n=1\x00", " ", "=1,2", -1.0)
	f.Fuzz(func(t *testing.T, param, strategies, sweep string, rate float64) {
		fl := runFlags{params: []string{param}, sweep: sweep, rate: rate, duration: measure.DefaultRepDuration,
			roundFlags: roundFlags{reps: 2, maxTime: measure.DefaultMaxTime, margin: measure.DefaultMargin}}
		if strategies != "" {
			fl.strategies = strings.Split(strategies, ",")
		}
		s, err := fl.spec("data-structures/membership")
		if err != nil {
			return
		}
		if math.IsNaN(rate) || rate < 0 || rate > measure.MaxRate {
			t.Fatalf("spec accepted --rate %g", rate)
		}
		name, value, _ := strings.Cut(param, "=")
		if s.Params[name] != value {
			t.Fatalf("--param %q became %v", param, s.Params)
		}
		if _, err := s.Plan(); err != nil {
			return
		}
	})
}
