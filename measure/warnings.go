package measure

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"time"
)

// warnings lists what a reader of the result should know before trusting
// it, shown rather than hidden: failed operations, noise, outliers, batch
// means, too few CPUs, coordinated omission and a missed arrival rate.
func (st *subjectState) warnings(res *Result) []string {
	for _, r := range st.recs {
		if err := r.firstErr.Load(); err != nil {
			st.fail(*err)
		}
	}
	w := []string{}
	if len(st.failures) > 0 {
		w = append(w, fmt.Sprintf("%d of %d operations failed: %s", res.Errors, res.Errors+res.Ops, strings.Join(st.failures, "; ")))
	}
	v := repNsPerOp(st.reps)
	if n := outliers(v); n > 0 {
		w = append(w, fmt.Sprintf("%d outlier repetition(s) (modified Z-score > 3.5)", n))
	}
	if b := max(st.batch, st.s.DriveBatch); b > 0 {
		w = append(w, fmt.Sprintf("timed in batches of %d: percentiles are of batch means, not single operations", b))
	}
	if st.s.Loop != nil && len(st.recs) > runtime.GOMAXPROCS(0) && !st.openLoop {
		w = append(w, fmt.Sprintf("%d busy workers on %d CPUs: latency includes waiting for a CPU", len(st.recs), runtime.GOMAXPROCS(0)))
	}
	// One preemption in a repetition is not worth a warning; a tail where
	// one operation in a thousand waits twenty times the median is.
	if !st.openLoop && st.batch == 0 && res.P50Ns > 0 && res.P999Ns > 20*res.P50Ns && res.MaxNs > int64(time.Millisecond) {
		// Only an operation the engine calls can be started at a rate;
		// a strategy that runs its own goroutines paces itself.
		advice := "set an arrival rate (--rate, or arrival rate in the set-up) to see it"
		if st.s.Loop == nil {
			advice = "this strategy paces itself, so read its tail as a lower bound (a workload with a rate parameter runs an open loop at it)"
		}
		w = append(w, fmt.Sprintf("closed loop: a %v stall held back the operations behind it, so the tail understates latency (coordinated omission); %s",
			time.Duration(res.MaxNs).Round(time.Microsecond), advice))
	}
	if st.openLoop && res.OpenLoop.AchievedRate < 0.95*res.OpenLoop.TargetRate {
		w = append(w, fmt.Sprintf("open loop: achieved %.0f/s of the %.0f/s target", res.OpenLoop.AchievedRate, res.OpenLoop.TargetRate))
	}
	return w
}

// runWarnings are warnings about the whole run: a fixed design too short
// for any verdict, and the machine's noise, said once with what it costs.
func (r *Run) runWarnings() []string {
	w := []string{}
	if first := firstBounded(r.cfg.Alpha); !r.sequential() && r.cfg.Reps < first {
		w = append(w, fmt.Sprintf("%d rounds: a verdict needs at least %d at α=%g", r.cfg.Reps, first, r.cfg.Alpha))
	}
	if m := r.noiseWarning(); m != "" {
		w = append(w, m)
	}
	return w
}

// noiseWarning says how noisy the machine was during the run and what that
// cost, "this machine's noise, ±14% per round, needs about 180 rounds to see
// a 5% difference", with what caused it when the probe saw it. It says
// nothing of a machine quiet enough to see the margin within a few dozen
// rounds, unless something else was busy on it.
func (r *Run) noiseWarning() string {
	noise, unit := 0.0, "round"
	for _, c := range r.live {
		noise = max(noise, c.Noise)
	}
	if len(r.seqs) == 0 {
		noise, unit = robustSpread(logsSorted(repNsPerOp(r.subjects[0].reps))), "repetition"
	}
	causes := noiseBetween(r.cpuStart, readCPU()).causes()
	need := searchRounds(1, func(n int) bool { return seqHalfWidth(n, noise, r.cfg.Alpha) <= r.cfg.Margin })
	if need >= 0 && need < 100 && causes == "" {
		return ""
	}
	msg := fmt.Sprintf("this machine's noise, ±%.1f%% per %s, needs about %d rounds to see a %g%% difference", 100*noise, unit, need+1, 100*r.cfg.Margin)
	if need < 0 {
		msg = fmt.Sprintf("this machine's noise, ±%.1f%% per %s, hides a %g%% difference at any practical number of rounds", 100*noise, unit, 100*r.cfg.Margin)
	}
	if causes != "" {
		msg += "; " + causes
	}
	return msg
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

func coefficientOfVariation(v []float64) float64 {
	if len(v) < 2 {
		return 0
	}
	m := mean(v)
	if m == 0 {
		return 0
	}
	var ss float64
	for _, x := range v {
		ss += (x - m) * (x - m)
	}
	return math.Sqrt(ss/float64(len(v)-1)) / m
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
