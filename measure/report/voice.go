package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/perflab/perflab/measure"
)

// A Voice words the engine's findings and reasons for one front end: the
// sentences are shared, and only the knobs a finding points to are named in
// the front end's own terms, a flag on the command line, a field in the TUI.
type Voice struct {
	knobs map[measure.Knob]string
	// flags says the knobs are flags, given a value as "run with --reps
	// 6"; otherwise they are fields, "set repetitions to 6".
	flags bool
}

// NewVoice returns a voice whose knobs are the fields of a form, each
// named as knobs does; a knob it does not name is left out of the advice.
func NewVoice(knobs map[measure.Knob]string) Voice { return Voice{knobs: knobs} }

// CLI is the command line's voice: knobs are flags.
var CLI = Voice{flags: true, knobs: map[measure.Knob]string{
	measure.KnobReps:     "--reps",
	measure.KnobMaxTime:  "--max-time",
	measure.KnobRate:     "--rate",
	measure.KnobDuration: "--duration",
}}

// Knob names k, or "" when this voice has no name for it.
func (v Voice) Knob(k measure.Knob) string { return v.knobs[k] }

// Findings words a result's findings; a result saved before findings
// existed has only its words, legacy, which are kept as they were.
func (v Voice) Findings(fs []measure.Finding, legacy []string) []string {
	if fs == nil {
		return legacy
	}
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = v.Finding(f)
	}
	return out
}

// Finding words one finding.
func (v Voice) Finding(f measure.Finding) string {
	switch f.Kind {
	case measure.FindingFailures:
		return fmt.Sprintf("%d of %d operations failed: %s", f.Count, f.Of, strings.Join(f.Causes, "; "))
	case measure.FindingOutliers:
		return fmt.Sprintf("%s (modified Z-score > 3.5)", Count(int(f.Count), "outlier repetition", "outlier repetitions"))
	case measure.FindingBatched:
		return fmt.Sprintf("timed in batches of %d: percentiles are of batch means, not single operations", f.Batch)
	case measure.FindingBusyWorkers:
		return fmt.Sprintf("%d busy workers on %d CPUs: latency includes waiting for a CPU", f.Workers, f.CPUs)
	case measure.FindingStall:
		return fmt.Sprintf("closed loop: a %v stall held back the operations behind it, so the tail understates latency (coordinated omission); %s",
			time.Duration(f.StallNs).Round(time.Microsecond), v.stallAdvice(f))
	case measure.FindingRateMissed:
		return fmt.Sprintf("open loop: achieved %.0f/s of the %.0f/s target", f.AchievedRate, f.TargetRate)
	case measure.FindingTooFewRounds:
		return fmt.Sprintf("%s: a verdict needs at least %d at α=%g", Count(f.Rounds, "round", "rounds"), f.Need, f.Alpha) + v.setTo(f.Knob, f.Need)
	case measure.FindingNoise:
		return v.noise(f)
	case measure.FindingCut:
		return fmt.Sprintf("%s in flight when a repetition of %v or the run's budget ended cut short, the longest after %v: counted nowhere",
			Count(int(f.Count), "operation", "operations"), time.Duration(f.RepNs), roundNs(f.OpNs))
	case measure.FindingLongOp:
		return v.longOp(f)
	case measure.FindingStartSkew:
		return fmt.Sprintf("the load generators started up to %v apart, over the %v promised, in %d of %d repetitions: their loads overlapped for less of those repetitions than asked",
			roundNs(f.SkewNs), time.Duration(f.ToleranceNs), f.Count, f.Of)
	}
	return string(f.Kind)
}

// stallAdvice says how to see the latency a closed loop hid.
func (v Voice) stallAdvice(f measure.Finding) string {
	if name := v.Knob(f.Knob); name != "" && !f.SelfPaced {
		return "start operations at a fixed rate (" + name + ") to see it"
	}
	if f.SelfPaced {
		return "this strategy paces itself, so read its tail as a lower bound (a workload with a rate parameter runs an open loop at it)"
	}
	return "an arrival rate would show it"
}

// setTo says how to give a knob a value of at least n: "; run with --reps 6
// or more", "; set repetitions to 6 or more".
func (v Voice) setTo(k measure.Knob, n int) string {
	if s := v.atLeast(k, n); s != "" {
		return "; " + s
	}
	return ""
}

// longOp words operations that outlasted their repetition, with whether
// the engine could cut them and how long a repetition would hold one.
func (v Voice) longOp(f measure.Finding) string {
	msg := fmt.Sprintf("%s took longer than the %v repetition (the longest %v), so such a repetition lasted as long as its operation",
		Count(int(f.Count), "operation", "operations"), time.Duration(f.RepNs), roundNs(f.OpNs))
	if f.Uninterruptible {
		msg += "; one operation is never interrupted"
	}
	// Twice the longest operation holds a few of them a repetition.
	want := (2 * time.Duration(f.OpNs)).Round(time.Millisecond)
	switch name := v.Knob(f.Knob); {
	case name == "":
	case v.flags:
		msg += fmt.Sprintf("; run with %s %v or more", name, want)
	default:
		msg += fmt.Sprintf("; set %s to %v or more", name, want)
	}
	return msg
}

// roundNs is a duration of ns rounded to a readable precision.
func roundNs(ns int64) time.Duration {
	d := time.Duration(ns)
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}

// atLeast says how to give a knob a value of at least n, or "" when this
// voice has no name for it.
func (v Voice) atLeast(k measure.Knob, n int) string {
	switch name := v.Knob(k); {
	case name == "":
		return ""
	case v.flags:
		return fmt.Sprintf("run with %s %d or more", name, n)
	default:
		return fmt.Sprintf("set %s to %d or more", name, n)
	}
}

// noise words the machine's noise and what it costs.
func (v Voice) noise(f measure.Finding) string {
	msg := fmt.Sprintf("this machine's noise, ±%.1f%% per %s, needs about %d rounds to see a %g%% difference", 100*f.Noise, f.Per, f.Need, 100*f.Margin)
	if f.Need < 0 {
		msg = fmt.Sprintf("this machine's noise, ±%.1f%% per %s, hides a %g%% difference at any practical number of rounds", 100*f.Noise, f.Per, 100*f.Margin)
	}
	var causes []string
	if f.BusyShare > 0 {
		causes = append(causes, fmt.Sprintf("other processes kept %.0f%% of the CPUs busy", 100*f.BusyShare))
	}
	if f.StealShare > 0 {
		causes = append(causes, fmt.Sprintf("the hypervisor gave %.0f%% of the CPU time to other guests (steal)", 100*f.StealShare))
	}
	if len(causes) > 0 {
		msg += "; " + strings.Join(causes, " and ")
	}
	return msg
}

// Reason words why a comparison is not plain and what would decide it, ""
// for a plain one; a comparison saved before reasons were data keeps its
// own words.
func (v Voice) Reason(c *measure.Comparison) string {
	w := c.Why
	if w == nil {
		return c.Reason
	}
	var b strings.Builder
	switch w.Ended {
	case measure.EndStopped:
		fmt.Fprintf(&b, "the run was stopped after %s: ", Count(w.EndRound, "round", "rounds"))
	case measure.EndBudget:
		fmt.Fprintf(&b, "the %v budget ended after %s: ", time.Duration(w.BudgetNs), Count(w.EndRound, "round", "rounds"))
	}
	b.WriteString(v.why(c))
	switch w.Kind {
	case measure.WhyTooFewRounds, measure.WhyWide:
		if !c.Decided && !(w.Kind == measure.WhyTooFewRounds && c.Method == measure.MethodFixed) {
			b.WriteString(needs(c.MoreRounds, c.Noise, w.Per, c.Block, c.Method == measure.MethodUnpaired))
		}
	}
	return b.String()
}

// why words a reason's kind with its figures.
func (v Voice) why(c *measure.Comparison) string {
	w := c.Why
	switch w.Kind {
	case measure.WhyNoRound:
		if w.Per == "repetition" {
			return "no repetition finished"
		}
		return "no round finished"
	case measure.WhyTooFewRounds:
		switch {
		case c.Method == measure.MethodUnpaired:
			return fmt.Sprintf("%d and %d repetitions: too few for an interval at α=%g", c.N[0], c.N[1], w.Alpha)
		case c.Method == measure.MethodFixed:
			s := fmt.Sprintf("%s: an interval needs at least %d", Count(w.Rounds, "round", "rounds"), w.Need)
			if more := v.atLeast(w.Knob, w.Need); more != "" {
				s += "; " + more + ", or let the run go on until decided"
			}
			return s
		case w.Ended != "":
			// The ending already said how many rounds ran.
			return fmt.Sprintf("the interval needs at least %d at α=%g", w.Need, w.Alpha)
		}
		return fmt.Sprintf("%s: the interval needs at least %d at α=%g", Count(w.Rounds, "round", "rounds"), w.Need, w.Alpha)
	case measure.WhyWide:
		return fmt.Sprintf("the interval %.3f–%.3f is neither inside ±%g%% nor clear of 1", w.Lo, w.Hi, 100*c.Margin)
	case measure.WhyDrift:
		return "the speedup drifted during the run: its intervals do not overlap (a cache warming, a machine changing speed); rerun it, or warm it up first"
	case measure.WhyFailures:
		return fmt.Sprintf("%d operations failed: a fast failure is not a fast operation", w.Failed)
	}
	return string(w.Kind)
}

// needs says what would decide a comparison: ": needs about 40 more rounds
// at this noise (±7.0% per round)"; in each run when two runs are compared.
// Where fresh instances served blocks of rounds, the noise is a block's,
// one observation, while the rounds needed are still counted in rounds.
func needs(more int, noise float64, per string, block int, eachRun bool) string {
	if per == "" {
		per = "round"
	}
	noisePer := per
	if block > 1 {
		noisePer = fmt.Sprintf("block of %d %ss", block, per)
	}
	each := ""
	if eachRun {
		each = " in each run"
	}
	switch {
	case more < 0:
		return fmt.Sprintf(": at this noise (±%.0f%% per %s) no practical number of %ss%s would decide", 100*noise, noisePer, per, each)
	case more == 0:
		return ""
	}
	return fmt.Sprintf(": needs about %s%s at this noise (±%.1f%% per %s)", Count(more, "more "+per, "more "+per+"s"), each, 100*noise, noisePer)
}

// Count says n of a thing: "1 round", "12 rounds".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
