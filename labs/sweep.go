package labs

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// maxSweepValues keeps a mistyped sweep from running for hours.
const maxSweepValues = 50

// A SweepPlan is a checked sweep: one run of the plan per value of Param, in
// the order given.
type SweepPlan struct {
	Param  string
	Points []SweepPointPlan
}

// A SweepPointPlan is one value of a sweep with everything its run needs.
type SweepPointPlan struct {
	// Value is the swept parameter's value, as the report records it.
	Value float64
	// Values are the workload's parameters at this point.
	Values lab.Values
	// Config is the engine configuration at this point: the workload's
	// Config hook may depend on the swept parameter.
	Config measure.Config
}

// plan checks the sweep against the workload: the parameter exists, is a
// number, is not also set on its own, and every value (at least two, none
// twice) parses and is in bounds. base are the other parameters' values and
// cfg the configuration before the workload adjusts it.
func (s *SweepSpec) plan(w *lab.Workload, set map[string]string, base lab.Values, cfg measure.Config) (*SweepPlan, error) {
	name := strings.TrimSpace(s.Param)
	p, ok := w.Param(name)
	switch {
	case name == "":
		return nil, errors.New("a sweep needs a parameter name: name=v1,v2,...")
	case !ok:
		return nil, fmt.Errorf("workload %s has no parameter %q to sweep (it has %s)", w.ID, name, w.ParamNames())
	case p.Kind != lab.Int && p.Kind != lab.Float:
		return nil, fmt.Errorf("cannot sweep %s: it is a %s parameter and a sweep needs numbers", name, p.Kind)
	case len(s.Values) < 2:
		return nil, fmt.Errorf("a sweep of %s needs at least 2 values, got %d", name, len(s.Values))
	case len(s.Values) > maxSweepValues:
		return nil, fmt.Errorf("a sweep of %s takes at most %d values, got %d", name, maxSweepValues, len(s.Values))
	}
	if _, dup := set[name]; dup {
		return nil, fmt.Errorf("%s is both set and swept: give it one way only", name)
	}
	sp := &SweepPlan{Param: name}
	seen := map[float64]bool{}
	for _, text := range s.Values {
		x, err := p.Parse(text)
		if err != nil {
			return nil, fmt.Errorf("sweep: %w", err)
		}
		value := numeric(x)
		if seen[value] {
			return nil, fmt.Errorf("sweep: %s=%s is given twice", name, strings.TrimSpace(text))
		}
		seen[value] = true
		v := make(lab.Values, len(base))
		for k, bv := range base {
			v[k] = bv
		}
		v[name] = x
		c := cfg
		if w.Config != nil {
			w.Config(v, &c)
		}
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("sweep at %s=%s: %w", name, strings.TrimSpace(text), err)
		}
		sp.Points = append(sp.Points, SweepPointPlan{Value: value, Values: v, Config: c})
	}
	return sp, nil
}

// numeric returns an Int or Float parameter's value as a float64.
func numeric(x any) float64 {
	if n, ok := x.(int); ok {
		return float64(n)
	}
	return x.(float64)
}

// sweepProgress is what a sweep run shares with readers while it goes on.
type sweepProgress struct {
	point atomic.Int32
}

// SweepPoint returns which point of a sweep is being measured (from 0) and
// how many there are; a run without a sweep has one point.
func (r *Run) SweepPoint() (i, n int) {
	if r.plan.Sweep == nil || r.sweep == nil {
		return 0, 1
	}
	return int(r.sweep.point.Load()), len(r.plan.Sweep.Points)
}

// startSweep starts a sweep: one engine run per value, in order, each with
// its own fixture and subjects, torn down before the next begins so that
// points do not compete for the machine. The first point is built here, so
// that a failing set-up is reported at once, as for a plain run.
func startSweep(ctx context.Context, p *Plan) (*Run, error) {
	t0 := time.Now()
	mr, env, err := startPoint(ctx, p, p.Sweep.Points[0])
	if err != nil {
		return nil, err
	}
	r := &Run{plan: p, snaps: make(chan measure.Snapshot, 1), done: make(chan struct{}), sweep: &sweepProgress{}}
	go r.followSweep(ctx, t0, mr, env)
	return r, nil
}

// startPoint builds one point's fixture and subjects and starts the engine.
func startPoint(ctx context.Context, p *Plan, pt SweepPointPlan) (*measure.Run, *lab.Env, error) {
	return lab.Start(ctx, p.Workload, p.Strategies, p.Names, pt.Values, pt.Config)
}

// followSweep runs the sweep's points one after another, relaying their
// snapshots with the progress of the whole sweep, and ends with the last
// point's report carrying every finished point. It stops at the first
// cancellation or failure.
func (r *Run) followSweep(ctx context.Context, t0 time.Time, mr *measure.Run, env *lab.Env) {
	defer close(r.snaps)
	defer close(r.done)
	pts := r.plan.Sweep.Points
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
		r.sweep.point.Store(int32(i))
		offset := time.Since(t0)
		for s := range mr.Snapshots() {
			measure.Offer(r.snaps, sweepSnapshot(s, offset, spent, i, len(pts)))
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
		spent = time.Since(t0)
	}
	// The first point always leaves a report, partial if it was cancelled,
	// so rep is the last point run.
	if rep != nil {
		rep.Sweep = measure.NewSweep(r.plan.Sweep.Param, done)
		rep.ElapsedNs = int64(time.Since(t0))
		rep.Started = t0
		rep.Cancelled = rep.Cancelled || ctx.Err() != nil
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	r.report, r.err = rep, err
}

// sweepSnapshot restates a point's snapshot for the whole sweep: elapsed
// from the sweep's start, and an estimate that counts the points still to
// run at the mean time of those done (or of this one, before any is done).
// It changes only the copy's own fields, never what they point to.
func sweepSnapshot(s measure.Snapshot, offset, spent time.Duration, i, n int) measure.Snapshot {
	per := s.Estimate
	if i > 0 {
		per = spent / time.Duration(i)
	}
	s.Elapsed += offset
	s.Estimate = offset + s.Estimate + time.Duration(n-i-1)*per
	return s
}
