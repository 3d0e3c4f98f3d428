package measure

import (
	"fmt"
	"math"

	"golang.org/x/perf/benchmath"
)

// minReps is the fewest repetitions from which a 95 % confidence interval of
// the median can be computed.
const minReps = 6

// maxNoise is the widest confidence interval, relative to its median, at
// which "no difference" is still a finding: past it the test could not have
// seen a real difference, so the verdict is inconclusive.
const maxNoise = 0.20

// Summarize returns the median of values and its confidence interval at
// level confidence, without assuming any distribution. With fewer than six
// values the interval is unbounded and reported as the sample's range.
func Summarize(values []float64, confidence float64) Summary {
	if len(values) == 0 {
		return Summary{}
	}
	s := benchmath.AssumeNothing.Summary(benchmath.NewSample(values, &benchmath.DefaultThresholds), confidence)
	out := Summary{Median: s.Center, Lo: s.Lo, Hi: s.Hi}
	if math.IsInf(out.Lo, 0) || math.IsInf(out.Hi, 0) {
		out.Lo, out.Hi = minMax(values)
	}
	return out
}

// Compare compares a subject's per-repetition ns/op with the baseline's:
// Mann-Whitney U test for the p-value, medians with confidence intervals for
// the speedup and its bounds.
func Compare(base, subject []float64, confidence, alpha float64) Comparison {
	thr := &benchmath.Thresholds{CompareAlpha: alpha}
	a, b := benchmath.NewSample(base, thr), benchmath.NewSample(subject, thr)
	c := Comparison{N: [2]int{len(base), len(subject)}, P: 1, Delta: "~"}
	if len(base) == 0 || len(subject) == 0 {
		c.Verdict, c.Reason = Inconclusive, "no repetition finished"
		return c
	}
	sa, sb := Summarize(base, confidence), Summarize(subject, confidence)
	if sb.Median > 0 {
		c.Speedup = sa.Median / sb.Median
	}
	if sb.Hi > 0 && sb.Lo > 0 {
		c.SpeedupLo, c.SpeedupHi = sa.Lo/sb.Hi, sa.Hi/sb.Lo
	}
	cmp := benchmath.AssumeNothing.Compare(a, b)
	c.P = cmp.P
	c.Delta = cmp.FormatDelta(sa.Median, sb.Median)

	n := min(len(base), len(subject))
	noise := max(relWidth(sa), relWidth(sb))
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
		c.Reason = fmt.Sprintf("too noisy to tell: the median's interval is ±%.0f%% wide", noise*50)
	default:
		c.Verdict = Same
	}
	return c
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

// PlusMinus returns the half-width of the speedup's interval, for "31.2x ±
// 0.4".
func (c *Comparison) PlusMinus() float64 { return (c.SpeedupHi - c.SpeedupLo) / 2 }
