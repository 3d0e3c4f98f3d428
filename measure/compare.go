package measure

import (
	"fmt"
	"math"
	"slices"

	"golang.org/x/perf/benchmath"
)

// minReps is the fewest repetitions from which a 95 % confidence interval of
// the median can be computed.
const minReps = 6

// maxNoise is the widest interval of the speedup, relative to its median,
// at which "no difference" is still a finding (±20 %): past it the test
// could not have seen a real difference, so the verdict is inconclusive.
const maxNoise = 0.40

// Summarize returns the median of values and its confidence interval at
// level confidence, without assuming any distribution. With fewer than six
// values the interval is unbounded and reported as the sample's range.
func Summarize(values []float64, confidence float64) Summary {
	if len(values) == 0 {
		return Summary{}
	}
	s := benchmath.AssumeNothing.Summary(sample(values, &benchmath.DefaultThresholds), confidence)
	out := Summary{Median: s.Center, Lo: s.Lo, Hi: s.Hi}
	if math.IsInf(out.Lo, 0) || math.IsInf(out.Hi, 0) {
		out.Lo, out.Hi = minMax(values)
	}
	return out
}

// Compare compares a subject's per-repetition ns/op with the baseline's:
// the Mann-Whitney U test for the p-value, and for the speedup a median with
// its confidence interval.
//
// When both have as many values, value i of each must come from the same
// round of interleaved repetitions, and the speedup is the median of the
// per-round ratios: a machine that drifts slows both sides of a round alike,
// so the ratios stay tight where the two samples spread. Otherwise the
// speedup is the ratio of the medians, bounded by their intervals.
func Compare(base, subject []float64, confidence, alpha float64) Comparison {
	return compare(base, subject, len(base) == len(subject), confidence, alpha)
}

// CompareRuns compares a strategy's per-repetition ns/op from two separate
// runs, old and new, as benchstat compares two files: nothing pairs their
// repetitions, so the speedup is the ratio of the medians.
func CompareRuns(old, new []float64, confidence, alpha float64) Comparison {
	return compare(old, new, false, confidence, alpha)
}

func compare(base, subject []float64, paired bool, confidence, alpha float64) Comparison {
	thr := &benchmath.Thresholds{CompareAlpha: alpha}
	c := Comparison{N: [2]int{len(base), len(subject)}, P: 1, Delta: "~"}
	if len(base) == 0 || len(subject) == 0 {
		c.Verdict, c.Reason = Inconclusive, "no repetition finished"
		return c
	}
	sa, sb := Summarize(base, confidence), Summarize(subject, confidence)
	speedup, noise := unpairedSpeedup(sa, sb)
	if paired {
		speedup, noise = pairedSpeedup(base, subject, confidence)
	}
	c.Speedup, c.SpeedupLo, c.SpeedupHi = speedup.Median, speedup.Lo, speedup.Hi
	cmp := benchmath.AssumeNothing.Compare(sample(base, thr), sample(subject, thr))
	c.P = cmp.P
	c.Delta = cmp.FormatDelta(sa.Median, sb.Median)

	n := min(len(base), len(subject))
	switch {
	case n < minReps:
		c.Verdict = Inconclusive
		c.Reason = fmt.Sprintf("%d repetitions: a confidence interval needs at least %d of each", n, minReps)
	case c.P < alpha && sb.Median < sa.Median:
		c.Verdict = Faster
	case c.P < alpha:
		c.Verdict = Slower
	case noise > maxNoise:
		c.Verdict = Inconclusive
		c.Reason = fmt.Sprintf("too noisy to tell: the speedup's interval is ±%.0f%% wide", noise*50)
	default:
		c.Verdict = Same
	}
	return c
}

// pairedSpeedup summarises the per-round ratios base[i]/subject[i]; noise is
// the width of their interval relative to the median.
func pairedSpeedup(base, subject []float64, confidence float64) (Summary, float64) {
	ratios := make([]float64, 0, len(base))
	for i := range base {
		if subject[i] > 0 {
			ratios = append(ratios, base[i]/subject[i])
		}
	}
	s := Summarize(ratios, confidence)
	return s, relWidth(s)
}

// unpairedSpeedup divides the medians and bounds the ratio by their
// intervals; noise is the wider interval relative to its median.
func unpairedSpeedup(sa, sb Summary) (Summary, float64) {
	var s Summary
	if sb.Median > 0 {
		s.Median = sa.Median / sb.Median
	}
	if sb.Hi > 0 && sb.Lo > 0 {
		s.Lo, s.Hi = sa.Lo/sb.Hi, sa.Hi/sb.Lo
	}
	return s, max(relWidth(sa), relWidth(sb))
}

// sample makes a benchmath sample of a copy of values: NewSample sorts
// the slice it is given, which would scramble the caller's round order.
func sample(values []float64, thr *benchmath.Thresholds) *benchmath.Sample {
	return benchmath.NewSample(slices.Clone(values), thr)
}

// relWidth is the width of s's interval relative to its median.
func relWidth(s Summary) float64 {
	if s.Median <= 0 {
		return 0
	}
	return (s.Hi - s.Lo) / s.Median
}

func minMax(v []float64) (lo, hi float64) {
	lo, hi = v[0], v[0]
	for _, x := range v[1:] {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}
