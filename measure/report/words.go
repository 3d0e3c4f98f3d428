package report

import (
	"fmt"
	"strings"

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

// DeltaMark returns the delta column's cell of a comparison: the change in
// ns/op when it is faster or slower, "~" when it is no different, and "?"
// when it is inconclusive. The engine leaves "~" in an undecided
// comparison's Delta; a table must not, since "~" reads as "no difference"
// everywhere else.
func DeltaMark(c *measure.Comparison) string {
	switch c.Verdict {
	case measure.Faster, measure.Slower:
		if c.Delta != "" && c.Delta != "~" {
			return c.Delta
		}
		return string(c.Verdict)
	case measure.Same:
		return "~"
	}
	return "?"
}

// DeltaLegend says what the marks of the delta column mean, for the notes
// under a table that shows a "~" or "?" in it, or "" when none does.
func DeltaLegend(cs ...*measure.Comparison) string {
	var same, open bool
	var margin float64
	for _, c := range cs {
		switch DeltaMark(c) {
		case "~":
			same, margin = true, max(margin, c.Margin)
		case "?":
			open = true
		}
	}
	var parts []string
	if same {
		if margin > 0 {
			parts = append(parts, fmt.Sprintf("~ no difference (inside ±%s%%)", trimFloat(100*margin)))
		} else {
			parts = append(parts, "~ no difference")
		}
	}
	if open {
		parts = append(parts, "? inconclusive (not decided either way)")
	}
	if len(parts) == 0 {
		return ""
	}
	return "delta: " + strings.Join(parts, ", ")
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
