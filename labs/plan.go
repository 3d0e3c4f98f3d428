package labs

import (
	"fmt"
	"strings"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// A Spec is what a person asks to run, as typed: the TUI and the command line
// both fill one in.
type Spec struct {
	// Path names the lab and workload: "data-structures/membership".
	Path string
	// Strategies to compare, baseline first; empty means all of them. The
	// same one may be named twice for an A/A run.
	Strategies []string
	// Params set by name; the rest take their defaults.
	Params map[string]string
	// Config bounds the measurement (repetitions, duration, workers).
	Config measure.Config
	// Sweep, if set, runs the whole comparison once per value of one
	// parameter, to draw growth curves.
	Sweep *SweepSpec
}

// A SweepSpec names a parameter and the values to measure at, as typed:
// "n" and ["16", "256", "4096"].
type SweepSpec struct {
	Param  string
	Values []string
}

// A Plan is a Spec checked against the catalogue: everything a run needs,
// known valid before anything starts.
type Plan struct {
	Lab        *lab.Lab
	Workload   *lab.Workload
	Strategies []*lab.Strategy
	// Names label the strategies in results: the id, and "id#2" for the
	// second of an A/A pair.
	Names  []string
	Values lab.Values
	Config measure.Config
	// Sweep, if set, runs the plan once per value of one parameter; see
	// SweepPlan.
	Sweep *SweepPlan
}

// Plan checks the spec against the catalogue and returns the plan of its
// run. The error is one line fit to show a person.
func (s Spec) Plan() (*Plan, error) { return s.PlanIn(All()) }

// PlanIn is Plan against the catalogue all, such as the one a TUI shows.
func (s Spec) PlanIn(all []*lab.Lab) (*Plan, error) {
	l, w, err := lookupIn(all, s.Path)
	if err != nil {
		return nil, err
	}
	v, err := w.Parse(s.Params)
	if err != nil {
		return nil, err
	}
	p := &Plan{Lab: l, Workload: w, Values: v, Config: s.Config}
	var ids []string
	for _, id := range s.Strategies {
		ids = append(ids, strings.TrimSpace(id))
	}
	if len(ids) == 0 {
		for _, st := range w.Strategies {
			ids = append(ids, st.ID)
		}
	}
	for _, id := range ids {
		st, err := w.Strategy(id)
		if err != nil {
			return nil, err
		}
		p.Strategies = append(p.Strategies, st)
	}
	p.Names = Names(ids)
	if w.CheckChosen != nil {
		if err := w.CheckChosen(v, ids); err != nil {
			return nil, err
		}
	}
	if s.Sweep != nil {
		if p.Sweep, err = s.Sweep.plan(w, s.Params, v, s.Config); err != nil {
			return nil, err
		}
	}
	if w.Config != nil {
		w.Config(v, &p.Config)
	}
	if err := p.Config.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// Names returns the names results give the strategies ids, in order: the
// id, and "id#2" for the second of an A/A pair, "id#3" for a third.
func Names(ids []string) []string {
	names := make([]string, len(ids))
	seen := map[string]int{}
	for i, id := range ids {
		seen[id]++
		names[i] = id
		if seen[id] > 1 {
			names[i] = fmt.Sprintf("%s#%d", id, seen[id])
		}
	}
	return names
}

// points returns the engine runs of the plan: one per value of a sweep, or
// the plan's own values and configuration for a plain run.
func (p *Plan) points() []SweepPointPlan {
	if p.Sweep != nil {
		return p.Sweep.Points
	}
	return []SweepPointPlan{{Values: p.Values, Config: p.Config}}
}
