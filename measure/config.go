package measure

import (
	"cmp"
	"fmt"
	"math"
	"time"
)

// Config says how a run measures its subjects.
type Config struct {
	// Reps, if positive, fixes the design: that many measured rounds, each
	// one repetition of every subject. Zero runs rounds until every
	// comparison with the baseline is decided or MaxTime ends (see
	// Sequence). Either way one more round, the first, is a discarded
	// warm-up.
	Reps int
	// MaxTime is the time budget of a run whose Reps is zero: no round
	// starts that would end past it.
	MaxTime time.Duration
	// Margin is the equivalence margin: "~" means the speedup's interval
	// lies within 1 ± Margin.
	Margin float64
	// RepDuration bounds each repetition in time. A Drive subject always
	// finishes the batch it is in.
	RepDuration time.Duration
	// RepOps, if positive, bounds each repetition of a Loop subject by
	// operation count as well; whichever bound comes first ends it. In an
	// open loop it counts the operations dispatched, dropped ones included.
	RepOps int64
	// Workers is the number of engine goroutines that call a Loop
	// subject at once (closed loop), or the most operations in flight at
	// once (open loop).
	Workers int
	// Rate, if positive, runs Loop subjects in an open loop: operations
	// start at this many a second whatever the latency, and latency is
	// counted from each operation's intended start.
	Rate float64
	// Interval is how often the collector publishes a snapshot.
	Interval time.Duration
	// Confidence is the level of the interval of each subject's median
	// ns/op.
	Confidence float64
	// Alpha is the error rate of the comparisons: the chance that an
	// interval misses the true speedup, so that a verdict is wrong, at any
	// round.
	Alpha float64
	// Profile asks for profiling rounds after the measured ones: each
	// subject's CPU profile and allocations per operation, in its
	// Result's Profile (see package measure/profile).
	Profile bool
}

// Defaults for the zero fields of a Config.
const (
	// DefaultReps is zero: rounds until decided.
	DefaultReps    = 0
	DefaultMaxTime = 30 * time.Second
	DefaultMargin  = 0.05
	// DefaultRepDuration is short because the speed of a shared or
	// virtual machine wanders over tens of milliseconds: in a round of
	// short repetitions both subjects meet the same speed, and their
	// ratio does not see it (see BenchmarkQuietVsTestingB).
	DefaultRepDuration = 10 * time.Millisecond
	defaultInterval    = 100 * time.Millisecond
	DefaultConfidence  = 0.95
	DefaultAlpha       = 0.05

	// MaxReps keeps a mistyped repetition count from running for hours.
	MaxReps = 1000
	// maxRounds bounds a run that goes on until decided, whatever its
	// budget, so that the rounds it keeps fit in memory.
	maxRounds = 100000
	// MaxWorkers bounds workers and recorders: each recorder holds up to
	// three histograms of about 0.3 MB.
	MaxWorkers = 1024
	// MaxRate is one operation a nanosecond, the resolution of the
	// dispatcher's schedule: past it, intended starts would collide.
	MaxRate = 1e9
)

// withDefaults returns c with its zero fields set to the defaults.
func (c Config) WithDefaults() Config {
	c.MaxTime = cmp.Or(c.MaxTime, DefaultMaxTime)
	c.Margin = cmp.Or(c.Margin, DefaultMargin)
	c.RepDuration = cmp.Or(c.RepDuration, DefaultRepDuration)
	c.Workers = cmp.Or(c.Workers, 1)
	c.Interval = cmp.Or(c.Interval, defaultInterval)
	c.Confidence = cmp.Or(c.Confidence, DefaultConfidence)
	c.Alpha = cmp.Or(c.Alpha, DefaultAlpha)
	return c
}

// Validate reports the first field of c that is out of bounds, as a message
// fit to show a person.
func (c Config) Validate() error {
	switch {
	case c.Reps < 0 || c.Reps > MaxReps:
		return fmt.Errorf("repetitions must be between 1 and %d (0: until decided), got %d", MaxReps, c.Reps)
	case c.MaxTime < 0 || c.MaxTime > 24*time.Hour:
		return fmt.Errorf("time budget must be positive and at most 24h, got %v", c.MaxTime)
	case math.IsNaN(c.Margin) || c.Margin < 0 || c.Margin >= 1:
		return fmt.Errorf("margin must be between 0 and 1 (0.05 is ±5%%), got %g", c.Margin)
	case c.RepDuration < 0:
		return fmt.Errorf("duration must be positive, got %v", c.RepDuration)
	case c.RepDuration > time.Hour:
		return fmt.Errorf("duration must be at most 1h, got %v", c.RepDuration)
	case c.RepOps < 0:
		return fmt.Errorf("operation count must be positive, got %d", c.RepOps)
	case c.Workers < 0 || c.Workers > MaxWorkers:
		return fmt.Errorf("workers must be between 1 and %d, got %d", MaxWorkers, c.Workers)
	case math.IsNaN(c.Rate) || c.Rate < 0 || c.Rate > MaxRate:
		// NaN fails every comparison, so it is named first: left to
		// the engine it would quietly mean a closed loop.
		return fmt.Errorf("rate must be between 0 (closed loop) and %g operations a second, got %g", float64(MaxRate), c.Rate)
	case c.Interval < 0:
		return fmt.Errorf("interval must be positive, got %v", c.Interval)
	case math.IsNaN(c.Confidence) || c.Confidence < 0 || c.Confidence >= 1:
		return fmt.Errorf("confidence must be between 0 and 1, got %g", c.Confidence)
	case math.IsNaN(c.Alpha) || c.Alpha < 0 || c.Alpha >= 1:
		return fmt.Errorf("alpha must be between 0 and 1, got %g", c.Alpha)
	}
	return nil
}
