package measure

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// savedRun is a saved run of one workload with the strategies named, whose
// repetitions each test fills in.
func savedRun(names ...string) *Report {
	r := &Report{Schema: Schema, Lab: "data-structures", Workload: "membership", Params: map[string]any{"n": 10000}}
	for _, name := range names {
		r.Strategies = append(r.Strategies, &Result{Name: name})
	}
	return r
}

// withReps gives a result per-repetition ns/op.
func withReps(r *Result, ns ...float64) *Result {
	r.Reps = nil
	for _, v := range ns {
		r.Reps = append(r.Reps, Rep{Ops: 1000, NsPerOp: v})
	}
	return r
}

func TestDiffComparesSharedStrategies(t *testing.T) {
	old, new := savedRun("slice", "map", "map#2"), savedRun("slice", "map", "btree")
	withReps(old.Strategies[0], 2500, 2510, 2490, 2505, 2495, 2500, 2520, 2480)
	withReps(new.Strategies[0], 1250, 1255, 1245, 1252, 1248, 1250, 1260, 1240) // twice as fast
	withReps(old.Strategies[1], 16.6, 16.5, 16.7, 16.6, 16.4, 16.8, 16.6, 16.5)
	withReps(new.Strategies[1], 16.5, 16.7, 16.6, 16.6, 16.5, 16.7, 16.4, 16.6) // the same
	d, err := NewDiff(old, new, 0.95, 0.05, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Rows) != 2 {
		t.Fatalf("%d rows, want the 2 shared strategies", len(d.Rows))
	}
	if v := d.Rows[0].Vs; v.Verdict != Faster || v.Speedup < 1.95 || v.Speedup > 2.05 {
		t.Errorf("slice: %s at %gx, want faster at 2x", v.Verdict, v.Speedup)
	}
	// The compare table prints the speedup to three digits: it must read
	// 2.00x, as the repetitions are exactly twice as fast at the median.
	if v := d.Rows[0].Vs; v.Speedup < 1.995 || v.Speedup >= 2.005 {
		t.Errorf("slice: speedup %g, want one that prints as 2.00x", v.Speedup)
	}
	if v := d.Rows[1].Vs; v.Verdict != Same {
		t.Errorf("map: %s (%s), want ~", v.Verdict, whyText(v))
	}
	if strings.Join(d.OnlyOld, ",") != "map#2" || strings.Join(d.OnlyNew, ",") != "btree" {
		t.Errorf("only old %v, only new %v, want [map#2] and [btree]", d.OnlyOld, d.OnlyNew)
	}
}

func TestDiffRefusesUnrelatedRuns(t *testing.T) {
	old, new := savedRun("slice", "map"), savedRun("slice", "map")
	new.Workload = "queue"
	if _, err := NewDiff(old, new, 0.95, 0.05, 0.05); err == nil || !strings.Contains(err.Error(), "different workloads") {
		t.Errorf("error = %v, want one about different workloads", err)
	}
	new = savedRun("slice", "map")
	for _, s := range new.Strategies {
		s.Name += "-renamed"
	}
	if _, err := NewDiff(old, new, 0.95, 0.05, 0.05); err == nil || !strings.Contains(err.Error(), "share no strategy") {
		t.Errorf("error = %v, want one about no shared strategy", err)
	}
}

// TestCompareRunsDoesNotPair checks that two runs are compared as
// independent samples: pairing their repetitions by position would invent a
// link that is not there.
func TestCompareRunsDoesNotPair(t *testing.T) {
	old := []float64{100, 140, 70, 120, 80, 130, 75, 110}
	new := []float64{100, 140, 70, 120, 80, 130, 75, 110} // paired, every ratio is exactly 1
	old = append(old, old...)
	new = append(new, new...)
	c := compareRuns(old, new, 0.05, 0.05)
	if c.SpeedupHi-c.SpeedupLo < 0.2 {
		t.Errorf("interval [%g, %g]: an unpaired comparison of samples this wide cannot be this tight", c.SpeedupLo, c.SpeedupHi)
	}
	if p := compare(old, new, 0.05, 0.05); p.SpeedupHi-p.SpeedupLo > 1e-9 {
		t.Errorf("paired interval [%g, %g], want exactly 1", p.SpeedupLo, p.SpeedupHi)
	}
}

// TestCompareRunsKnownAnswers feeds the unpaired comparison 1,000 seeded
// pairs of runs of 30 repetitions with 6 % noise and outliers: the same
// configuration is called faster or slower at most 5 % of the time and
// "~" more often than not; a real 10 % difference is "faster" at least 90 % of
// the time; and in every trial the verdict, the interval and p agree.
func TestCompareRunsKnownAnswers(t *testing.T) {
	const trials, reps = 1000, 30
	for ti, speedup := range []float64{1, 1.1} {
		got := map[Verdict]int{}
		for i := range trials {
			m := &machine{rng: rand.New(rand.NewPCG(uint64(ti)+10, uint64(i))), sigma: 0.06, outliers: 0.03}
			var old, new []float64
			for range reps {
				old = append(old, m.rep(100))
				new = append(new, m.rep(100/speedup))
			}
			c := compareRuns(old, new, DefaultAlpha, DefaultMargin)
			checkAgreement(t, i, c)
			got[c.Verdict]++
		}
		t.Logf("speedup %g: %v", speedup, got)
		switch {
		case speedup == 1 && (got[Faster]+got[Slower] > trials/20 || got[Same] < trials/2):
			t.Errorf("A/A runs: %v, want faster+slower <= 5%% and ~ more often than not", got)
		case speedup > 1 && got[Faster] < trials*9/10:
			t.Errorf("10%% faster runs: %v, want faster >= 90%%", got)
		}
	}
}
