package measure

import "slices"

// results builds every subject's result and compares it with the first.
func (r *Run) results() []*Result {
	out := make([]*Result, len(r.subjects))
	for i, st := range r.subjects {
		out[i] = st.result()
		out[i].Instances = st.instances(r.block)
	}
	out[0].Baseline = true
	for i := range r.seqs {
		c := r.finalComparison(i)
		out[i+1].VsBaseline = &c
	}
	return out
}

// repNsPerOp returns the ns/op of the repetitions that had operations, in
// order: a repetition without any measured nothing, so its ns/op of 0 is no
// figure to summarise or compare.
func repNsPerOp(reps []Rep) []float64 {
	v := make([]float64, 0, len(reps))
	for _, r := range reps {
		if r.Ops > 0 {
			v = append(v, r.NsPerOp)
		}
	}
	return v
}

// result builds the subject's Result from its finished measured
// repetitions, its warnings included.
func (st *subjectState) result() *Result {
	p := percentiles(st.cum)
	res := &Result{
		Name:      st.s.Name,
		Ops:       st.cum.TotalCount(),
		NsPerOp:   summarize(repNsPerOp(st.reps), st.cfg.Confidence),
		MeanNs:    p.Mean,
		P50Ns:     p.P50,
		P90Ns:     p.P90,
		P99Ns:     p.P99,
		P999Ns:    p.P999,
		MaxNs:     p.Max,
		Errors:    st.measuredErrors(),
		Batch:     max(st.batch, st.s.DriveBatch),
		Reps:      st.reps,
		Spectrum:  spectrum(st.cum),
		Histogram: &Histogram{H: st.cum},
		Metrics:   st.metrics,
	}
	if st.measNs > 0 {
		res.Throughput = float64(st.measOps) / (float64(st.measNs) / 1e9)
	}
	if !st.s.External {
		res.AllocsPerOp, res.BytesPerOp = st.repAllocs()
		res.AllocsScope = st.allocsScope()
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
	res.Findings = st.findings(res)
	if st.s.Findings != nil {
		res.Findings = append(res.Findings, st.s.Findings()...)
	}
	return res
}

// repAllocs is the allocations per operation of a typical repetition: the
// lower median of those that had operations (one without any measured no
// allocation, not a zero), a whole number as each repetition's is. Another
// goroutine's allocations (a live display drawing its frames) can fall in
// a repetition's count and only raise it: a mean carried one such
// repetition of ten into every figure (81.1 allocations where the code
// makes 81), a median leaves it out. It returns nils when there is none.
func (st *subjectState) repAllocs() (allocs, bytes *float64) {
	var as, bs []float64
	for _, rep := range st.reps {
		if rep.Ops > 0 {
			as, bs = append(as, rep.AllocsPerOp), append(bs, rep.BytesPerOp)
		}
	}
	if len(as) == 0 {
		return nil, nil
	}
	slices.Sort(as)
	slices.Sort(bs)
	a, b := as[(len(as)-1)/2], bs[(len(bs)-1)/2]
	return &a, &b
}
