package measure

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// machine draws per-round ns/op as a noisy machine gives them: every round
// shares a slow drift (a random walk of the machine's speed, which both
// sides of a round meet), each repetition has its own lognormal noise of
// relative size sigma, and a share outliers of repetitions meet another
// process and run 30 to 100 % slow.
type machine struct {
	rng      *rand.Rand
	sigma    float64
	outliers float64
	drift    float64
}

func (m *machine) rep(trueNs float64) float64 {
	x := trueNs * math.Exp(m.drift+m.sigma*m.rng.NormFloat64())
	if m.rng.Float64() < m.outliers {
		x *= 1.3 + 0.7*m.rng.Float64()
	}
	return x
}

// round returns one round's baseline and subject ns/op, the subject speedup
// times faster.
func (m *machine) round(speedup float64) (base, subject float64) {
	m.drift += 0.01 * m.rng.NormFloat64()
	return m.rep(100), m.rep(100 / speedup)
}

// decide runs the comparison as a run does: round after round until it is
// decided or the budget of rounds ends.
func decide(m *machine, speedup float64, budget int) Comparison {
	s := NewSequence(DefaultAlpha, DefaultMargin)
	for s.Rounds() < budget && !s.Decided() {
		s.Add(m.round(speedup))
	}
	return s.Comparison()
}

// checkAgreement fails t when the verdict, the interval and p of c say
// different things.
func checkAgreement(t *testing.T, trial int, c Comparison) {
	t.Helper()
	sig := c.P < DefaultAlpha
	bounded := c.SpeedupLo > 0 && c.SpeedupHi > 0
	excludes1 := bounded && (c.SpeedupLo > 1 || c.SpeedupHi < 1)
	inside := bounded && c.SpeedupLo >= 1-c.Margin && c.SpeedupHi <= 1+c.Margin
	var ok bool
	switch c.Verdict {
	case Faster:
		ok = sig && c.SpeedupLo > 1 && c.Delta[0] == '-'
	case Slower:
		ok = sig && c.SpeedupHi < 1 && c.Delta[0] == '+'
	case Same:
		ok = !sig && inside && c.Delta == "~"
	case Inconclusive:
		ok = !sig && !inside && c.Why != nil
	}
	if sig != excludes1 {
		ok = false
	}
	if bounded && (c.Speedup < c.SpeedupLo || c.Speedup > c.SpeedupHi) {
		ok = false
	}
	if !ok {
		t.Errorf("trial %d: verdict %s, p=%.4g, interval %.4f–%.4f, speedup %.4f, delta %s: they disagree",
			trial, c.Verdict, c.P, c.SpeedupLo, c.SpeedupHi, c.Speedup, c.Delta)
	}
}

// TestSequentialKnownAnswers feeds the real comparison and stopping code
// 1,000 seeded trials of each case, on a machine with 6 % noise per
// repetition, slow drift and 3 % outliers, within a budget of 1,000 rounds
// (a 30 s budget at 15 ms a round): an A/A comparison is called faster or
// slower at most 5 % of the time and "~" at least 90 %; a real 5 %
// difference is "faster" at least 90 % of the time; a real 20 % one always.
func TestSequentialKnownAnswers(t *testing.T) {
	const trials, budget = 1000, 1000
	tests := []struct {
		name    string
		speedup float64
		check   func(n map[Verdict]int) bool
		want    string
	}{
		{"A/A", 1, func(n map[Verdict]int) bool {
			return n[Faster]+n[Slower] <= trials/20 && n[Same] >= trials*9/10
		}, "faster+slower <= 5%, ~ >= 90%"},
		{"5% faster", 1.05, func(n map[Verdict]int) bool { return n[Faster] >= trials*9/10 }, "faster >= 90%"},
		{"5% slower", 1 / 1.05, func(n map[Verdict]int) bool { return n[Slower] >= trials*9/10 }, "slower >= 90%"},
		{"20% faster", 1.2, func(n map[Verdict]int) bool { return n[Faster] == trials }, "always faster"},
	}
	for ti, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[Verdict]int{}
			rounds := 0
			for i := range trials {
				m := &machine{rng: rand.New(rand.NewPCG(uint64(ti), uint64(i))), sigma: 0.06, outliers: 0.03}
				c := decide(m, tt.speedup, budget)
				checkAgreement(t, i, c)
				got[c.Verdict]++
				rounds += c.N[0]
			}
			t.Logf("%s: %v, %.0f rounds on average", tt.name, got, float64(rounds)/trials)
			if !tt.check(got) {
				t.Errorf("%s verdicts %v in %d trials, want %s", tt.name, got, trials, tt.want)
			}
		})
	}
}

// TestSequentialIntervalCoversAtEveryRound checks the promise the stopping
// rule rests on: over 400 A/A trials of 500 rounds, the running interval
// excludes the true ratio of 1 at some round in at most α of them, though
// it is looked at after every round. A fixed-sample interval looked at so
// often would miss several times as often.
func TestSequentialIntervalCoversAtEveryRound(t *testing.T) {
	const trials, rounds = 400, 500
	missed := 0
	for i := range trials {
		m := &machine{rng: rand.New(rand.NewPCG(7, uint64(i))), sigma: 0.1}
		s := NewSequence(DefaultAlpha, 1e-9) // no margin: never stops at "~"
		for range rounds {
			s.Add(m.round(1))
		}
		if v := s.Comparison().Verdict; v == Faster || v == Slower {
			missed++
		}
	}
	if missed > trials/20 {
		t.Errorf("the interval missed 1 in %d of %d trials, want at most %d", missed, trials, trials/20)
	}
}

func TestSequenceCases(t *testing.T) {
	tests := []struct {
		name    string
		rounds  [][2]float64
		verdict Verdict
		decided bool
		reason  string
	}{
		{"no rounds", nil, Inconclusive, false, "no_round"},
		{"too few rounds for an interval", repeat(5, 100, 50), Inconclusive, false, "too_few_rounds rounds=5 need=12 more=7"},
		{"twice as fast", repeat(12, 100, 50), Faster, true, ""},
		{"twice as slow", repeat(12, 50, 100), Slower, true, ""},
		{"identical", repeat(12, 100, 100), Same, true, ""},
		{"rounds without operations are skipped", append(repeat(11, 100, 50), [2]float64{100, 0}), Inconclusive, false, "too_few_rounds rounds=11 need=12"},
		{"2% apart, too noisy to tell yet", alternate(20, 100, 0.98, 0.15), Inconclusive, false, "wide"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSequence(0.05, 0.05)
			for _, r := range tt.rounds {
				s.Add(r[0], r[1])
			}
			c := s.Comparison()
			if c.Verdict != tt.verdict || c.Decided != tt.decided {
				t.Errorf("got %s (decided %v, %q), want %s (decided %v)", c.Verdict, c.Decided, whyText(c), tt.verdict, tt.decided)
			}
			if tt.reason != "" && !strings.HasPrefix(whyText(c), tt.reason) {
				t.Errorf("reason %q, want it to begin %q", whyText(c), tt.reason)
			}
		})
	}
}

// TestSequenceKeepsTheDecidingRound checks that a comparison decided as ~
// keeps the figures of the round that decided it while the run goes on for
// others.
func TestSequenceKeepsTheDecidingRound(t *testing.T) {
	s := NewSequence(0.05, 0.05)
	for range 12 {
		s.Add(100, 100)
	}
	want := s.Comparison()
	if want.Verdict != Same || !want.Decided || want.DecidedRound != 12 {
		t.Fatalf("12 identical rounds: %+v, want ~ decided at round 12", want)
	}
	for range 20 {
		s.Add(100, 200)
	}
	if got := s.Comparison(); got != want {
		t.Errorf("after more rounds got %+v, want the deciding round's %+v", got, want)
	}
}

// TestAFasterVerdictStandsWhileItsIntervalNarrows checks the precision phase:
// once faster, more rounds of the same keep the verdict and its deciding
// round, narrow the interval around the speedup, lower p, and make it
// precise; rounds that then go the other way end in a drift, not in a
// verdict the rounds no longer support.
func TestAFasterVerdictStandsWhileItsIntervalNarrows(t *testing.T) {
	s := NewSequence(0.05, 0.05)
	noisy := func(i int) float64 { return 50 * (1 + 0.2*float64(i%5-2)/2) } // ±20 % around 2x
	i := 0
	for ; !s.Decided(); i++ {
		s.Add(100, noisy(i))
	}
	first := s.Comparison()
	if first.Verdict != Faster || first.Precise {
		t.Fatalf("decided %+v, want faster and not yet precise at ±20 %% noise", first)
	}
	for ; i < 2000 && !s.Comparison().Precise; i++ {
		s.Add(100, noisy(i))
	}
	got := s.Comparison()
	switch {
	case got.Verdict != Faster || got.DecidedRound != first.DecidedRound:
		t.Errorf("after %d rounds: %s decided at %d, want faster decided at %d", i, got.Verdict, got.DecidedRound, first.DecidedRound)
	case !got.Precise || got.SpeedupHi-got.SpeedupLo >= first.SpeedupHi-first.SpeedupLo:
		t.Errorf("after %d rounds the interval %.3f-%.3f is not precise, or no narrower than the deciding %.3f-%.3f", i, got.SpeedupLo, got.SpeedupHi, first.SpeedupLo, first.SpeedupHi)
	case got.P >= first.P:
		t.Errorf("p %g after %d rounds, want below the deciding round's %g", got.P, i, first.P)
	case got.SpeedupLo > 2 || got.SpeedupHi < 2:
		t.Errorf("interval %.3f-%.3f misses the true speedup 2", got.SpeedupLo, got.SpeedupHi)
	}
	for range 3 * i {
		s.Add(100, 400)
	}
	c := s.Comparison()
	if c.Verdict != Inconclusive || !c.Decided || c.DecidedRound <= first.DecidedRound {
		t.Errorf("after the ratio turned over: %+v, want inconclusive (a drift), decided after round %d", c, first.DecidedRound)
	}
	if c.SpeedupLo > c.SpeedupHi {
		t.Errorf("a drift shows the inverted interval %.3f-%.3f", c.SpeedupLo, c.SpeedupHi)
	}
}

func TestFirstBounded(t *testing.T) {
	if got := firstBounded(0.05); got != 12 {
		t.Errorf("firstBounded(0.05) = %d, want 12", got)
	}
}

func repeat(n int, base, subject float64) [][2]float64 {
	r := make([][2]float64, n)
	for i := range r {
		r[i] = [2]float64{base, subject}
	}
	return r
}

// alternate returns n rounds whose ratio is ratio and whose subject is
// spread ±spread, alternately.
func alternate(n int, base, ratio, spread float64) [][2]float64 {
	r := make([][2]float64, n)
	for i := range r {
		f := 1 + spread
		if i%2 == 1 {
			f = 1 - spread
		}
		r[i] = [2]float64{base, base / ratio * f}
	}
	return r
}
