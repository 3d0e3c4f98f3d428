package measure

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// whyText is a comparison's reason as its kind and figures, for tests to
// match and print: "too_few_rounds rounds=5 need=12 more=7".
func whyText(c Comparison) string {
	w := c.Why
	if w == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(string(w.Kind))
	for _, f := range []struct {
		name string
		v    int
	}{{"rounds", w.Rounds}, {"need", w.Need}, {"more", c.MoreRounds}, {"failed", int(w.Failed)}, {"end_round", w.EndRound}} {
		if f.v != 0 {
			fmt.Fprintf(&b, " %s=%d", f.name, f.v)
		}
	}
	if w.Ended != "" {
		fmt.Fprintf(&b, " ended=%s", w.Ended)
	}
	return b.String()
}

// TestUnboundedIntervalNeedsTheRoundsThatBoundIt checks what would decide a
// comparison before its interval is bounded agrees with why it is not
// decided: at round 5 of a sequence whose interval needs 12, "needs about 1
// more round" would contradict "needs at least 12".
func TestUnboundedIntervalNeedsTheRoundsThatBoundIt(t *testing.T) {
	for _, tt := range []struct {
		name    string
		compare func(base, subj []float64) Comparison
	}{
		{"sequential", func(b, s []float64) Comparison { return compare(b, s, 0.05, 0.05) }},
		{"fixed", func(b, s []float64) Comparison { return compareFixed(b, s, 0.05, 0.05) }},
	} {
		for n := 1; n < 12; n++ {
			base, subj := make([]float64, n), make([]float64, n)
			for i := range n {
				base[i], subj[i] = 200, 100+float64(i%3)
			}
			c := tt.compare(base, subj)
			if c.Why == nil || c.Why.Kind != WhyTooFewRounds {
				continue
			}
			if c.MoreRounds < c.Why.Need-n {
				t.Errorf("%s, %d rounds: needs %d more, but the interval needs %d: %s", tt.name, n, c.MoreRounds, c.Why.Need, whyText(c))
			}
		}
	}
}

// TestFixedDesignTooFewRoundsAgreesWithItsInterval checks that a fixed
// design's run finding asks for the rounds its own interval needs, the sign
// test's 6 at α=0.05, not the 12 of a run that looks after every round: 8
// rounds that give "2.79x faster" must not be told a verdict needs 12.
func TestFixedDesignTooFewRoundsAgreesWithItsInterval(t *testing.T) {
	if got := fixedRoundsFor(0.05); got != 6 {
		t.Errorf("fixedRoundsFor(0.05) = %d, want 6", got)
	}
	for _, reps := range []int{3, 8} {
		r := &Run{cfg: Config{Reps: reps, Alpha: 0.05, Margin: 0.05}.WithDefaults()}
		var too *Finding
		for _, f := range r.tooFewRounds() {
			too = &f
		}
		switch {
		case reps >= 6 && too != nil:
			t.Errorf("%d rounds of a fixed design: %+v, want no finding: the sign test bounds its interval from 6", reps, *too)
		case reps < 6 && (too == nil || too.Need != 6 || too.Knob != KnobReps):
			t.Errorf("%d rounds of a fixed design: %+v, want a finding that 6 are needed", reps, too)
		}
	}
}

// causes returns the failure messages of a result's findings.
func causes(fs []Finding) []string {
	for _, f := range fs {
		if f.Kind == FindingFailures {
			return f.Causes
		}
	}
	return nil
}

// hasFinding reports whether fs holds a finding of kind k.
func hasFinding(fs []Finding, k FindingKind) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Kind == k })
}
