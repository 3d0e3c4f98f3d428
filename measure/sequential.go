package measure

import (
	"fmt"
	"math"
	"slices"
)

// A Sequence decides one comparison of a run from its rounds, looking after
// every round, as a run that goes on until it is decided must.
//
// It keeps a confidence sequence for the median of the per-round log ratios
// log(baseline ns/op / subject ns/op), after Howard and Ramdas, "Sequential
// estimation of quantiles with applications to A/B-testing and best-arm
// identification" (Bernoulli 28(3), 2022): at the true median m, each
// round's ratio falls below m with probability one half, so the count of
// ratios at or below m, less t/2, is a sum of t independent steps of ±1/2.
// The two-sided normal-mixture boundary of Howard, Ramdas, McAuliffe and
// Sekhon, "Time-uniform, nonparametric, nonasymptotic confidence sequences"
// (Annals of Statistics 49(2), 2021), bounds that sum at every t at once
// with probability 1-α (Ville's inequality), so the interval it gives
// covers the median at every round at once, and stopping at the round that
// decides keeps the error rate at α. A difference is significant when the
// interval excludes 1: the p-value is the same test at ratio 1 (a sequential
// sign test), so the two always agree.
type Sequence struct {
	alpha, margin float64
	// sorted holds the log ratios so far in order; t counts them.
	sorted []float64
	// lo and hi bound the running intersection of the intervals: every
	// interval covers the median at once, so their intersection does too,
	// and it only narrows. They are infinite until the first bounded one.
	lo, hi float64
	// minP is the least p-value seen, the anytime-valid p-value.
	minP    float64
	decided *Comparison
}

// mixtureRho is the precision of the normal mixture. It sets the round the
// boundary is tightest near: 2 makes it close to the best for runs of 30 to
// 300 rounds, and gives the first bounded interval at 12 rounds at α=0.05.
const mixtureRho = 2.0

// NewSequence returns an empty sequence with significance level alpha
// and equivalence margin margin (0.05: "~" means within ±5 %).
func NewSequence(alpha, margin float64) *Sequence {
	return &Sequence{alpha: alpha, margin: margin, lo: math.Inf(-1), hi: math.Inf(1), minP: 1}
}

// boundary returns the half-width u_t, in counts, of the normal-mixture
// boundary after t rounds: |S_t| reaches it with probability at most alpha
// at any round, for S_t a sum of t independent steps of ±1/2.
func boundary(t int, alpha float64) float64 {
	v := float64(t)/4 + mixtureRho
	return math.Sqrt(v * math.Log(v/(mixtureRho*alpha*alpha)))
}

// mixtureP returns the p-value of a median at which the count of ratios
// strays dev from t/2 (in the direction that would exclude it) after t
// rounds: one over the mixture martingale, so that p <= alpha exactly when
// dev >= boundary(t, alpha).
func mixtureP(dev float64, t int) float64 {
	v := float64(t)/4 + mixtureRho
	dev = max(dev, 0)
	logM := 0.5*math.Log(mixtureRho/v) + dev*dev/(2*v)
	return math.Min(1, math.Exp(-logM))
}

// pAtOne returns the p-value of a median ratio of 1 (a log ratio of 0)
// after the rounds so far: a sequential sign test that excludes 0 exactly
// when the interval does.
func (s *Sequence) pAtOne() float64 {
	t := float64(len(s.sorted))
	below, _ := slices.BinarySearch(s.sorted, 0)
	atOrBelow, _ := slices.BinarySearch(s.sorted, math.Nextafter(0, 1))
	return mixtureP(max(t/2-float64(atOrBelow), float64(below)-t/2), len(s.sorted))
}

// Add adds one round: the baseline's and the subject's ns/op. A round in
// which either measured nothing tells nothing and is skipped. A sequence
// decided as ~ or inconclusive keeps the figures of the round that decided
// it; one decided faster or slower keeps its verdict and goes on narrowing
// its interval, which, being an intersection, stays clear of 1, so that the
// speedup it shows can be made precise.
func (s *Sequence) Add(baseNs, subjectNs float64) {
	if baseNs <= 0 || subjectNs <= 0 {
		return
	}
	if s.decided != nil && s.decided.Verdict != Faster && s.decided.Verdict != Slower {
		return
	}
	x := math.Log(baseNs / subjectNs)
	i, _ := slices.BinarySearch(s.sorted, x)
	s.sorted = slices.Insert(s.sorted, i, x)

	t := len(s.sorted)
	u := boundary(t, s.alpha)
	// The interval is the set of m with more than t/2-u ratios at or below
	// it and fewer than t/2+u below it: from the order statistic just past
	// t/2-u to the first one at t/2+u. (Counting ties on the side that
	// keeps m makes identical rounds, all at one value, keep that value.)
	kLo, kHi := int(math.Floor(float64(t)/2-u))+1, int(math.Ceil(float64(t)/2+u))
	if kLo >= 1 && kHi <= t {
		s.lo = max(s.lo, s.sorted[kLo-1])
		s.hi = min(s.hi, s.sorted[kHi-1])
	}
	s.minP = min(s.minP, s.pAtOne())
	// Only a decided comparison needs its figures now; an undecided one
	// works them out when asked.
	_, ok := ruleVerdict(s.lo, s.hi, s.margin)
	// Decided now: by the rules, or by a drift, which also ends a faster
	// or slower verdict that the rounds since have contradicted.
	if (s.decided == nil && ok) || (s.lo > s.hi && (s.decided == nil || s.decided.Verdict != Inconclusive)) {
		c := s.current()
		c.DecidedRound = t
		s.decided = &c
	}
}

// Rounds returns the number of rounds the figures are from.
func (s *Sequence) Rounds() int { return len(s.sorted) }

// Decided says whether the comparison is decided: faster, slower or ~, or
// inconclusive because the ratio drifted.
func (s *Sequence) Decided() bool { return s.decided != nil }

// Comparison returns the comparison so far: as it was decided for ~ and a
// drift, and for faster or slower the verdict of the deciding round with
// the narrower interval and smaller p of the rounds since.
func (s *Sequence) Comparison() Comparison {
	if s.decided == nil {
		return s.current()
	}
	if s.decided.Verdict != Faster && s.decided.Verdict != Slower {
		return *s.decided
	}
	c := s.current()
	c.Verdict, c.Decided, c.DecidedRound = s.decided.Verdict, true, s.decided.DecidedRound
	return c
}

// current applies the rules to the figures so far.
func (s *Sequence) current() Comparison {
	t := len(s.sorted)
	c := Comparison{N: [2]int{t, t}, P: s.minP, Delta: "~", Margin: s.margin, Method: MethodSequential}
	if t == 0 {
		c.Verdict, c.Why = Inconclusive, &Why{Kind: WhyNoRound, Per: "round"}
		return c
	}
	center := sortedMedian(s.sorted)
	c.Noise = robustSpread(s.sorted)
	bounded := !math.IsInf(s.lo, 0)
	if bounded {
		// The sample median lies in the latest interval but may lie
		// outside the intersection: then the estimate is the middle of
		// the interval shown, so that "± half-width" reads true.
		if center < s.lo || center > s.hi {
			center = (s.lo + s.hi) / 2
		}
		if s.lo <= s.hi {
			c.SpeedupLo, c.SpeedupHi = math.Exp(s.lo), math.Exp(s.hi)
		}
	}
	c.Speedup = math.Exp(center)
	switch {
	case !bounded:
		c.Verdict = Inconclusive
		c.Why = &Why{Kind: WhyTooFewRounds, Rounds: t, Need: firstBounded(s.alpha), Alpha: s.alpha}
	case s.lo > s.hi:
		// No single speedup fits every round: no interval is shown, and
		// the estimate is the median of all rounds.
		center = sortedMedian(s.sorted)
		c.Verdict, c.Decided = Inconclusive, true
		c.Why = &Why{Kind: WhyDrift}
	default:
		c.Verdict, c.Decided = ruleVerdict(s.lo, s.hi, s.margin)
	}
	if c.Verdict == Faster || c.Verdict == Slower {
		c.Delta = fmt.Sprintf("%+.2f%%", 100*(1/c.Speedup-1))
		// Precise: the interval, in log ratio, within ±log(1+margin) of
		// the estimate.
		c.Precise = s.hi-s.lo <= 2*math.Log1p(s.margin)
		if !c.Precise {
			goal := math.Log1p(s.margin)
			sigma := max(c.Noise, (s.hi-s.lo)/2/seqHalfWidth(t, 1, s.alpha))
			c.MoreRounds = max(1, searchRounds(t, func(n int) bool { return seqHalfWidth(n, sigma, s.alpha) <= goal }))
		}
	} else if c.Decided {
		c.Precise = true
	}
	if !c.Decided {
		sigma := c.Noise
		if bounded {
			// Outliers and the intersection can leave the interval wider
			// than the spread alone predicts: scale from the one seen.
			sigma = max(sigma, (s.hi-s.lo)/2/seqHalfWidth(t, 1, s.alpha))
		}
		// An undecided comparison needs at least one more round, and
		// before its interval is bounded, at least the rounds that bound
		// it: "needs about 1 more round" after "needs at least 12" at
		// round 5 would contradict itself.
		if c.MoreRounds = roundsToDecide(t, center, sigma, s.alpha, s.margin); c.MoreRounds >= 0 {
			c.MoreRounds = max(c.MoreRounds, 1)
			if c.Why != nil && c.Why.Kind == WhyTooFewRounds {
				c.MoreRounds = max(c.MoreRounds, c.Why.Need-t)
			}
		}
		if c.Why == nil {
			c.Why = &Why{Kind: WhyWide, Lo: c.SpeedupLo, Hi: c.SpeedupHi}
		}
		c.Why.Per, c.Why.Knob = "round", KnobMaxTime
	}
	return c
}

// ruleVerdict applies the rules shared by every comparison to an interval
// of the log speedup: faster or slower when it excludes 0 (a ratio of 1),
// "~" when it lies inside ±margin, undecided otherwise.
func ruleVerdict(lo, hi, margin float64) (Verdict, bool) {
	switch {
	case lo > 0:
		return Faster, true
	case hi < 0:
		return Slower, true
	case lo >= math.Log(1-margin) && hi <= math.Log(1+margin):
		return Same, true
	}
	return Inconclusive, false
}

// firstBounded returns the first round at which the interval is bounded.
func firstBounded(alpha float64) int {
	t := 1
	for boundary(t, alpha) > float64(t)/2 {
		t++
	}
	return t
}

// seqHalfWidth predicts the half-width of the interval, in log ratio, after
// t rounds of log ratios spread as a normal of deviation sigma: the boundary
// as a share of t, over the density at the median, 1/(sigma √(2π)).
func seqHalfWidth(t int, sigma, alpha float64) float64 {
	return boundary(t, alpha) / float64(t) * sigma * math.Sqrt(2*math.Pi)
}

// roundsToDecide estimates how many more rounds, at the noise seen so far,
// would narrow the interval enough to decide: clear of 1 or inside the
// margin, whichever needs less. It returns -1 when that is beyond a million.
func roundsToDecide(t int, center, sigma, alpha, margin float64) int {
	goal := decidingHalfWidth(center, margin)
	return searchRounds(t, func(n int) bool { return seqHalfWidth(n, sigma, alpha) <= goal })
}

// decidingHalfWidth is the widest half-width of an interval centred at
// center (a log ratio) that decides: narrower than its distance from 0, or
// than its distance from the nearer edge of the margin.
func decidingHalfWidth(center, margin float64) float64 {
	inside := min(center-math.Log(1-margin), math.Log(1+margin)-center)
	return max(math.Abs(center), inside)
}

// searchRounds returns the least n >= from, less from, for which ok holds,
// given that ok holds for all larger n once it holds; -1 past a million.
func searchRounds(from int, ok func(int) bool) int {
	const limit = 1 << 20
	hi := max(from, 1)
	for !ok(hi) {
		if hi >= limit {
			return -1
		}
		hi *= 2
	}
	lo := max(from, hi/2)
	for lo < hi {
		mid := (lo + hi) / 2
		if ok(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return hi - from
}

// sortedMedian is the median of sorted values.
func sortedMedian(v []float64) float64 {
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// robustSpread is the standard deviation of sorted values estimated from
// their median absolute deviation, which a few outliers do not inflate.
func robustSpread(sorted []float64) float64 {
	if len(sorted) < 2 {
		return 0
	}
	return 1.4826 * median(absDeviations(sorted, sortedMedian(sorted)))
}

// absDeviations returns |x - center| for every x of v.
func absDeviations(v []float64, center float64) []float64 {
	dev := make([]float64, len(v))
	for i, x := range v {
		dev[i] = math.Abs(x - center)
	}
	return dev
}
