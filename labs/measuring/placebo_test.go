package measuring

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/perflab/perflab/measure"
)

// simulatedRun plays one run of the lab as the engine decides it: rounds
// of a baseline, a placebo from the very same distribution, and a fix
// whose true time is the baseline's over speedup, until both comparisons
// are decided or the budget of rounds ends. Every round shares a drift of
// the machine, as interleaved repetitions do, and each value has its own
// noise of relative size sigma; a share outliers of repetitions are 30 %
// slow.
func simulatedRun(rng *rand.Rand, budget int, sigma, outliers, speedup float64) (placebo, fix measure.Comparison) {
	const trueNs = 150_000.0
	noise := func() float64 {
		x := math.Exp(sigma * rng.NormFloat64())
		if rng.Float64() < outliers {
			x *= 1.3 // a repetition that met another process
		}
		return x
	}
	p := measure.NewSequence(measure.DefaultAlpha, measure.DefaultMargin)
	f := measure.NewSequence(measure.DefaultAlpha, measure.DefaultMargin)
	for r := 0; r < budget && !(p.Decided() && f.Decided()); r++ {
		drift := 1 + 0.01*rng.NormFloat64()
		base := trueNs * drift * noise()
		p.Add(base, trueNs*drift*noise())
		f.Add(base, trueNs/speedup*drift*noise())
	}
	return p.Comparison(), f.Comparison()
}

// TestPlaceboVerdict runs the lab's comparison on 1000 seeded simulated
// runs on a quiet machine (3 % noise, one repetition in fifty slowed by
// another process) within a budget of 1000 rounds: the placebo must be "~"
// at least nine times in ten, and the real fix, twice as fast, "faster"
// every time.
func TestPlaceboVerdict(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	const runs = 1000
	counts := map[measure.Verdict]int{}
	for range runs {
		placebo, fix := simulatedRun(rng, 1000, 0.03, 0.02, 2)
		counts[placebo.Verdict]++
		if fix.Verdict != measure.Faster {
			t.Fatalf("the fix came out %s (%s)", fix.Verdict, fix.Reason)
		}
	}
	t.Logf("placebo verdicts in %d simulated runs: %v", runs, counts)
	if counts[measure.Same] < runs*9/10 {
		t.Errorf("placebo verdicts %v: want ~ at least %d times in %d", counts, runs*9/10, runs)
	}
	// The comparison is wrong at most one time in twenty, however long it
	// looks: far more means it is biased.
	if wrong := counts[measure.Faster] + counts[measure.Slower]; wrong > runs/20 {
		t.Errorf("placebo called different %d times in %d", wrong, runs)
	}
}

// TestNoiseHidesTheVerdict runs the same simulation on a noisy machine
// (30 % noise, one repetition in ten slowed) within a budget of 60 rounds:
// the placebo's interval is too wide to say "~", and a modest real gain is
// sometimes lost in the noise; each undecided verdict says how many more
// rounds would decide it.
func TestNoiseHidesTheVerdict(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	const runs = 1000
	placebo, fix := map[measure.Verdict]int{}, map[measure.Verdict]int{}
	for range runs {
		p, f := simulatedRun(rng, 60, 0.30, 0.1, 1.3)
		placebo[p.Verdict]++
		fix[f.Verdict]++
		if p.Verdict == measure.Inconclusive && p.MoreRounds <= 0 {
			t.Fatalf("an inconclusive placebo does not say what would decide it: %q", p.Reason)
		}
	}
	t.Logf("noisy: placebo %v, fix %v", placebo, fix)
	if placebo[measure.Inconclusive] < runs/2 {
		t.Errorf("noisy placebo verdicts %v: want mostly inconclusive", placebo)
	}
	if fix[measure.Inconclusive] == 0 || fix[measure.Faster] == 0 {
		t.Errorf("noisy fix verdicts %v: want some faster and some inconclusive", fix)
	}
}
