package measure

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestSignTestRank(t *testing.T) {
	// Known ranks of the 95 % sign-test interval for the median: from
	// tables of the binomial distribution.
	for _, tt := range []struct{ n, want int }{
		{5, 0}, {6, 1}, {8, 1}, {9, 2}, {10, 2}, {12, 3}, {20, 6}, {30, 10},
	} {
		if got := signTestRank(tt.n, 0.05); got != tt.want {
			t.Errorf("signTestRank(%d, 0.05) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

func TestSignTestP(t *testing.T) {
	for _, tt := range []struct {
		below, above int
		want         float64
	}{
		{0, 6, 2.0 / 64}, {3, 3, 1}, {1, 9, 2 * 11.0 / 1024}, {0, 0, 1},
	} {
		x := make([]float64, 0, tt.below+tt.above)
		for range tt.below {
			x = append(x, -1)
		}
		for range tt.above {
			x = append(x, 1)
		}
		if got := signTestP(x); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%d below, %d above: p = %g, want %g", tt.below, tt.above, got, tt.want)
		}
	}
}

func TestCompareFixed(t *testing.T) {
	same := func(n int, r float64) ([]float64, []float64) {
		b, s := make([]float64, n), make([]float64, n)
		for i := range n {
			b[i], s[i] = 100, 100/r*(1+0.01*float64(i%3-1))
		}
		return b, s
	}
	for _, tt := range []struct {
		name    string
		n       int
		ratio   float64
		verdict Verdict
	}{
		{"five rounds bound nothing", 5, 2, Inconclusive},
		{"six rounds of 2x", 6, 2, Faster},
		{"ten rounds of 0.5x", 10, 0.5, Slower},
		{"ten rounds alike", 10, 1, Same},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, s := same(tt.n, tt.ratio)
			c := compareFixed(b, s, 0.05, 0.05)
			if c.Verdict != tt.verdict {
				t.Fatalf("got %s (%q), want %s", c.Verdict, whyText(c), tt.verdict)
			}
			if excludes := c.SpeedupLo > 1 || (c.SpeedupHi > 0 && c.SpeedupHi < 1); excludes != (c.P <= 0.05) {
				t.Errorf("interval %.3f-%.3f and p=%g disagree", c.SpeedupLo, c.SpeedupHi, c.P)
			}
		})
	}
}

// TestCompareFixedErrorRate runs 2,000 fixed A/A comparisons of 10 rounds of
// lognormal noise from a seeded generator: faster or slower at most 5 % of
// the time, and in every trial the interval and p agree.
func TestCompareFixedErrorRate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	wrong := 0
	const trials = 2000
	for range trials {
		b, s := make([]float64, 10), make([]float64, 10)
		for i := range b {
			b[i], s[i] = 100*math.Exp(0.1*rng.NormFloat64()), 100*math.Exp(0.1*rng.NormFloat64())
		}
		c := compareFixed(b, s, 0.05, 0.05)
		if c.Verdict == Faster || c.Verdict == Slower {
			wrong++
		}
		if excludes := c.SpeedupLo > 1 || c.SpeedupHi < 1; excludes != (c.P <= 0.05) {
			t.Fatalf("interval %.3f-%.3f and p=%g disagree", c.SpeedupLo, c.SpeedupHi, c.P)
		}
	}
	if wrong > trials*5/100 {
		t.Errorf("%d of %d A/A comparisons came out faster or slower, want at most 5 %%", wrong, trials)
	}
}
