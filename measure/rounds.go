package measure

import "time"

// sequential says the run goes on until decided rather than for a fixed
// number of rounds.
func (r *Run) sequential() bool { return r.cfg.Reps == 0 }

// budget returns the run's time budget, or 0 for a fixed design.
func (r *Run) budget() time.Duration {
	if r.sequential() {
		return r.cfg.MaxTime
	}
	return 0
}

// another says whether round, the one that would start next, runs: the
// warm-up always does; then a fixed design runs its rounds, and a
// sequential one goes on while a comparison is undecided and the round
// would end within the budget.
func (r *Run) another(round int) bool {
	switch {
	case round == 0:
		return true
	case !r.sequential():
		return round <= r.cfg.Reps
	case round > maxRounds || r.decided():
		return false
	}
	roundNs := r.slotTime() * int64(len(r.subjects))
	return Now()-r.started+roundNs <= int64(r.cfg.MaxTime)
}

// decided says the run has nothing more to learn within its budget: every
// comparison is decided, and the speedup of a faster or slower one is known
// within the margin, or cannot be at the noise seen before the budget ends.
// A verdict stands from the round that decided it, so the rounds after it
// only narrow its interval; going on for a precision the budget cannot
// reach spent the whole budget and changed nothing the person reads (four
// strategies of async/requests, decided at round 12, ran to the 30 s
// budget at round 24 needing 128 to 241 more). Stopping on what the rounds
// showed keeps the interval valid: it covers the median at every round at
// once. A comparison whose operations failed is decided as it stands: more
// rounds would not make a failure a time. With nothing to compare, a run is
// decided once its one subject's median is known within the margin, as
// "run until precise" asks, after as many rounds as a comparison's first
// interval needs.
func (r *Run) decided() bool {
	if len(r.seqs) == 0 {
		st := r.subjects[0]
		s := summarize(repNsPerOp(st.reps), r.cfg.Confidence)
		return r.rounds >= firstBounded(r.cfg.Alpha) && s.Median > 0 &&
			s.Hi-s.Lo <= 2*r.cfg.Margin*s.Median
	}
	for i, c := range r.live {
		if r.failed(i+1) > 0 {
			continue
		}
		if !c.Decided || (!c.Precise && r.withinBudget(c.MoreRounds)) {
			return false
		}
	}
	return true
}

// withinBudget says more rounds, as a comparison estimates them (-1: no
// practical number), fit in what is left of the budget at the pace so far.
func (r *Run) withinBudget(more int) bool {
	return more >= 0 && r.rounds+more <= r.fitRounds()
}

// fitRounds is the number of measured rounds the budget leaves room for at
// the pace so far, and at least those already run.
func (r *Run) fitRounds() int {
	roundNs := r.slotTime() * int64(len(r.subjects))
	spent := int64(0)
	if r.firstSlot > 0 {
		spent = r.firstSlot - r.started
	}
	// The warm-up round is one of those the budget pays for.
	return max(r.rounds, int((int64(r.cfg.MaxTime)-spent)/roundNs)-1)
}

// addRound counts the round just finished and, when it ends a block,
// gives every comparison the block's observation (one a round without
// fresh instances), and keeps their state for the snapshots.
func (r *Run) addRound() {
	r.rounds++
	k := max(1, r.block)
	if r.rounds%k != 0 {
		return
	}
	base := r.subjects[0]
	from := r.rounds - k
	for i, seq := range r.seqs {
		st := r.subjects[i+1]
		if r.rounds <= len(base.reps) && r.rounds <= len(st.reps) {
			seq.Add(geoMeanNs(base.reps[from:r.rounds]), geoMeanNs(st.reps[from:r.rounds]))
		}
	}
	r.live = r.comparisons()
}

// comparisons returns every comparison as it stands: a run that goes on
// until decided takes each one's confidence sequence, which may be looked at
// after every block; a fixed design the exact interval of its blocks. A
// sequence counts blocks: its rounds are given in rounds here.
func (r *Run) comparisons() []Comparison {
	k := max(1, r.block)
	out := make([]Comparison, len(r.seqs))
	for i, seq := range r.seqs {
		base, st := r.subjects[0].reps, r.subjects[i+1].reps
		if r.sequential() {
			out[i] = seq.Comparison()
		} else {
			out[i] = compareFixed(blockValues(base, k, true), blockValues(st, k, true), r.cfg.Alpha, r.cfg.Margin)
		}
		c := &out[i]
		c.DecidedRound *= k
		if c.MoreRounds > 0 {
			c.MoreRounds *= k
		}
		if c.Why != nil {
			// A reason counts rounds as the ending and the verdict do;
			// its own copy, since a decided sequence keeps the first.
			why := *c.Why
			why.Rounds, why.Need = why.Rounds*k, why.Need*k
			c.Why = &why
		}
		if s, ok := instanceSpread(base, st, k); ok {
			c.InstanceSpread = &s
		}
		c.Block = k
	}
	return out
}

// failed counts the failed operations of subject i and the baseline.
func (r *Run) failed(i int) int64 {
	return r.subjects[0].measuredErrors() + r.subjects[i].measuredErrors()
}

// plannedRounds is the number of measured rounds the run expects: a fixed
// design's, or as many as a sequential run's budget leaves room for at
// the pace so far, fewer when every undecided comparison is expected to be
// decided sooner.
func (r *Run) plannedRounds() int {
	if !r.sequential() {
		return r.cfg.Reps
	}
	fit := r.fitRounds()
	more, known := 0, len(r.seqs) > 0
	for _, c := range r.live {
		if c.Decided && (c.Precise || !r.withinBudget(c.MoreRounds)) {
			continue
		}
		// Before its first bounded interval a comparison's estimate of
		// the rounds it needs rests on too little to plan by.
		unbounded := c.SpeedupLo == 0 && c.SpeedupHi == 0
		if unbounded || c.MoreRounds < 0 || (c.MoreRounds == 0 && c.Noise == 0) {
			known = false
		}
		more = max(more, c.MoreRounds)
	}
	if known {
		return min(fit, r.rounds+more)
	}
	return fit
}

// finalComparison is comparison i as the report gives it: failed
// operations make it inconclusive, and an undecided one says that the run
// was stopped, or for a sequential run that the budget ended, first.
func (r *Run) finalComparison(i int) Comparison {
	// comparisons gives each its own reason, which the ending is added to.
	c := r.comparisons()[i]
	switch failed := r.failed(i + 1); {
	case failed > 0:
		c.Verdict, c.Decided, c.Delta, c.MoreRounds = Inconclusive, false, "~", 0
		c.Why = &Why{Kind: WhyFailures, Failed: failed}
	case !c.Decided && c.Why != nil && r.stopped:
		c.Why.Ended, c.Why.EndRound = EndStopped, r.rounds
	case !c.Decided && c.Why != nil && r.sequential() && r.rounds <= maxRounds:
		c.Why.Ended, c.Why.EndRound, c.Why.BudgetNs = EndBudget, r.rounds, int64(r.cfg.MaxTime)
	}
	return c
}
