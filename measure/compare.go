package measure

import (
	"fmt"
	"math"
	"slices"

	"golang.org/x/perf/benchmath"
)

// The methods behind a comparison, named in its Method.
const (
	// MethodSequential is the paired comparison of one run's rounds.
	MethodSequential = "confidence sequence for the median of per-round ratios (Howard & Ramdas)"
	// MethodUnpaired is the comparison of two runs' repetitions.
	MethodUnpaired = "Hodges-Lehmann interval, Mann-Whitney U test (unpaired)"
)

// summarize returns the median of values and its confidence interval at
// level confidence, without assuming any distribution. With fewer than six
// values the interval is unbounded and reported as the sample's range.
func summarize(values []float64, confidence float64) Summary {
	if len(values) == 0 {
		return Summary{}
	}
	s := benchmath.AssumeNothing.Summary(benchmath.NewSample(slices.Clone(values), &benchmath.DefaultThresholds), confidence)
	out := Summary{Median: s.Center, Lo: s.Lo, Hi: s.Hi}
	if math.IsInf(out.Lo, 0) || math.IsInf(out.Hi, 0) {
		out.Lo, out.Hi = minMax(values)
	}
	return out
}

// compare compares a subject's per-round ns/op with the baseline's, value i
// of each from round i of one run, as a run does after each round (see
// Sequence): a machine that drifts slows both sides of a round alike, so the
// ratios stay tight where the two samples spread. alpha is the error rate,
// margin the equivalence margin of "~".
func compare(base, subject []float64, alpha, margin float64) Comparison {
	s := NewSequence(alpha, margin)
	for i := range min(len(base), len(subject)) {
		s.Add(base[i], subject[i])
	}
	return s.Comparison()
}

// compareRuns compares a strategy's per-repetition ns/op from two separate
// runs, old and new, under the same rules as compare: nothing pairs their
// repetitions, so the speedup is the Hodges-Lehmann estimate (the median of
// the ratios of every old repetition to every new one), its interval the
// one that inverts the Mann-Whitney U test, and p that test's: the interval
// excludes 1 exactly when p < alpha. Two finished runs are looked at once,
// so a fixed-sample interval is the right one.
func compareRuns(old, new []float64, alpha, margin float64) Comparison {
	c := Comparison{N: [2]int{len(old), len(new)}, P: 1, Delta: "~", Margin: margin, Method: MethodUnpaired}
	if len(old) == 0 || len(new) == 0 {
		c.Verdict, c.Why = Inconclusive, &Why{Kind: WhyNoRound, Per: "repetition"}
		return c
	}
	d := logDiffs(old, new)
	m, n := float64(len(old)), float64(len(new))
	mn := m * n
	sd := math.Sqrt(mn * (m + n + 1) / 12)
	z := math.Sqrt2 * math.Erfinv(1-alpha)
	// U counts the pairs in which the old repetition was the slower.
	pos, _ := slices.BinarySearch(d, math.Nextafter(0, 1))
	neg, _ := slices.BinarySearch(d, 0)
	u := mn - float64(pos) + 0.5*float64(pos-neg)
	if sd > 0 {
		c.P = math.Erfc(math.Abs(u-mn/2) / sd / math.Sqrt2)
	}
	center := median(d)
	c.Speedup = math.Exp(center)
	c.Noise = pooledSpread(old, new)
	// The interval is the set of shifts the test does not reject: from the
	// difference just past mn/2 - z sd to the first one at mn/2 + z sd.
	jLo, jHi := int(math.Floor(mn/2-z*sd))+1, int(math.Ceil(mn/2+z*sd))
	if jLo < 1 || jHi > len(d) {
		c.Verdict = Inconclusive
		c.Why = &Why{Kind: WhyTooFewRounds, Alpha: alpha, Per: "repetition", Knob: KnobReps}
	} else {
		lo, hi := d[jLo-1], d[jHi-1]
		c.SpeedupLo, c.SpeedupHi = math.Exp(lo), math.Exp(hi)
		c.Verdict, c.Decided = ruleVerdict(lo, hi, margin)
		if !c.Decided {
			c.Why = &Why{Kind: WhyWide, Lo: c.SpeedupLo, Hi: c.SpeedupHi, Per: "repetition", Knob: KnobReps}
		}
	}
	if c.Verdict == Faster || c.Verdict == Slower {
		c.Delta = fmt.Sprintf("%+.2f%%", 100*(1/c.Speedup-1))
	}
	if !c.Decided {
		c.MoreRounds = repsToDecide(int(min(m, n)), center, c.Noise, alpha, margin)
	}
	return c
}

// logDiffs returns log(a_i / b_j) for every pair, sorted.
func logDiffs(a, b []float64) []float64 {
	d := make([]float64, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			if x > 0 && y > 0 {
				d = append(d, math.Log(x/y))
			}
		}
	}
	slices.Sort(d)
	return d
}

// pooledSpread is the robust spread of the log ns/op of two samples, each
// about its own median.
func pooledSpread(a, b []float64) float64 {
	dev := make([]float64, 0, len(a)+len(b))
	for _, v := range [][]float64{a, b} {
		l := make([]float64, 0, len(v))
		for _, x := range v {
			if x > 0 {
				l = append(l, math.Log(x))
			}
		}
		if len(l) == 0 {
			continue
		}
		m := median(l)
		for _, x := range l {
			dev = append(dev, math.Abs(x-m))
		}
	}
	if len(dev) == 0 {
		return 0
	}
	return 1.4826 * median(dev)
}

// repsToDecide estimates how many more repetitions in each run would
// decide an unpaired comparison at this noise: the Hodges-Lehmann interval
// of two samples of n has a half-width of about z σ √(π/3) √(2/n).
func repsToDecide(n int, center, sigma, alpha, margin float64) int {
	goal := decidingHalfWidth(center, margin)
	z := math.Sqrt2 * math.Erfinv(1-alpha)
	return searchRounds(n, func(k int) bool {
		return z*sigma*math.Sqrt(math.Pi/3)*math.Sqrt(2/float64(k)) <= goal
	})
}

func minMax(v []float64) (lo, hi float64) {
	lo, hi = v[0], v[0]
	for _, x := range v[1:] {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}
