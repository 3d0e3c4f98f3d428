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
	f.Add(0.0, 10, int64(DefaultRepDuration), 1)
	f.Add(math.NaN(), 1, int64(time.Millisecond), 0)
	f.Add(math.Inf(1), 1, int64(0), 1)
	f.Add(1e308, 1001, int64(-1), -1)
	f.Add(MaxRate, MaxReps, int64(time.Hour), MaxWorkers)
	f.Fuzz(func(t *testing.T, rate float64, reps int, d int64, workers int) {
		c := Config{Rate: rate, Reps: reps, RepDuration: time.Duration(d), Workers: workers}
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
		}
		if rate > 0 {
			// The dispatcher's first period must be a number.
			if p := newPacer(rate); math.IsNaN(p.periodNs) || math.IsInf(p.periodNs, 0) || p.periodNs < 1 {
				t.Fatalf("rate %g gives a period of %g ns", rate, p.periodNs)
			}
		}
	})
}
