package report

import (
	"fmt"
	"math"

	"github.com/perflab/perflab/measure"
)

// throughputNote says which figure is which where a strategy's verdict and
// its ops/s column tell different speedups, "" where they agree. The
// verdict's speedup is the median of the per-round ratios of ns/op, the
// figure its test is about; the ops/s columns divide all operations by all
// the time measured, so that where rounds differ, the long ones weigh more.
// On a queue whose rounds vary, 2.60x beside a ratio of throughputs of
// 1.87x, unexplained, reads as a contradiction.
func throughputNote(r *measure.Report, s *measure.Result) string {
	c := s.VsBaseline
	if c == nil || len(r.Strategies) == 0 || c.Speedup <= 0 || s.OpenLoop != nil {
		return ""
	}
	base := r.Strategies[0]
	if base.Throughput <= 0 || s.Throughput <= 0 || base.OpenLoop != nil {
		return ""
	}
	ratio := s.Throughput / base.Throughput
	lo, hi := c.SpeedupLo, c.SpeedupHi
	if lo <= 0 || hi <= 0 {
		// Without an interval, a gap wider than the margin is one to
		// explain.
		lo, hi = c.Speedup/(1+c.Margin), c.Speedup*(1+c.Margin)
	}
	if ratio >= lo && ratio <= hi || math.Abs(math.Log(ratio/c.Speedup)) <= math.Log1p(c.Margin) {
		return ""
	}
	per := "per-round"
	if c.Block > 1 {
		per = fmt.Sprintf("per-block (%d rounds)", c.Block)
	}
	return fmt.Sprintf("the verdict's %sx is the median of the %s ratios of ns/op; the ops/s columns give %sx, all operations over all the time measured, in which the longer rounds weigh more: the rounds differed, and the verdict's test is about the median",
		sig(c.Speedup), per, sig(ratio))
}
