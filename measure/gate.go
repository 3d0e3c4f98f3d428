package measure

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A Threshold is one rule of a CI gate, such as "slower>5%": the new run
// fails when a strategy's figure grew past Limit over the old run's.
type Threshold struct {
	// Metric is one of GateMetrics.
	Metric string
	// Limit is the growth allowed: a fraction (0.05 is 5 %) when Relative,
	// else an amount in the metric's unit (allocations or bytes per
	// operation).
	Limit    float64
	Relative bool
	// Text is the rule as it was written, for messages.
	Text string
}

// GateMetrics are the figures a threshold can name, with what each means.
var GateMetrics = map[string]string{
	"slower": "ns/op, significantly slower under the verdict's test by more than the limit",
	"p99":    "the 99th percentile latency, grown by more than the limit",
	"allocs": "allocations per operation, grown by more than the limit",
	"bytes":  "bytes allocated per operation, grown by more than the limit",
}

// metricAliases are the other names a threshold may use, as the tables
// print them.
var metricAliases = map[string]string{"allocs/op": "allocs", "b/op": "bytes", "ns/op": "slower"}

// ParseThreshold reads one rule, METRIC>LIMIT: "slower>5%", "p99>10%",
// "allocs>0" or "allocs>5%", "bytes>1024". slower and p99 take a
// percentage; allocs and bytes a percentage or an amount per operation.
func ParseThreshold(s string) (Threshold, error) {
	t := Threshold{Text: strings.TrimSpace(s)}
	name, limit, ok := strings.Cut(t.Text, ">")
	if !ok {
		return t, fmt.Errorf("threshold %q: want METRIC>LIMIT, such as slower>5%% or allocs>0", s)
	}
	t.Metric = strings.ToLower(strings.TrimSpace(name))
	if alias, ok := metricAliases[t.Metric]; ok {
		t.Metric = alias
	}
	if _, ok := GateMetrics[t.Metric]; !ok {
		return t, fmt.Errorf("threshold %q: unknown figure %q; know slower, p99, allocs, bytes", s, name)
	}
	limit = strings.TrimSpace(limit)
	limit, t.Relative = strings.CutSuffix(limit, "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(limit), 64)
	switch {
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
		return t, fmt.Errorf("threshold %q: the limit must be a number, such as 5%%", s)
	case v < 0:
		return t, fmt.Errorf("threshold %q: the limit must not be negative", s)
	case !t.Relative && (t.Metric == "slower" || t.Metric == "p99"):
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
			t, err := ParseThreshold(s)
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
	switch t.Metric {
	case "slower":
		// Only a significant slowdown fails: a point estimate past the
		// limit inside noise is not evidence of a regression.
		slow := 1/r.Vs.Speedup - 1
		if r.Vs.Verdict == Slower && slow > t.Limit {
			return fmt.Sprintf("%.1f%% slower (p=%.3g), past %s", 100*slow, r.Vs.P, t.Text), ""
		}
	case "p99":
		if r.OldP99Ns <= 0 || r.NewP99Ns <= 0 {
			return "", fmt.Sprintf("no p99 in both runs: %s not checked", t.Text)
		}
		grow := float64(r.NewP99Ns)/float64(r.OldP99Ns) - 1
		if grow > t.Limit {
			return fmt.Sprintf("p99 %d ns → %d ns, %+.1f%%, past %s", r.OldP99Ns, r.NewP99Ns, 100*grow, t.Text), ""
		}
	case "allocs", "bytes":
		old, new, unit := r.OldAllocs, r.NewAllocs, "allocs/op"
		if t.Metric == "bytes" {
			old, new, unit = r.OldBytes, r.NewBytes, "B/op"
		}
		if old == nil || new == nil {
			return "", fmt.Sprintf("%s not measured in both runs (work outside the process): %s not checked", unit, t.Text)
		}
		if grown(*old, *new, t) {
			return fmt.Sprintf("%s %.4g → %.4g, past %s", unit, *old, *new, t.Text), ""
		}
	}
	return "", ""
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
