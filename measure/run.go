package measure

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"
)

// A Run is a measurement in progress. Start begins it; Snapshots streams its
// state; Wait returns its report.
type Run struct {
	cfg      Config
	subjects []*subjectState
	snaps    chan Snapshot
	done     chan struct{}
	report   *Report
	err      error

	// The fields below belong to the run's goroutine.
	seq       int
	started   int64
	firstSlot int64
	slotsRun  int
	slotNs    int64
	// rounds counts the measured rounds finished; seqs decide the
	// comparisons with the baseline, one per other subject, and live
	// holds their state after the last round.
	rounds int
	// stopped says the run was cancelled before its design ended.
	stopped bool
	// cpuStart samples the machine's CPU time when the run starts, for
	// the noise warning.
	cpuStart cpuSample
	seqs     []*Sequence
	live     []Comparison
	// profileNs is how long the profiling rounds took.
	profileNs int64
	// profileCut says the profiling rounds ended before their time: a
	// stop, or a deadline too near for all of it.
	profileCut bool
	// block is the number of rounds each fresh instance serves, and so
	// the rounds of one observation of the comparisons; 1 when no
	// subject is built afresh.
	block int
}

// Start validates cfg and subjects and starts measuring them in the
// background. Cancelling ctx stops the run within one operation: every
// goroutine the engine started ends, every subject is closed, and Wait
// returns the partial report.
func Start(ctx context.Context, cfg Config, subjects []*Subject) (*Run, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if len(subjects) == 0 {
		return nil, errors.New("nothing to measure: no subjects")
	}
	seen := make(map[string]bool, len(subjects))
	for _, s := range subjects {
		if err := s.validate(); err != nil {
			return nil, err
		}
		if seen[s.Name] {
			return nil, fmt.Errorf("two subjects are named %s", s.Name)
		}
		seen[s.Name] = true
	}
	cfg = cfg.WithDefaults()
	r := &Run{
		block: 1,
		cfg:   cfg,
		snaps: make(chan Snapshot, 1),
		done:  make(chan struct{}),
	}
	for i, s := range subjects {
		r.subjects = append(r.subjects, newSubjectState(s, cfg))
		if i > 0 {
			r.seqs = append(r.seqs, NewSequence(cfg.Alpha, cfg.Margin))
		}
	}
	r.live = r.comparisons()
	go r.run(ctx)
	return r, nil
}

// Snapshots returns the channel of live snapshots. It holds at most one: a
// newer snapshot replaces one that was not read, so a slow reader sees the
// latest state and never slows the run. It is closed when the run ends.
func (r *Run) Snapshots() <-chan Snapshot { return r.snaps }

// Done is closed when the run has ended and its report is ready.
func (r *Run) Done() <-chan struct{} { return r.done }

// Wait blocks until the run ends and returns its report. A cancelled run
// returns the partial report, marked Cancelled, with ctx's error; a run whose
// subject failed returns the error and what was measured before it.
func (r *Run) Wait() (*Report, error) {
	<-r.done
	return r.report, r.err
}

func (r *Run) run(ctx context.Context) {
	defer close(r.snaps)
	defer close(r.done)

	r.started = Now()
	r.cpuStart = readCPU()
	for _, st := range r.subjects {
		st.runStart = r.started
		if r.sequential() {
			st.budgetEnd = r.started + int64(r.cfg.MaxTime)
		}
	}
	rep := &Report{
		Schema:        Schema,
		RepDurationNs: int64(r.cfg.RepDuration),
		Margin:        r.cfg.Margin,
		Alpha:         r.cfg.Alpha,
		Design:        "fixed",
		Workers:       r.cfg.Workers,
		Rate:          r.cfg.Rate,
		Started:       time.Now(),
		Env: &Env{
			GoVersion:  runtime.Version(),
			GOOS:       runtime.GOOS,
			GOARCH:     runtime.GOARCH,
			CPUs:       runtime.NumCPU(),
			GOMAXPROCS: runtime.GOMAXPROCS(0),
		},
	}
	if r.sequential() {
		rep.Design, rep.MaxTimeNs = "sequential", int64(r.cfg.MaxTime)
	}
	rep.Overhead = measureOverhead()

	err := r.measure(ctx)
	measured := err == nil && ctx.Err() == nil
	if measured && r.cfg.Profile {
		err = r.profileRounds(ctx)
		if ctx.Err() != nil {
			// A stop during the profiling rounds (a time bound, a
			// cancel) leaves the measured rounds whole: the verdicts
			// stand, and the profiles are of the rounds that ran.
			r.profileCut, err = true, nil
		}
		rep.ProfileCut = r.profileCut
	}
	for _, st := range r.subjects {
		if st.s.Metrics != nil {
			st.metrics = st.s.Metrics()
		}
		if cerr := st.s.close(); cerr != nil && err == nil {
			err = fmt.Errorf("close %s: %w", st.s.Name, cerr)
		}
	}
	if ctx.Err() != nil && !rep.ProfileCut {
		rep.Cancelled, r.stopped = true, true
		err = ctx.Err()
	}
	rep.ElapsedNs = Now() - r.started
	rep.Reps = r.rounds
	rep.Strategies = r.results()
	r.attachProfiles(rep.Strategies)
	rep.ProfileNs = r.profileNs
	rep.Findings = r.runFindings()
	r.publish(len(r.subjects)-1, r.rounds, false)
	r.report, r.err = rep, err
}

// measure calibrates every subject, then runs rounds of repetitions
// interleaved across subjects (A B C C B A A B C ...) so that a slow drift
// of the machine touches every subject alike. Round 0 is the discarded
// warm-up.
// After each measured round the comparisons take its ratios, and another
// round starts while the design asks for one (see another).
func (r *Run) measure(ctx context.Context) error {
	for i, st := range r.subjects {
		r.publish(i, 0, true)
		if err := st.calibrate(ctx); err != nil {
			return err
		}
	}
	r.firstSlot = Now()
	var warmNs int64
	for round := 0; r.another(round); round++ {
		if r.renews() && r.blockStarts(round) {
			buildNs, err := r.renew(ctx)
			if err != nil {
				return err
			}
			// Building is part of what a round costs, for the estimate of
			// the time left and the budget.
			r.slotNs += buildNs
			if round == 1 {
				r.chooseBlock(buildNs, warmNs)
			}
		}
		roundStart := Now()
		for _, i := range roundOrder(len(r.subjects), round) {
			st := r.subjects[i]
			if ctx.Err() != nil {
				return nil
			}
			t0 := Now()
			if err := st.runRep(ctx, round, func() { r.publish(i, round, round == 0) }); err != nil {
				return err
			}
			r.slotsRun++
			r.slotNs += Now() - t0
		}
		if round == 0 {
			warmNs = Now() - roundStart
		}
		if round > 0 && ctx.Err() == nil {
			r.addRound()
		}
	}
	return nil
}

// roundOrder returns the order in which n subjects run in round: forwards
// in even rounds, backwards in odd ones. Whatever a place in the round costs
// (following the other subject's garbage, or its caches) then falls on
// every subject in turn, and cancels in the median of the ratios instead of
// biasing it.
func roundOrder(n, round int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
		if round%2 == 1 {
			order[i] = n - 1 - i
		}
	}
	return order
}

// publish sends a snapshot, replacing one the reader has not taken yet.
func (r *Run) publish(active, rep int, warmup bool) {
	r.seq++
	snap := Snapshot{
		Seq:      r.seq,
		Elapsed:  time.Duration(Now() - r.started),
		Estimate: r.estimate(),
		Rep:      rep,
		Reps:     r.plannedRounds(),
		MaxTime:  r.budget(),
		Compare:  r.live,
		Active:   active,
		Warmup:   warmup,
		Subjects: make([]SubjectSnapshot, len(r.subjects)),
	}
	for i, st := range r.subjects {
		snap.Subjects[i] = st.snapshot()
	}
	Offer(r.snaps, snap)
}

// Offer sends s on ch, a channel of capacity one, replacing a snapshot the
// reader has not taken yet: the newest state wins and the sender never
// blocks. ch must have one sender only.
func Offer(ch chan Snapshot, s Snapshot) {
	select {
	case ch <- s:
	default:
		// Drain the stale one; with one sender the send cannot block.
		select {
		case <-ch:
		default:
		}
		ch <- s
	}
}

// estimate returns the expected total run time: calibration, the slots (one
// subject's repetition) run so far, and those still to run at the mean slot
// time seen so far, or at the configured duration before any slot has run.
func (r *Run) estimate() time.Duration {
	elapsed := Now() - r.started
	left := int64((r.plannedRounds()+1)*len(r.subjects) - r.slotsRun)
	if r.firstSlot == 0 {
		return time.Duration(elapsed + left*int64(r.cfg.RepDuration))
	}
	return time.Duration(max(elapsed, r.firstSlot-r.started+r.slotNs+left*r.slotTime()))
}

// slotTime is the mean time of one subject's repetition so far, or the
// configured duration before any has run.
func (r *Run) slotTime() int64 {
	per := int64(r.cfg.RepDuration)
	if r.slotsRun > 0 {
		per = max(per, r.slotNs/int64(r.slotsRun))
	}
	return per
}
