package measure

import "time"

// A Snapshot is the state of a run at one instant, published every interval.
// It is immutable: the engine never writes to a snapshot, or to anything it
// points to, once it is published.
type Snapshot struct {
	// Seq counts snapshots from 1; a reader that sees a gap knows it
	// skipped stale ones.
	Seq int
	// Elapsed is the time since the run started; Estimate the expected
	// total, refined as repetitions finish.
	Elapsed, Estimate time.Duration
	// Rep is the round under way, 0 being the warm-up; Reps the number of
	// measured rounds planned: a fixed design's, or for a sequential run
	// those its budget leaves room for, fewer when its comparisons are
	// expected to be decided sooner.
	Rep, Reps int
	// MaxTime is a sequential run's time budget; 0 for a fixed design.
	MaxTime time.Duration
	// Compare holds each comparison with the baseline after the last
	// round, one per subject but the first: its interval narrowing round
	// by round until it is Decided. Read-only, as the rest.
	Compare []Comparison
	// Active is the index of the subject being measured now.
	Active int
	// Warmup says the active subject is in its discarded first repetition.
	Warmup bool
	// Subjects holds one entry per subject, in run order.
	Subjects []SubjectSnapshot
}

// Progress returns the fraction of the run done, between 0 and 1.
func (s Snapshot) Progress() float64 {
	if s.Estimate <= 0 {
		return 0
	}
	return min(1, float64(s.Elapsed)/float64(s.Estimate))
}

// A SubjectSnapshot is one subject's figures so far, warm-up excluded.
type SubjectSnapshot struct {
	Name     string
	RepsDone int
	Ops      int64
	Errors   int64
	// Throughput is operations a second over the measured repetitions.
	Throughput float64
	// Latency holds percentiles of everything measured so far.
	Latency Percentiles
	// Spectrum is latency against percentile (see SpectrumPercentiles).
	Spectrum []SpectrumPoint
	// Timeline holds one point per interval in which the subject ran,
	// warm-up included, oldest first.
	Timeline []Point
	// Metrics are the subject's own figures after its last measured
	// repetition, for a subject with LiveMetrics; nil otherwise.
	Metrics map[string]float64 `json:",omitempty"`
}

// A Point is one interval of a subject's timeline.
type Point struct {
	// At is the run's elapsed time at the end of the interval.
	At         time.Duration
	Warmup     bool
	Ops        int64
	Throughput float64
	P50, P99   int64
	Max        int64
}

// A SpectrumPoint is the latency at one percentile.
type SpectrumPoint struct {
	Percentile float64 `json:"percentile"`
	Ns         int64   `json:"ns"`
}

// SpectrumPercentiles are the percentiles a spectrum is read at: evenly on a
// log scale of 1/(1-p), so the tail gets as much room as the body.
var SpectrumPercentiles = []float64{
	0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96.25, 97.5,
	98, 98.5, 99, 99.25, 99.5, 99.6, 99.7, 99.8, 99.9, 99.95, 99.99, 100,
}

// snapshot returns the subject's figures so far. Figures change only when
// the subject collects, so an unchanged subject's last snapshot is reused.
func (st *subjectState) snapshot() SubjectSnapshot {
	if st.haveLast {
		return st.last
	}
	// Live figures include the measured repetition under way; if it is
	// cancelled they go back to the finished ones.
	h, ops, ns := st.cum, st.measOps, st.measNs
	if st.measuring && st.rep.TotalCount() > 0 {
		st.view.Reset()
		st.view.Merge(st.cum)
		st.view.Merge(st.rep)
		h, ops, ns = st.view, ops+st.repOps, ns+st.repNs
	}
	s := SubjectSnapshot{
		Name:     st.s.Name,
		RepsDone: len(st.reps),
		Ops:      h.TotalCount(),
		Errors:   st.measuredErrors(),
		Latency:  percentiles(h),
		Spectrum: spectrum(h),
		Timeline: st.timeline[:len(st.timeline):len(st.timeline)],
		Metrics:  st.live,
	}
	if ns > 0 {
		s.Throughput = float64(ops) / (float64(ns) / 1e9)
	}
	st.last, st.haveLast = s, true
	return s
}
