package measure

import (
	"testing"
	"time"
)

// decidedRun returns a run until decided, 12 rounds in, whose rounds of two
// subjects have taken round each, with one comparison as live.
func decidedRun(round time.Duration, c Comparison) *Run {
	r := &Run{
		cfg:      Config{MaxTime: 30 * time.Second, RepDuration: 10 * time.Millisecond},
		subjects: []*subjectState{{}, {}},
		seqs:     []*Sequence{NewSequence(0.05, 0.05)},
		live:     []Comparison{c},
		rounds:   12,
	}
	r.started, r.firstSlot = 1, 1
	r.slotsRun = 2 * (r.rounds + 1)
	r.slotNs = int64(r.slotsRun) * int64(round) / 2
	return r
}

// A faster or slower verdict stands from the round that decided it, so a
// run goes on past it only for a precision its budget can reach: with 30 s
// and rounds of 1.2 s, 12 rounds in, 200 more rounds are out of reach and 5
// are not. An undecided comparison always holds the run.
func TestRunGoesOnForPrecisionOnlyWithinItsBudget(t *testing.T) {
	faster := Comparison{Verdict: Faster, Decided: true}
	for _, tc := range []struct {
		name  string
		round time.Duration
		c     Comparison
		want  bool
	}{
		{"precise", 1200 * time.Millisecond, Comparison{Verdict: Faster, Decided: true, Precise: true}, true},
		{"precision out of reach", 1200 * time.Millisecond, with(faster, 200), true},
		{"precision at no practical number", 1200 * time.Millisecond, with(faster, -1), true},
		{"precision within reach", 1200 * time.Millisecond, with(faster, 5), false},
		{"precision within reach of short rounds", 20 * time.Millisecond, with(faster, 200), false},
		{"undecided", 1200 * time.Millisecond, Comparison{Verdict: Inconclusive, MoreRounds: 200}, false},
	} {
		r := decidedRun(tc.round, tc.c)
		if got := r.decided(); got != tc.want {
			t.Errorf("%s: decided() = %v, want %v (fit %d rounds)", tc.name, got, tc.want, r.fitRounds())
		}
	}
}

// with returns c needing more rounds to be precise.
func with(c Comparison, more int) Comparison {
	c.MoreRounds = more
	return c
}

// The rounds a run plans count a decided comparison's rounds to precision
// only while they fit in the budget, as the stopping rule does: otherwise
// the progress would promise rounds the run will not run.
func TestPlannedRoundsFollowTheStoppingRule(t *testing.T) {
	faster := Comparison{Verdict: Faster, Decided: true, SpeedupLo: 3, SpeedupHi: 4, Noise: 0.2}
	r := decidedRun(1200*time.Millisecond, with(faster, 200))
	if got := r.plannedRounds(); got != r.rounds {
		t.Errorf("out of reach: planned %d rounds, want the %d run", got, r.rounds)
	}
	r = decidedRun(1200*time.Millisecond, with(faster, 5))
	if got, want := r.plannedRounds(), r.rounds+5; got != want {
		t.Errorf("within reach: planned %d rounds, want %d", got, want)
	}
}
