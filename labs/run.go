package labs

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// A Run is a plan being measured. Its snapshots and report come from the
// engine; it adds the lab's set-up before and its tear-down after.
type Run struct {
	plan   *Plan
	snaps  chan measure.Snapshot
	done   chan struct{}
	report *measure.Report
	err    error
	// point is the index of the point being measured: always 0 for a
	// plain run, which is a single point.
	point atomic.Int32
	// finished holds a sweep's points measured so far, for a live growth
	// curve; mu guards it.
	mu       sync.Mutex
	finished []measure.SweepPoint
}

// Start builds the workload's fixture and one subject per strategy, then
// starts the engine on them in the background. Cancelling ctx stops the run;
// everything the lab started (servers, processes, goroutines) is released
// before Done is closed.
//
// A sweep runs one engine run per value, in order, each with its own
// fixture and subjects, torn down before the next begins so that points do
// not compete for the machine. The first point is built here, so that a
// failing set-up is reported at once, sweep or not.
func Start(ctx context.Context, p *Plan) (*Run, error) {
	t0 := time.Now()
	mr, env, err := startPoint(ctx, p, p.points()[0])
	if err != nil {
		return nil, err
	}
	r := &Run{plan: p, snaps: make(chan measure.Snapshot, 1), done: make(chan struct{})}
	go r.follow(ctx, t0, mr, env)
	return r, nil
}

// startPoint builds one point's fixture and subjects and starts the engine.
func startPoint(ctx context.Context, p *Plan, pt SweepPointPlan) (*measure.Run, *lab.Env, error) {
	return lab.Start(ctx, p.Workload, p.Strategies, p.Names, pt.Values, pt.Config)
}

// follow runs the plan's points one after another, relaying their
// snapshots, tearing each point's lab down, and ends with the last point's
// report, its lab fields filled in. A sweep's snapshots carry the progress
// of the whole sweep and its report every finished point; it stops at the
// first cancellation or failure.
func (r *Run) follow(ctx context.Context, t0 time.Time, mr *measure.Run, env *lab.Env) {
	defer close(r.snaps)
	defer close(r.done)
	pts := r.plan.points()
	var done []measure.SweepPoint
	var spent time.Duration // time taken by the finished points
	var rep *measure.Report
	var err error
	for i := range pts {
		if i > 0 {
			if ctx.Err() != nil {
				break
			}
			if mr, env, err = startPoint(ctx, r.plan, pts[i]); err != nil {
				break
			}
		}
		r.point.Store(int32(i))
		offset := time.Since(t0)
		for s := range mr.Snapshots() {
			if r.plan.Sweep != nil {
				s = sweepSnapshot(s, offset, spent, i, len(pts))
			}
			measure.Offer(r.snaps, s)
		}
		rep, err = mr.Wait()
		if cerr := env.Close(); cerr != nil {
			err = errors.Join(err, cerr)
		}
		if rep != nil {
			rep.Lab, rep.Workload, rep.Params = r.plan.Lab.ID, r.plan.Workload.ID, pts[i].Values.Report()
		}
		if err != nil || rep == nil || rep.Cancelled {
			break
		}
		done = append(done, measure.SweepPoint{Value: pts[i].Value, Strategies: rep.Strategies})
		r.mu.Lock()
		r.finished = append([]measure.SweepPoint(nil), done...)
		r.mu.Unlock()
		spent = time.Since(t0)
	}
	if r.plan.Sweep != nil {
		rep, err = r.endSweep(ctx, t0, rep, err, done)
	}
	r.report, r.err = rep, err
}

// endSweep makes the last point's report the sweep's: every finished point,
// the time since the sweep began, and a cancellation of the sweep between
// two points. The first point always leaves a report, partial if it was
// cancelled, so rep is the last point run.
func (r *Run) endSweep(ctx context.Context, t0 time.Time, rep *measure.Report, err error, done []measure.SweepPoint) (*measure.Report, error) {
	if rep != nil {
		rep.Sweep = measure.NewSweep(r.plan.Sweep.Param, done)
		rep.ElapsedNs = int64(time.Since(t0))
		rep.Started = t0
		rep.Cancelled = rep.Cancelled || ctx.Err() != nil
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return rep, err
}

// Finished returns the points of a sweep measured so far, in order, each
// with its strategies' results: a live growth curve draws them as they
// come. A run without a sweep has none until it ends.
func (r *Run) Finished() []measure.SweepPoint {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.finished
}

// Plan returns the run's plan.
func (r *Run) Plan() *Plan { return r.plan }

// SweepPoint returns which point of a sweep is being measured (from 0) and
// how many there are; a run without a sweep has one point.
func (r *Run) SweepPoint() (i, n int) {
	return int(r.point.Load()), len(r.plan.points())
}

// Snapshots returns the live snapshots; a newer one replaces one not read. It
// is closed when the run ends.
func (r *Run) Snapshots() <-chan measure.Snapshot { return r.snaps }

// Done is closed when the run has ended and the lab is torn down.
func (r *Run) Done() <-chan struct{} { return r.done }

// Wait blocks until the run ends and returns its report; see measure.Run.Wait.
func (r *Run) Wait() (*measure.Report, error) {
	<-r.done
	return r.report, r.err
}
