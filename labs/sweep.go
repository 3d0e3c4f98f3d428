package labs

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// maxSweepValues keeps a mistyped sweep from running for hours.
const maxSweepValues = 50

// ParseSweep reads a sweep as a person types it, "name=v1,v2,...", for the
// command line and the TUI alike. Blank text is no sweep: nil and no error.
// Whether the parameter exists and its values fit is for the plan to say,
// against the workload.
func ParseSweep(text string) (*SweepSpec, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	name, list, ok := strings.Cut(text, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.TrimSpace(list) == "" {
		return nil, fmt.Errorf("sweep wants name=v1,v2,..., such as n=16,256,4096, got %q", text)
	}
	sw := &SweepSpec{Param: name}
	for _, v := range strings.Split(list, ",") {
		if v = strings.TrimSpace(v); v == "" {
			return nil, fmt.Errorf("sweep %s has an empty value in %q", name, list)
		}
		sw.Values = append(sw.Values, v)
	}
	return sw, nil
}

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
		return nil, errors.New("a sweep needs a parameter name, as in n=16,256,4096")
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
		if w.Check != nil {
			if err := w.Check(v); err != nil {
				return nil, fmt.Errorf("sweep at %s=%s: %w", name, strings.TrimSpace(text), err)
			}
		}
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
