package measuring

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/perflab/perflab/measure"
)

// simulatedRun draws the per-repetition ns/op of one run of the lab: a
// baseline, a placebo from the very same distribution, and a fix whose true
// time is the baseline's over speedup. Every repetition round shares a
// drift of the machine, as interleaved repetitions do, and each value has
// its own noise of relative size sigma; a share outliers of repetitions
// are 30 % slow.
func simulatedRun(rng *rand.Rand, reps int, sigma, outliers, speedup float64) (base, placebo, fix []float64) {
	const trueNs = 150_000.0
	noise := func() float64 {
		x := math.Exp(sigma * rng.NormFloat64())
		if rng.Float64() < outliers {
			x *= 1.3 // a repetition that met another process
		}
		return x
	}
	for range reps {
		drift := 1 + 0.01*rng.NormFloat64()
		base = append(base, trueNs*drift*noise())
		placebo = append(placebo, trueNs*drift*noise())
		fix = append(fix, trueNs/speedup*drift*noise())
	}
	return base, placebo, fix
}

// TestPlaceboVerdict runs the lab's comparison on 1000 seeded simulated
// runs of 10 repetitions on a quiet machine (3 % noise, one repetition in
// fifty slowed by another process): the placebo must
// be "~" at least nine times in ten, and the real fix, twice as fast,
// "faster" every time.
func TestPlaceboVerdict(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	const runs = 1000
	counts := map[measure.Verdict]int{}
	for range runs {
		base, placebo, fix := simulatedRun(rng, 10, 0.03, 0.02, 2)
		counts[measure.Compare(base, placebo, measure.DefaultConfidence, measure.DefaultAlpha).Verdict]++
		if v := measure.Compare(base, fix, measure.DefaultConfidence, measure.DefaultAlpha).Verdict; v != measure.Faster {
			t.Fatalf("the fix came out %s", v)
		}
	}
	t.Logf("placebo verdicts in %d simulated runs: %v", runs, counts)
	if counts[measure.Same] < runs*9/10 {
		t.Errorf("placebo verdicts %v: want ~ at least %d times in %d", counts, runs*9/10, runs)
	}
	// A test at alpha 0.05 calls a difference that is not there about one
	// time in twenty; far more means the comparison is biased.
	if wrong := counts[measure.Faster] + counts[measure.Slower]; wrong > runs/10 {
		t.Errorf("placebo called different %d times in %d", wrong, runs)
	}
}

// TestNoiseHidesTheVerdict runs the same simulation on a noisy machine
// (30 % noise, one repetition in ten slowed): the placebo's intervals are too wide to say "~", and a
// modest real gain is sometimes lost in the noise.
func TestNoiseHidesTheVerdict(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	const runs = 1000
	placebo, fix := map[measure.Verdict]int{}, map[measure.Verdict]int{}
	for range runs {
		b, p, f := simulatedRun(rng, 10, 0.30, 0.1, 1.3)
		placebo[measure.Compare(b, p, measure.DefaultConfidence, measure.DefaultAlpha).Verdict]++
		fix[measure.Compare(b, f, measure.DefaultConfidence, measure.DefaultAlpha).Verdict]++
	}
	t.Logf("noisy: placebo %v, fix %v", placebo, fix)
	if placebo[measure.Inconclusive] < runs/2 {
		t.Errorf("noisy placebo verdicts %v: want mostly inconclusive", placebo)
	}
	if fix[measure.Inconclusive] == 0 || fix[measure.Faster] == 0 {
		t.Errorf("noisy fix verdicts %v: want some faster and some inconclusive", fix)
	}
}
