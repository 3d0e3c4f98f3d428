package measure

import (
	"fmt"
	"math"
	"slices"
)

// MethodFixed is the paired comparison of a fixed number of rounds.
const MethodFixed = "sign-test interval for the median of per-round ratios (fixed rounds)"

// minFixedRounds is the fewest rounds whose sign-test interval at 95 % is
// bounded: with 6, the widest interval, the range of the six ratios,
// covers the median with probability 1 - 2/2^6 = 96.9 %.
const minFixedRounds = 6

// fixedRoundsFor is the fewest rounds whose sign-test interval at alpha is
// bounded: minFixedRounds at 0.05.
func fixedRoundsFor(alpha float64) int {
	n := 1
	for signTestRank(n, alpha) == 0 && n < 1<<10 {
		n++
	}
	return n
}

// compareFixed compares a subject's per-round ns/op with the baseline's
// when the number of rounds was fixed before the run (--reps N), under the
// same model as a run that goes on until decided: the median of the
// per-round ratios, faster or slower when its interval excludes 1, ~ when
// the interval lies inside ±margin. Nobody looked before the end, so the
// exact, fixed-sample interval of the sign test applies: from the k-th
// smallest ratio to the k-th largest, k the largest for which fewer than k
// of n fair coin flips come up heads with probability at most alpha/2.
// p is the same sign test's at a ratio of 1, so that the interval excludes
// 1 exactly when p <= alpha.
func compareFixed(base, subject []float64, alpha, margin float64) Comparison {
	var x []float64
	for i := range min(len(base), len(subject)) {
		if base[i] > 0 && subject[i] > 0 {
			x = append(x, math.Log(base[i]/subject[i]))
		}
	}
	slices.Sort(x)
	n := len(x)
	c := Comparison{N: [2]int{n, n}, P: 1, Delta: "~", Margin: margin, Method: MethodFixed}
	if n == 0 {
		c.Verdict, c.Why = Inconclusive, &Why{Kind: WhyNoRound}
		return c
	}
	c.Speedup = math.Exp(sortedMedian(x))
	c.Noise = robustSpread(x)
	c.P = signTestP(x)
	k := signTestRank(n, alpha)
	if k == 0 {
		// Until the interval is bounded, what would decide it is at least
		// the rounds that bound it.
		need := fixedRoundsFor(alpha)
		c.Verdict, c.MoreRounds = Inconclusive, need-n
		c.Why = &Why{Kind: WhyTooFewRounds, Rounds: n, Need: need, Alpha: alpha, Per: "round", Knob: KnobReps}
		return c
	}
	lo, hi := x[k-1], x[n-k]
	c.SpeedupLo, c.SpeedupHi = math.Exp(lo), math.Exp(hi)
	c.Verdict, c.Decided = ruleVerdict(lo, hi, margin)
	switch c.Verdict {
	case Faster, Slower:
		c.Delta = fmt.Sprintf("%+.2f%%", 100*(1/c.Speedup-1))
		c.Precise = hi-lo <= 2*math.Log1p(margin)
	case Same:
		c.Precise = true
	default:
		sigma := max(c.Noise, 1e-9)
		goal := decidingHalfWidth(sortedMedian(x), margin)
		c.MoreRounds = max(1, searchRounds(n, func(m int) bool { return fixedHalfWidth(m, sigma, alpha) <= goal }))
		c.Why = &Why{Kind: WhyWide, Lo: c.SpeedupLo, Hi: c.SpeedupHi, Per: "round", Knob: KnobReps}
	}
	return c
}

// signTestRank returns the largest k >= 1 for which the probability that a
// Binomial(n, 1/2) falls below k is at most alpha/2, or 0 when even k=1
// does not qualify (too few rounds for an interval).
func signTestRank(n int, alpha float64) int {
	k, cdf := 0, 0.0
	for j := 0; j <= n/2; j++ {
		// cdf is now P(B <= j-1) = P(B < j): the chance that the j-th
		// smallest value lies above the median.
		if cdf > alpha/2 {
			break
		}
		k = j
		cdf += binomHalf(n, j)
	}
	return k
}

// signTestP is the two-sided p-value of the sign test of a median log ratio
// of 0 (a speedup of 1) over sorted log ratios; ties at 0 tell nothing and
// are set aside.
func signTestP(sorted []float64) float64 {
	below, _ := slices.BinarySearch(sorted, 0)
	atOrBelow, _ := slices.BinarySearch(sorted, math.Nextafter(0, 1))
	above := len(sorted) - atOrBelow
	m := below + above
	if m == 0 {
		return 1
	}
	tail := 0.0
	for j := 0; j <= min(below, above); j++ {
		tail += binomHalf(m, j)
	}
	return math.Min(1, 2*tail)
}

// binomHalf is P(B = j) for B a Binomial(n, 1/2), in logs so that large n
// do not overflow.
func binomHalf(n, j int) float64 {
	lgN, _ := math.Lgamma(float64(n + 1))
	lgJ, _ := math.Lgamma(float64(j + 1))
	lgNJ, _ := math.Lgamma(float64(n - j + 1))
	return math.Exp(lgN - lgJ - lgNJ - float64(n)*math.Ln2)
}

// fixedHalfWidth predicts the half-width, in log ratio, of the sign-test
// interval after n rounds of log ratios spread as a normal of deviation
// sigma: z standard errors of the median, sigma √(π/2n).
func fixedHalfWidth(n int, sigma, alpha float64) float64 {
	z := math.Sqrt2 * math.Erfinv(1-alpha)
	return z * sigma * math.Sqrt(math.Pi/(2*float64(n)))
}
