// Package backend is the loopback HTTP server that the IO labs wait on, the
// client they wait with, and the latency distributions both share. A run
// starts its own server on 127.0.0.1 at a random port and stops it when the
// run ends; a person may aim the same client at a service of their own.
package backend

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/perflab/perflab/labs/internal/clock"
)

// Dist names a latency distribution.
type Dist string

// The latency distributions.
const (
	// Constant waits exactly the mean every time.
	Constant Dist = "constant"
	// Uniform waits anywhere in mean ± jitter, evenly.
	Uniform Dist = "uniform"
	// Lognormal has the given mean and a long right tail whose weight
	// grows with sigma: most waits are short, a few are many times the
	// mean, as on real services.
	Lognormal Dist = "lognormal"
)

// Dists lists the distributions, for a parameter's choices.
var Dists = []string{string(Constant), string(Uniform), string(Lognormal)}

// Latency is a distribution of delays.
type Latency struct {
	Dist Dist
	Mean time.Duration
	// Jitter is the half-width of a uniform distribution.
	Jitter time.Duration
	// Sigma is the shape of a lognormal distribution: the standard
	// deviation of the log of the delay.
	Sigma float64
}

// Validate reports a latency that cannot be sampled, in one line.
func (l Latency) Validate() error {
	switch {
	case l.Mean < 0:
		return fmt.Errorf("latency must not be negative, got %v", l.Mean)
	case l.Dist == Uniform && l.Jitter > l.Mean:
		return fmt.Errorf("jitter %v must not exceed the latency %v: a delay cannot be negative", l.Jitter, l.Mean)
	case l.Dist == Uniform && l.Jitter < 0:
		return fmt.Errorf("jitter must not be negative, got %v", l.Jitter)
	case l.Dist == Lognormal && (l.Sigma <= 0 || l.Sigma > 4):
		return fmt.Errorf("sigma must be above 0 and at most 4, got %g", l.Sigma)
	case l.Dist != Constant && l.Dist != Uniform && l.Dist != Lognormal:
		return fmt.Errorf("latency distribution must be constant, uniform or lognormal, got %q", l.Dist)
	}
	return nil
}

// Rand is the randomness Sample draws on; *rand.Rand has it.
type Rand interface {
	Float64() float64
	NormFloat64() float64
}

// globalRand draws on math/rand/v2's top-level functions, which are safe
// for concurrent use without a lock.
type globalRand struct{}

func (globalRand) Float64() float64     { return rand.Float64() }
func (globalRand) NormFloat64() float64 { return rand.NormFloat64() }

// Shared is a Rand that any number of goroutines may use at once.
var Shared Rand = globalRand{}

// Sample draws one delay.
func (l Latency) Sample(r Rand) time.Duration {
	switch l.Dist {
	case Uniform:
		return l.Mean - l.Jitter + time.Duration(r.Float64()*float64(2*l.Jitter))
	case Lognormal:
		if l.Mean <= 0 {
			return 0
		}
		// A lognormal whose log has mean mu and deviation sigma has mean
		// exp(mu + sigma²/2); solve for mu so the mean is l.Mean.
		mu := math.Log(float64(l.Mean)) - l.Sigma*l.Sigma/2
		d := math.Exp(mu + l.Sigma*r.NormFloat64())
		// Cap the tail at an hour, so that a freak draw cannot hang a run.
		return time.Duration(min(d, float64(time.Hour)))
	}
	return l.Mean
}

// String describes the distribution: "uniform 1ms±200µs".
func (l Latency) String() string {
	switch l.Dist {
	case Uniform:
		return fmt.Sprintf("uniform %v±%v", l.Mean, l.Jitter)
	case Lognormal:
		return fmt.Sprintf("lognormal mean %v sigma %g", l.Mean, l.Sigma)
	}
	return fmt.Sprintf("constant %v", l.Mean)
}

// A Caller does one request and waits for its answer.
type Caller interface {
	Call(ctx context.Context) error
}

// Sleeper is a Caller that only waits: IO simulated by a timer, for a lesson
// that wants the waiting without the cost of a network stack.
type Sleeper struct{ Latency Latency }

// Call waits one delay drawn from the latency distribution.
func (s Sleeper) Call(ctx context.Context) error { return clock.Sleep(ctx, s.Latency.Sample(Shared)) }
