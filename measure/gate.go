package measure

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// A Threshold is one rule of a CI gate, such as "slower>5%": the new run
// fails when a strategy's figure grew past Limit over the old run's.
type Threshold struct {
	// Metric is one of gateMetrics.
	Metric string
	// Limit is the growth allowed: a fraction (0.05 is 5 %) when Relative,
	// else an amount in the metric's unit (allocations or bytes per
	// operation).
	Limit    float64
	Relative bool
	// Text is the rule as it was written, for messages.
	Text string
}

// slowerRule names the gate's rule on the verdict: significantly slower
// by more than the limit. Every other rule names a declared Metric.
const slowerRule = "slower"

// gateMetrics returns the figures a threshold can name, with what each
// means: slower, and every declared metric with a direction.
func gateMetrics() map[string]string {
	out := map[string]string{slowerRule: "ns/op, significantly slower under the verdict's test by more than the limit"}
	for _, m := range DeclaredMetrics() {
		if m.Better != Neither {
			out[m.Name] = m.Meaning + ", " + map[Better]string{Lower: "grown", Higher: "fallen"}[m.Better] + " by more than the limit"
		}
	}
	return out
}

// gateMetric finds the figure a rule names, by name or as tables print it
// ("allocs/op", "B/op"; "ns/op" is slower).
func gateMetric(name string) (Metric, bool) {
	if name == "ns/op" || name == slowerRule {
		return Metric{Name: slowerRule, PercentOnly: true}, true
	}
	for _, m := range DeclaredMetrics() {
		if m.Better != Neither && (m.Name == name || strings.EqualFold(m.Title(), name)) {
			return m, true
		}
	}
	return Metric{}, false
}

// parseThreshold reads one rule, METRIC>LIMIT: "slower>5%", "p99>10%",
// "allocs>0" or "allocs>5%", "bytes>1024". slower and p99 take a
// percentage; allocs and bytes a percentage or an amount per operation.
func parseThreshold(s string) (Threshold, error) {
	t := Threshold{Text: strings.TrimSpace(s)}
	name, limit, ok := strings.Cut(t.Text, ">")
	if !ok {
		return t, fmt.Errorf("threshold %q: want METRIC>LIMIT, such as slower>5%% or allocs>0", s)
	}
	m, ok := gateMetric(strings.ToLower(strings.TrimSpace(name)))
	if !ok {
		return t, fmt.Errorf("threshold %q: unknown figure %q; know %s", s, name, strings.Join(slices.Sorted(maps.Keys(gateMetrics())), ", "))
	}
	t.Metric = m.Name
	limit = strings.TrimSpace(limit)
	limit, t.Relative = strings.CutSuffix(limit, "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(limit), 64)
	switch {
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
		return t, fmt.Errorf("threshold %q: the limit must be a number, such as 5%%", s)
	case v < 0:
		return t, fmt.Errorf("threshold %q: the limit must not be negative", s)
	case !t.Relative && m.PercentOnly:
		return t, fmt.Errorf("threshold %q: %s takes a percentage, such as %s>5%%", s, t.Metric, t.Metric)
	case t.Relative && v > 1e6:
		return t, fmt.Errorf("threshold %q: the limit is past any measurable change", s)
	}
	t.Limit = v
	if t.Relative {
		t.Limit = v / 100
	}
	return t, nil
}

// A Gate is the rules a CI step holds a new run to.
type Gate []Threshold

// ParseGate reads rules given as flags, each one rule or several separated
// by commas.
func ParseGate(specs []string) (Gate, error) {
	var g Gate
	for _, spec := range specs {
		for _, s := range strings.Split(spec, ",") {
			t, err := parseThreshold(s)
			if err != nil {
				return nil, err
			}
			g = append(g, t)
		}
	}
	return g, nil
}

// GateResult is what a gate found: each breach, and each rule it could not
// check for want of a figure, one line apiece.
type GateResult struct {
	Breaches  []string
	Unchecked []string
}

// Check holds every strategy the two runs share to every rule.
func (g Gate) Check(d *Diff) GateResult {
	var res GateResult
	for _, r := range d.Rows {
		for _, t := range g {
			breach, unchecked := t.check(&r)
			if breach != "" {
				res.Breaches = append(res.Breaches, r.Name+": "+breach)
			}
			if unchecked != "" {
				res.Unchecked = append(res.Unchecked, r.Name+": "+unchecked)
			}
		}
	}
	return res
}

// check returns a breach of t by r in words, or why t could not be checked.
func (t Threshold) check(r *DiffRow) (breach, unchecked string) {
	if t.Metric == slowerRule {
		// Only a significant slowdown fails: a point estimate past the
		// limit inside noise is not evidence of a regression.
		slow := 1/r.Vs.Speedup - 1
		if r.Vs.Verdict == Slower && slow > t.Limit {
			return fmt.Sprintf("%.1f%% slower (p=%.3g), past %s", 100*slow, r.Vs.P, t.Text), ""
		}
		return "", ""
	}
	m, _ := LookupMetric(t.Metric)
	old, okOld := r.OldFigures[m.Name]
	new, okNew := r.NewFigures[m.Name]
	if !okOld || !okNew {
		return "", fmt.Sprintf("%s not measured in both runs: %s not checked", m.Title(), t.Text)
	}
	if !worse(old, new, m.Better, t) {
		return "", ""
	}
	msg := fmt.Sprintf("%s %s → %s", m.Title(), withUnit(old, m.Unit), withUnit(new, m.Unit))
	if old != 0 {
		msg += fmt.Sprintf(", %+.1f%%", 100*(new/old-1))
	}
	return msg + ", past " + t.Text, ""
}

// withUnit writes a figure with its unit, "1200 ns", or alone.
func withUnit(v float64, unit string) string {
	if unit == "" {
		return fmt.Sprintf("%.4g", v)
	}
	return fmt.Sprintf("%.4g %s", v, unit)
}

// worse reports whether new is worse than old by more than t allows: grown
// where lower is better, fallen where higher is.
func worse(old, new float64, better Better, t Threshold) bool {
	if better != Higher {
		return grown(old, new, t)
	}
	if !t.Relative {
		return old-new > t.Limit
	}
	return old > 0 && 1-new/old > t.Limit
}

// grown reports whether new exceeds old by more than t allows. From zero,
// any growth is past every relative limit.
func grown(old, new float64, t Threshold) bool {
	if !t.Relative {
		return new-old > t.Limit
	}
	if old <= 0 {
		return new > 0
	}
	return new/old-1 > t.Limit
}
