package measure

import (
	"math"
	"testing"
	"time"
)

// FuzzConfigValidate gives Validate arbitrary rates, repetitions, durations
// and workers, as the command line and the TUI pass them on: it must never
// panic, and what it accepts must be in the bounds the engine relies on (a
// rate the dispatcher can schedule, a queue it can size).
func FuzzConfigValidate(f *testing.F) {
	f.Add(0.0, 10, int64(DefaultRepDuration), 1, 0.05)
	f.Add(math.NaN(), 1, int64(time.Millisecond), 0, math.NaN())
	f.Add(math.Inf(1), 1, int64(0), 1, math.Inf(-1))
	f.Add(1e308, 1001, int64(-1), -1, 1.0)
	f.Add(MaxRate, MaxReps, int64(time.Hour), MaxWorkers, 0.0)
	f.Fuzz(func(t *testing.T, rate float64, reps int, d int64, workers int, margin float64) {
		c := Config{Rate: rate, Reps: reps, RepDuration: time.Duration(d), Workers: workers, Margin: margin}
		if err := c.Validate(); err != nil {
			return
		}
		switch {
		case math.IsNaN(rate) || rate < 0 || rate > MaxRate:
			t.Fatalf("accepted rate %g", rate)
		case reps < 0 || reps > MaxReps:
			t.Fatalf("accepted %d repetitions", reps)
		case d < 0 || time.Duration(d) > time.Hour:
			t.Fatalf("accepted a duration of %d ns", d)
		case workers < 0 || workers > MaxWorkers:
			t.Fatalf("accepted %d workers", workers)
		case !(margin >= 0 && margin < 1):
			// NaN fails every comparison: a margin check written
			// the other way round would let it through.
			t.Fatalf("accepted a margin of %g", margin)
		}
		if rate > 0 {
			// The dispatcher's first period must be a number.
			if p := newPacer(rate); math.IsNaN(p.periodNs) || math.IsInf(p.periodNs, 0) || p.periodNs < 1 {
				t.Fatalf("rate %g gives a period of %g ns", rate, p.periodNs)
			}
		}
	})
}
