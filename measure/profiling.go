package measure

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime/pprof"
	"time"

	"github.com/perflab/perflab/measure/profile"
)

// Profiling rounds run after the measured ones, so that the profiler's cost
// (a signal a hundred times a second, a collection around each repetition to
// read the allocation profile) touches no repetition a verdict rests on: by
// the time they start, the comparisons are decided or the budget has ended.
// They are interleaved as the measured rounds are, so that every strategy
// meets the machine as the others do.
const (
	// profileMinRounds is the fewest profiling rounds: each strategy takes
	// its turn in both orders at least once.
	profileMinRounds = 2
	// profileMinTime is the least time profiling rounds run for: at a
	// hundred samples a second, two strategies get about a hundred
	// samples each, a ± of a tenth on the whole.
	profileMinTime = 2 * time.Second
	// profileShare is the share of the measured run's time that profiling
	// rounds run for when that is longer than profileMinTime, and
	// profileMaxTime bounds it.
	profileShare   = 0.2
	profileMaxTime = 20 * time.Second
)

// profileDeadlineMargin is the time profiling rounds leave before their
// context's deadline, for the profilers to stop and the run to end.
const profileDeadlineMargin = 500 * time.Millisecond

// profilerStopTime bounds how long a subject's own profiler may take to
// stop and hand over its profile.
const profilerStopTime = 5 * time.Second

// profileTime is how long the profiling rounds of a run whose measured part
// took measured run for.
func profileTime(measured time.Duration) time.Duration {
	return min(profileMaxTime, max(profileMinTime, time.Duration(float64(measured)*profileShare)))
}

// ProfileTime is how long the profiling rounds after a measured part of
// measured run for: the time a front end adds to a run it asks to profile.
func ProfileTime(measured time.Duration) time.Duration { return profileTime(measured) }

// profileRounds runs the profiling rounds under one CPU profile and keeps
// each subject's profile for its result.
func (r *Run) profileRounds(ctx context.Context) error {
	s, err := profile.Start()
	if err != nil {
		return fmt.Errorf("profile: %w", err)
	}
	start := Now()
	budget := int64(profileTime(time.Duration(start - r.started)))
	if r.sequential() {
		// A run until decided was expected to take its budget and then
		// the profiling time of that budget (ProfileTime): the rounds
		// keep to that however far the measured part overran it, or a
		// bound set by that expectation would cut them.
		promised := r.started + int64(r.cfg.MaxTime+profileTime(r.cfg.MaxTime))
		budget = max(0, min(budget, promised-start))
	}
	if dl, ok := ctx.Deadline(); ok {
		// A run held to a deadline (the command line's time bound,
		// which counts what came before the engine started: Python
		// workers starting, a file read) ends its profiling rounds
		// before it, with time left to stop the profilers: the rounds
		// are extra, the deadline is not.
		left := int64(time.Until(dl) - profileDeadlineMargin)
		if left < budget {
			budget, r.profileCut = max(0, left), true
		}
	}
	for _, st := range r.subjects {
		// The profiling rounds come after the measured run's budget,
		// with a bound of their own: a repetition that the budget's
		// end cut to nothing profiled no operation (0 samples of 0
		// operations, once both landed on main).
		st.budgetEnd = 0
	}
	started, err := r.startProfilers(ctx)
	for round := 0; err == nil && budget > 0 && (round < profileMinRounds || Now()-start < budget); round++ {
		for _, i := range roundOrder(len(r.subjects), round) {
			if ctx.Err() != nil {
				break
			}
			st := r.subjects[i]
			err = s.Do(ctx, st.s.Name, st.profileRep)
			if err != nil {
				break
			}
		}
		if err != nil || ctx.Err() != nil {
			break
		}
	}
	profiles, serr := s.Stop()
	// The profilers are stopped, and their profiles read, even when ctx
	// ended the rounds: what ran is worth its profile.
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), profilerStopTime)
	defer cancel()
	own, oerr := stopProfilers(stopCtx, started)
	r.profileNs = Now() - start
	if serr != nil {
		return errors.Join(err, oerr, fmt.Errorf("profile: %w", serr))
	}
	for _, p := range profiles {
		st := r.subjectNamed(p.Name)
		if st == nil {
			continue
		}
		if st.s.Profiler != nil {
			data, ok := own[p.Name]
			if !ok {
				// Its profiler failed: no profile, rather than
				// perflab's side of the work under its name.
				continue
			}
			if rerr := p.Replace(data); rerr != nil {
				err = errors.Join(err, fmt.Errorf("profile of %s: %w", p.Name, rerr))
				continue
			}
			// The allocations this process made while the other one
			// worked are the sending and the waiting, not the
			// strategy's: a profiler that sees them would say so.
			p.Allocs = nil
		}
		sum := profile.Summarize(p)
		sum.Outside = st.s.External && st.s.Profiler == nil
		sum.OwnProcess = st.s.Profiler != nil
		var buf bytes.Buffer
		if werr := p.Write(&buf); werr != nil {
			err = errors.Join(err, fmt.Errorf("profile of %s: %w", p.Name, werr))
			continue
		}
		st.profile, st.profileData = &sum, buf.Bytes()
	}
	return errors.Join(err, oerr)
}

// subjectNamed returns the subject of that name, or nil.
func (r *Run) subjectNamed(name string) *subjectState {
	for _, st := range r.subjects {
		if st.s.Name == name {
			return st
		}
	}
	return nil
}

// startProfilers starts the profilers of the subjects that profile their
// own work, and returns those it started, so that each is stopped.
func (r *Run) startProfilers(ctx context.Context) ([]*subjectState, error) {
	var started []*subjectState
	for _, st := range r.subjects {
		if st.s.Profiler == nil {
			continue
		}
		if err := st.s.Profiler.Start(ctx); err != nil {
			return started, fmt.Errorf("profile of %s: %w", st.s.Name, err)
		}
		started = append(started, st)
	}
	return started, nil
}

// stopProfilers stops the profilers started and returns each one's
// profile by its subject's name; a subject whose profiler failed has none.
func stopProfilers(ctx context.Context, started []*subjectState) (map[string][]byte, error) {
	own := map[string][]byte{}
	var errs []error
	for _, st := range started {
		p, err := st.s.Profiler.Stop(ctx)
		if err != nil {
			errs = append(errs, fmt.Errorf("profile of %s: %w", st.s.Name, err))
			continue
		}
		own[st.s.Name] = p
	}
	return own, errors.Join(errs...)
}

// profileRep runs one repetition of the subject for the profile: it counts
// its operations and keeps nothing else, neither a repetition nor a point of
// the timeline, so that the result and a replay show the measured rounds
// only.
func (st *subjectState) profileRep(ctx context.Context) (int64, error) {
	points := len(st.timeline)
	defer func() { st.timeline = st.timeline[:points] }()
	if ok, err := st.enter(ctx); !ok {
		return 0, err
	}
	// Enter ran under the strategy's label, so that a pool it starts
	// carries it. What this goroutine does next is the engine's own
	// bookkeeping (a collection, merging histograms), not the strategy's
	// work: only the work's goroutine keeps the label, which
	// workAndCollect gives it from ctx. profile.Session.Do restores this
	// goroutine's labels when the repetition returns.
	pprof.SetGoroutineLabels(context.Background())
	st.beginRep(true)
	st.workAndCollect(ctx, true, func() {})
	st.collect(true, false)
	st.measuring = false
	st.haveLast = false
	if st.fatal != nil {
		return 0, fmt.Errorf("%s: %w", st.s.Name, st.fatal)
	}
	return st.rep.TotalCount(), nil
}

// attachProfiles gives each result its subject's profile.
func (r *Run) attachProfiles(results []*Result) {
	for i, st := range r.subjects {
		results[i].Profile = st.profile
		results[i].CPUProfile = st.profileData
	}
}
