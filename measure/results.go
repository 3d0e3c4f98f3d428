package measure

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"time"
)

// results builds every subject's result and compares it with the first.
func (r *Run) results() []*Result {
	out := make([]*Result, len(r.subjects))
	for i, st := range r.subjects {
		out[i] = st.result()
	}
	out[0].Baseline = true
	base := r.subjects[0]
	for i, st := range r.subjects[1:] {
		a, b := pairedValues(base.reps, st.reps)
		c := Compare(a, b, r.cfg.Confidence, r.cfg.Alpha)
		if failed := base.measuredErrors() + st.measuredErrors(); failed > 0 && c.Verdict != Inconclusive {
			c.Verdict = Inconclusive
			c.Reason = fmt.Sprintf("%d operations failed: a fast failure is not a fast operation", failed)
		}
		out[i+1].VsBaseline = &c
	}
	return out
}

// pairedValues returns the ns/op of the rounds in which both a and b
// finished a repetition with operations, in round order, so that Compare
// can pair them.
func pairedValues(a, b []Rep) (va, vb []float64) {
	for i := range min(len(a), len(b)) {
		if a[i].Ops > 0 && b[i].Ops > 0 {
			va = append(va, a[i].NsPerOp)
			vb = append(vb, b[i].NsPerOp)
		}
	}
	return va, vb
}

// values returns the per-repetition figures a subject is summarised by.
func (st *subjectState) values() []float64 {
	v := make([]float64, 0, len(st.reps))
	for _, r := range st.reps {
		if r.Ops > 0 {
			v = append(v, r.NsPerOp)
		}
	}
	return v
}

func (st *subjectState) result() *Result {
	p := percentiles(st.cum)
	res := &Result{
		Name:      st.s.Name,
		Ops:       st.cum.TotalCount(),
		NsPerOp:   Summarize(st.values(), st.cfg.Confidence),
		MeanNs:    p.Mean,
		P50Ns:     p.P50,
		P90Ns:     p.P90,
		P99Ns:     p.P99,
		P999Ns:    p.P999,
		MaxNs:     p.Max,
		Errors:    st.measuredErrors(),
		Batch:     st.batch,
		Reps:      st.reps,
		Spectrum:  spectrum(st.cum),
		Histogram: &Histogram{H: st.cum},
		Metrics:   st.metrics,
	}
	if st.measNs > 0 {
		res.Throughput = float64(st.measOps) / (float64(st.measNs) / 1e9)
	}
	if !st.s.External {
		res.AllocsPerOp, res.BytesPerOp = st.meanAllocs()
	}
	if st.openLoop {
		s := percentiles(st.svcCum)
		res.Service = &ServiceTime{P50Ns: s.P50, P90Ns: s.P90, P99Ns: s.P99, P999Ns: s.P999, MaxNs: s.Max, Histogram: &Histogram{H: st.svcCum}}
		open := st.open
		// The rate achieved is of operations started: a failed one was
		// dispatched and served as surely as one that succeeded.
		if st.measNs > 0 {
			open.AchievedRate = float64(st.measOps+res.Errors) / (float64(st.measNs) / 1e9)
		}
		res.OpenLoop = &open
	}
	res.Warnings = st.warnings(res)
	return res
}

// meanAllocs averages allocations per operation over the repetitions that
// had operations: one without any measured no allocation, not a zero. It
// returns nils when there is none.
func (st *subjectState) meanAllocs() (allocs, bytes *float64) {
	var a, b float64
	n := 0
	for _, rep := range st.reps {
		if rep.Ops > 0 {
			a += rep.AllocsPerOp
			b += rep.BytesPerOp
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	a, b = a/float64(n), b/float64(n)
	return &a, &b
}

// warnings lists what a reader of the result should know before trusting
// it: the list of DESIGN.md, shown rather than hidden.
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
	v := st.values()
	if cv := coefficientOfVariation(v); cv > 0.10 {
		w = append(w, fmt.Sprintf("noisy: ns/op varies %.0f%% between repetitions (CV > 10%%)", cv*100))
	}
	if n := outliers(v); n > 0 {
		w = append(w, fmt.Sprintf("%d outlier repetition(s) (modified Z-score > 3.5)", n))
	}
	if st.batch > 0 {
		w = append(w, fmt.Sprintf("timed in batches of %d: percentiles are of batch means, not single operations", st.batch))
	}
	if st.s.Loop != nil && len(st.recs) > runtime.GOMAXPROCS(0) && !st.openLoop {
		w = append(w, fmt.Sprintf("%d busy workers on %d CPUs: latency includes waiting for a CPU", len(st.recs), runtime.GOMAXPROCS(0)))
	}
	// One preemption in a repetition is not worth a warning; a tail where
	// one operation in a thousand waits twenty times the median is.
	if !st.openLoop && st.batch == 0 && res.P50Ns > 0 && res.P999Ns > 20*res.P50Ns && res.MaxNs > int64(time.Millisecond) {
		w = append(w, fmt.Sprintf("closed loop: a %v stall held back the operations behind it, so the tail understates latency (coordinated omission); set an arrival rate to see it",
			time.Duration(res.MaxNs).Round(time.Microsecond)))
	}
	if st.openLoop && res.OpenLoop.AchievedRate < 0.95*res.OpenLoop.TargetRate {
		w = append(w, fmt.Sprintf("open loop: achieved %.0f/s of the %.0f/s target", res.OpenLoop.AchievedRate, res.OpenLoop.TargetRate))
	}
	return w
}

// runWarnings are warnings about the whole run.
func (r *Run) runWarnings() []string {
	w := []string{}
	if r.cfg.Reps < minReps {
		w = append(w, fmt.Sprintf("%d repetitions: verdicts need at least %d", r.cfg.Reps, minReps))
	}
	return w
}

func coefficientOfVariation(v []float64) float64 {
	if len(v) < 2 {
		return 0
	}
	var sum float64
	for _, x := range v {
		sum += x
	}
	mean := sum / float64(len(v))
	if mean == 0 {
		return 0
	}
	var ss float64
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	return math.Sqrt(ss/float64(len(v)-1)) / mean
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
	med := median(v)
	dev := make([]float64, len(v))
	for i, x := range v {
		dev[i] = math.Abs(x - med)
	}
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
