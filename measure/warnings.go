package measure

import (
	"math"
	"runtime"
	"slices"
	"time"
)

// findings lists what a reader of the result should know before trusting
// it, shown rather than hidden: failed operations, outliers, batch means,
// too few CPUs, coordinated omission and a missed arrival rate.
func (st *subjectState) findings(res *Result) []Finding {
	for _, r := range st.recs {
		if err := r.firstErr.Load(); err != nil {
			st.fail(*err)
		}
	}
	f := []Finding{}
	if len(st.failures) > 0 {
		f = append(f, Finding{Kind: FindingFailures, Count: res.Errors, Of: res.Errors + res.Ops, Causes: slices.Clone(st.failures)})
	}
	if n := outliers(repNsPerOp(st.reps)); n > 0 {
		f = append(f, Finding{Kind: FindingOutliers, Count: int64(n)})
	}
	if b := max(st.batch, st.s.DriveBatch); b > 0 {
		f = append(f, Finding{Kind: FindingBatched, Batch: b})
	}
	if cpus := runtime.GOMAXPROCS(0); st.s.Loop != nil && len(st.recs) > cpus && !st.openLoop {
		f = append(f, Finding{Kind: FindingBusyWorkers, Workers: len(st.recs), CPUs: cpus})
	}
	// One preemption in a repetition is not worth a warning; a tail where
	// one operation in a thousand waits twenty times the median is.
	if !st.openLoop && !st.s.OpenLoop && st.batch == 0 && res.P50Ns > 0 && res.P999Ns > 20*res.P50Ns && res.MaxNs > int64(time.Millisecond) {
		// Only an operation the engine calls can be started at a rate;
		// a strategy that runs its own goroutines paces itself.
		stall := Finding{Kind: FindingStall, StallNs: res.MaxNs, Knob: KnobRate}
		if st.s.Loop == nil {
			stall.SelfPaced, stall.Knob = true, ""
		}
		f = append(f, stall)
	}
	if st.openLoop && res.OpenLoop.AchievedRate < 0.95*res.OpenLoop.TargetRate {
		f = append(f, Finding{Kind: FindingRateMissed, TargetRate: res.OpenLoop.TargetRate, AchievedRate: res.OpenLoop.AchievedRate})
	}
	return append(f, st.over.findings(st.s, int64(st.cfg.RepDuration), res.Ops)...)
}

// runFindings are findings about the whole run: a fixed design too short
// for any verdict, and the machine's noise, said once with what it costs.
func (r *Run) runFindings() []Finding {
	f := r.tooFewRounds()
	if n, ok := r.noiseFinding(); ok {
		f = append(f, n)
	}
	return f
}

// tooFewRounds finds a fixed design too short for any verdict. Its verdict
// rests on the sign test's interval, which is bounded from fewer rounds
// than the confidence sequence of a run that goes on until decided.
func (r *Run) tooFewRounds() []Finding {
	// With fresh instances each block of rounds is one observation.
	if need := fixedRoundsFor(r.cfg.Alpha) * max(1, r.block); !r.sequential() && r.cfg.Reps < need {
		return []Finding{{Kind: FindingTooFewRounds, Rounds: r.cfg.Reps, Need: need, Alpha: r.cfg.Alpha, Knob: KnobReps}}
	}
	return []Finding{}
}

// noiseFinding says how noisy the machine was during the run and what that
// cost, "this machine's noise, ±14% per round, needs about 180 rounds to see
// a 5% difference", with what caused it when the probe saw it. It says
// nothing of a machine quiet enough to see the margin within a few dozen
// rounds, unless something else was busy on it. The rounds are those of
// the run's own design: a fixed design's sign-test interval narrows on a
// schedule of its own.
func (r *Run) noiseFinding() (Finding, bool) {
	noise, per := 0.0, "round"
	for _, c := range r.live {
		noise = max(noise, c.Noise)
	}
	if len(r.seqs) == 0 {
		noise, per = robustSpread(logsSorted(repNsPerOp(r.subjects[0].reps))), "repetition"
	}
	cpu := noiseBetween(r.cpuStart, readCPU())
	halfWidth := seqHalfWidth
	if !r.sequential() {
		halfWidth = fixedHalfWidth
	}
	need := searchRounds(1, func(n int) bool { return halfWidth(n, noise, r.cfg.Alpha) <= r.cfg.Margin })
	if need >= 0 {
		// With fresh instances each block of rounds is one observation,
		// and the noise is a block's.
		need = (need + 1) * max(1, r.block)
	}
	if r.block > 1 && per == "round" {
		per = "block"
	}
	busy, steal := cpu.shares()
	if need >= 0 && need <= 100 && busy == 0 && steal == 0 {
		return Finding{}, false
	}
	return Finding{Kind: FindingNoise, Noise: noise, Per: per, Need: need, Margin: r.cfg.Margin, BusyShare: busy, StealShare: steal, Knob: r.roundsKnob()}, true
}

// roundsKnob is the setting that gives a run more rounds: its budget when
// it goes on until decided, its number of rounds when fixed.
func (r *Run) roundsKnob() Knob {
	if r.sequential() {
		return KnobMaxTime
	}
	return KnobReps
}

// logsSorted returns the logs of positive values, sorted.
func logsSorted(v []float64) []float64 {
	l := make([]float64, 0, len(v))
	for _, x := range v {
		if x > 0 {
			l = append(l, math.Log(x))
		}
	}
	slices.Sort(l)
	return l
}

// outliers counts values whose modified Z-score (Iglewicz and Hoaglin:
// 0.6745 (x - median) / MAD) exceeds 3.5. When more than half the values are
// equal the MAD is 0, and the mean absolute deviation stands in for it, as
// the IBM SPSS and Iglewicz-Hoaglin variants do: (x - median) / (1.253314
// MeanAD).
func outliers(v []float64) int {
	if len(v) < 3 {
		return 0
	}
	dev := absDeviations(v, median(v))
	scale := median(dev) / 0.6745
	if scale == 0 {
		var sum float64
		for _, d := range dev {
			sum += d
		}
		scale = 1.253314 * sum / float64(len(dev))
	}
	if scale == 0 {
		return 0
	}
	n := 0
	for _, d := range dev {
		if d/scale > 3.5 {
			n++
		}
	}
	return n
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
