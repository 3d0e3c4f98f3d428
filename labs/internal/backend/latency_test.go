package backend

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func draw(l Latency, n int) []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(l.Sample(r))
	}
	slices.Sort(out)
	return out
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

func TestSampleMatchesDistribution(t *testing.T) {
	ms := float64(time.Millisecond)
	tests := []struct {
		name     string
		l        Latency
		lo, hi   float64 // bounds of every draw
		p50, p99 float64 // expected quantiles
	}{
		{"constant", Latency{Dist: Constant, Mean: time.Millisecond}, ms, ms, ms, ms},
		{"uniform", Latency{Dist: Uniform, Mean: 2 * time.Millisecond, Jitter: time.Millisecond}, ms, 3 * ms, 2 * ms, 2.98 * ms},
		// sigma 1: the median is exp(-1/2) of the mean, the p99
		// exp(2.326 - 1/2) of it.
		{"lognormal", Latency{Dist: Lognormal, Mean: time.Millisecond, Sigma: 1}, 0, math.Inf(1), math.Exp(-0.5) * ms, math.Exp(2.3263-0.5) * ms},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := draw(tt.l, 200_000)
			if v[0] < tt.lo || v[len(v)-1] > tt.hi {
				t.Errorf("draws span %v..%v, want within %v..%v", v[0], v[len(v)-1], tt.lo, tt.hi)
			}
			if m, want := mean(v), float64(tt.l.Mean); math.Abs(m-want) > 0.02*want {
				t.Errorf("mean %.0f ns, want %.0f ± 2%%", m, want)
			}
			if got := v[len(v)/2]; math.Abs(got-tt.p50) > 0.03*tt.p50 {
				t.Errorf("median %.0f ns, want %.0f ± 3%%", got, tt.p50)
			}
			if got := v[len(v)*99/100]; math.Abs(got-tt.p99) > 0.05*tt.p99 {
				t.Errorf("p99 %.0f ns, want %.0f ± 5%%", got, tt.p99)
			}
		})
	}
}

func TestValidateRejects(t *testing.T) {
	bad := []Latency{
		{Dist: Constant, Mean: -time.Millisecond},
		{Dist: Uniform, Mean: time.Millisecond, Jitter: 2 * time.Millisecond},
		{Dist: Lognormal, Mean: time.Millisecond, Sigma: 0},
		{Dist: "pareto", Mean: time.Millisecond},
	}
	for _, l := range bad {
		if err := l.Validate(); err == nil {
			t.Errorf("%+v: valid, want an error", l)
		}
	}
	if err := (Latency{Dist: Uniform, Mean: time.Millisecond, Jitter: time.Millisecond}).Validate(); err != nil {
		t.Errorf("jitter equal to the mean: %v, want valid", err)
	}
}
