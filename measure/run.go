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
	cfg = cfg.withDefaults()
	r := &Run{
		cfg:   cfg,
		snaps: make(chan Snapshot, 1),
		done:  make(chan struct{}),
	}
	for _, s := range subjects {
		r.subjects = append(r.subjects, newSubjectState(s, cfg))
	}
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
	for _, st := range r.subjects {
		st.runStart = r.started
	}
	rep := &Report{
		Schema:        Schema,
		Reps:          r.cfg.Reps,
		RepDurationNs: int64(r.cfg.RepDuration),
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
	rep.Overhead = measureOverhead()

	err := r.measure(ctx)
	for _, st := range r.subjects {
		if st.s.Metrics != nil {
			st.metrics = st.s.Metrics()
		}
		if cerr := st.s.close(); cerr != nil && err == nil {
			err = fmt.Errorf("close %s: %w", st.s.Name, cerr)
		}
	}
	if ctx.Err() != nil {
		rep.Cancelled = true
		err = ctx.Err()
	}
	rep.ElapsedNs = Now() - r.started
	rep.Strategies = r.results()
	rep.Warnings = r.runWarnings()
	r.publish(len(r.subjects)-1, r.cfg.Reps, false)
	r.report, r.err = rep, err
}

// measure calibrates every subject, then runs the repetitions interleaved
// across subjects (A B C A B C ...) so that a slow drift of the machine
// touches every subject alike. Repetition 0 is the discarded warm-up.
func (r *Run) measure(ctx context.Context) error {
	for i, st := range r.subjects {
		r.publish(i, 0, true)
		if err := st.calibrate(ctx); err != nil {
			return err
		}
	}
	r.firstSlot = Now()
	for rep := 0; rep <= r.cfg.Reps; rep++ {
		for i, st := range r.subjects {
			if ctx.Err() != nil {
				return nil
			}
			t0 := Now()
			if err := st.runRep(ctx, rep, func() { r.publish(i, rep, rep == 0) }); err != nil {
				return err
			}
			r.slotsRun++
			r.slotNs += Now() - t0
		}
	}
	return nil
}

// publish sends a snapshot, replacing one the reader has not taken yet.
func (r *Run) publish(active, rep int, warmup bool) {
	r.seq++
	snap := Snapshot{
		Seq:      r.seq,
		Elapsed:  time.Duration(Now() - r.started),
		Estimate: r.estimate(),
		Rep:      rep,
		Reps:     r.cfg.Reps,
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
	if r.firstSlot == 0 {
		return time.Duration(elapsed + int64((r.cfg.Reps+1)*len(r.subjects))*int64(r.cfg.RepDuration))
	}
	per := int64(r.cfg.RepDuration)
	if r.slotsRun > 0 {
		per = max(per, r.slotNs/int64(r.slotsRun))
	}
	left := int64((r.cfg.Reps+1)*len(r.subjects)-r.slotsRun) * per
	return time.Duration(max(elapsed, r.firstSlot-r.started+r.slotNs+left))
}
