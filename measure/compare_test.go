package measure

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func normalSample(rng *rand.Rand, n int, mean, sd float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = mean + sd*rng.NormFloat64()
	}
	return v
}

// TestCompareTwofoldDifferenceIsSignificant: a run's comparison of 20
// rounds calls a twofold difference, either way, in every seeded trial.
func TestCompareTwofoldDifferenceIsSignificant(t *testing.T) {
	for seed := range uint64(100) {
		rng := rand.New(rand.NewPCG(seed, 2))
		base := normalSample(rng, 20, 200, 6)
		fast := normalSample(rng, 20, 100, 3)
		if c := compare(base, fast, 0.05, 0.05); c.Verdict != Faster || c.P >= 0.05 {
			t.Fatalf("seed %d: 2x faster gave %s (p=%g), want faster with p < 0.05", seed, c.Verdict, c.P)
		}
		if c := compare(fast, base, 0.05, 0.05); c.Verdict != Slower {
			t.Fatalf("seed %d: 2x slower gave %s, want slower", seed, c.Verdict)
		}
	}
}

func TestCompareKnownAnswers(t *testing.T) {
	tests := []struct {
		name       string
		base, subj []float64
		verdict    Verdict
		speedup    float64
		reason     string
		delta      string
	}{
		{
			name:    "exactly twice as fast",
			base:    []float64{200, 202, 198, 201, 199, 200, 203, 197, 200, 201, 199, 200},
			subj:    []float64{100, 101, 99, 100.5, 99.5, 100, 101.5, 98.5, 100, 100.5, 99.5, 100},
			verdict: Faster, speedup: 2, delta: "-50.00%",
		},
		{
			name:    "too few rounds",
			base:    []float64{200, 201, 199},
			subj:    []float64{100, 101, 99},
			verdict: Inconclusive, speedup: 2, reason: "too_few_rounds rounds=3 need=12",
		},
		{
			name:    "no rounds",
			base:    []float64{200, 201, 199},
			subj:    nil,
			verdict: Inconclusive, reason: "no_round",
		},
		{
			name:    "identical",
			base:    []float64{100, 101, 99, 100, 102, 98, 100, 101, 100, 99, 101, 100},
			subj:    []float64{100, 101, 99, 100, 102, 98, 100, 101, 100, 99, 101, 100},
			verdict: Same, speedup: 1, delta: "~",
		},
		{
			name:    "too noisy to tell",
			base:    []float64{100, 150, 60, 120, 80, 140, 70, 110, 100, 150, 60, 120},
			subj:    []float64{105, 55, 145, 90, 130, 65, 115, 85, 105, 55, 145, 90},
			verdict: Inconclusive, reason: "wide",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := compare(tt.base, tt.subj, 0.05, 0.05)
			if c.Verdict != tt.verdict {
				t.Errorf("verdict = %s (p=%g, reason %q), want %s", c.Verdict, c.P, whyText(c), tt.verdict)
			}
			if tt.speedup > 0 && math.Abs(c.Speedup-tt.speedup) > 0.02 {
				t.Errorf("speedup = %g, want %g", c.Speedup, tt.speedup)
			}
			if !strings.HasPrefix(whyText(c), tt.reason) {
				t.Errorf("reason = %q, want it to begin %q", whyText(c), tt.reason)
			}
			if tt.delta != "" && c.Delta != tt.delta {
				t.Errorf("delta = %q, want %q", c.Delta, tt.delta)
			}
			if c.SpeedupLo > 0 && (c.SpeedupLo > c.Speedup || c.SpeedupHi < c.Speedup) {
				t.Errorf("speedup %g outside its interval [%g, %g]", c.Speedup, c.SpeedupLo, c.SpeedupHi)
			}
		})
	}
}

func TestSummarizeMedianAndInterval(t *testing.T) {
	// For n = 10 at 95 % the distribution-free interval of the median runs
	// from the 2nd to the 9th order statistic.
	s := summarize([]float64{10, 1, 9, 2, 8, 3, 7, 4, 6, 5}, 0.95)
	if s.Median != 5.5 || s.Lo != 2 || s.Hi != 9 {
		t.Errorf("summarize = %+v, want median 5.5 in [2, 9]", s)
	}
	// Too few values for an interval: the range stands in.
	s = summarize([]float64{3, 1, 2}, 0.95)
	if s.Median != 2 || s.Lo != 1 || s.Hi != 3 {
		t.Errorf("summarize of 3 values = %+v, want median 2 in [1, 3]", s)
	}
	if s := summarize(nil, 0.95); s != (Summary{}) {
		t.Errorf("summarize(nil) = %+v, want zero", s)
	}
}

// TestComparePairsRoundsOfADriftingMachine gives both sides the same drift,
// round by round, as interleaved repetitions on a machine whose speed wanders
// get: each sample alone spreads ±40 %, but the per-round ratios are tight,
// so the placebo is "~" and the ratio's interval is narrow.
func TestComparePairsRoundsOfADriftingMachine(t *testing.T) {
	drift := []float64{1.0, 1.4, 0.7, 1.2, 0.8, 1.35, 0.75, 1.1, 0.9, 1.3, 1.05, 0.85}
	base := make([]float64, len(drift))
	placebo := make([]float64, len(drift))
	for i, d := range drift {
		base[i] = 100 * d * (1 + 0.01*float64(i%3-1))
		placebo[i] = 100 * d * (1 + 0.01*float64((i+1)%3-1))
	}
	orig := slices.Clone(base)
	c := compare(base, placebo, 0.05, 0.05)
	if c.Verdict != Same {
		t.Errorf("verdict %s (%s), want ~: the rounds drift together", c.Verdict, c.Reason)
	}
	if c.SpeedupHi-c.SpeedupLo > 0.05 {
		t.Errorf("speedup interval [%g, %g], want the per-round ratios' tight one", c.SpeedupLo, c.SpeedupHi)
	}
	if !slices.Equal(base, orig) {
		t.Error("compare reordered its input")
	}
}
