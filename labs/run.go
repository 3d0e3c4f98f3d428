package labs

import (
	"context"
	"errors"

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
	// sweep tracks a sweep's progress; nil for a plain run.
	sweep *sweepProgress
}

// Start builds the workload's fixture and one subject per strategy, then
// starts the engine on them in the background. Cancelling ctx stops the run;
// everything the lab started (servers, processes, goroutines) is released
// before Done is closed.
func Start(ctx context.Context, p *Plan) (*Run, error) {
	if p.Sweep != nil {
		return startSweep(ctx, p)
	}
	mr, env, err := lab.Start(ctx, p.Workload, p.Strategies, p.Names, p.Values, p.Config)
	if err != nil {
		return nil, err
	}
	r := &Run{plan: p, snaps: make(chan measure.Snapshot, 1), done: make(chan struct{})}
	go r.follow(mr, env)
	return r, nil
}

// follow relays the engine's snapshots, then tears the lab down and fills in
// the report's lab fields.
func (r *Run) follow(mr *measure.Run, env *lab.Env) {
	defer close(r.snaps)
	defer close(r.done)
	for s := range mr.Snapshots() {
		measure.Offer(r.snaps, s)
	}
	rep, err := mr.Wait()
	if cerr := env.Close(); cerr != nil {
		err = errors.Join(err, cerr)
	}
	if rep != nil {
		rep.Lab = r.plan.Lab.ID
		rep.Workload = r.plan.Workload.ID
		rep.Params = r.plan.Values.Report()
	}
	r.report, r.err = rep, err
}

// Plan returns the run's plan.
func (r *Run) Plan() *Plan { return r.plan }

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
