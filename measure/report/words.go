package report

import (
	"fmt"

	"github.com/perflab/perflab/measure"
)

// Words says a comparison in a few words: "31.2x faster ± 0.4", "~ no
// difference", "? inconclusive". A slower subject's ratio is turned over,
// so that "2.00x slower" reads as plainly as "2.00x faster", and its ± with
// it.
func Words(c *measure.Comparison) string {
	switch c.Verdict {
	case measure.Faster:
		return fmt.Sprintf("%sx faster ± %s", sig(c.Speedup), sig(c.PlusMinus()))
	case measure.Slower:
		return fmt.Sprintf("%sx slower ± %s", sig(1/c.Speedup), sig(c.SlowdownPlusMinus()))
	case measure.Same:
		return "~ no difference"
	}
	return "? inconclusive"
}

// Symbol returns a verdict as printed in tables: "~" for same, the verdict's
// own name otherwise.
func Symbol(v measure.Verdict) string {
	if v == measure.Same {
		return "~"
	}
	return string(v)
}

// Mode says in a few words how the run loaded its subjects: "closed loop",
// "closed loop, 8 engine workers", "open loop at 500/s, up to 8 in flight".
// Strategies that run their own goroutines (a pool of k) say so in their
// own parameters, not here.
func Mode(r *measure.Report) string {
	switch {
	case r.Rate > 0:
		return fmt.Sprintf("open loop at %s/s, up to %d in flight", trimFloat(r.Rate), r.Workers)
	case r.Workers > 1:
		return fmt.Sprintf("closed loop, %d engine workers", r.Workers)
	}
	return "closed loop"
}
