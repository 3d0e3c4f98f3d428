package lab

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Values are a workload's validated parameters, every one set: those not
// given take their defaults.
type Values map[string]any

// Int returns an Int parameter.
func (v Values) Int(name string) int { return v[name].(int) }

// Float returns a Float parameter.
func (v Values) Float(name string) float64 { return v[name].(float64) }

// Duration returns a Duration parameter.
func (v Values) Duration(name string) time.Duration { return v[name].(time.Duration) }

// String returns a Choice, Text, URL or Address parameter.
func (v Values) String(name string) string { return v[name].(string) }

// Bool returns a Bool parameter.
func (v Values) Bool(name string) bool { return v[name].(bool) }

// Report returns the values as a report shows them: durations as text
// ("2ms"), secrets masked, everything else as it is.
func (v Values) Report() map[string]any {
	out := make(map[string]any, len(v))
	for k, x := range v {
		switch x := x.(type) {
		case time.Duration:
			out[k] = x.String()
			continue
		case Secret:
			out[k] = x.String()
			continue
		}
		out[k] = x
	}
	return out
}

// Parse validates set, the parameters a person gave by name, and returns
// every parameter's value, defaults filling the rest. The error names the
// first bad parameter in one line.
func (w *Workload) Parse(set map[string]string) (Values, error) {
	for _, name := range slices.Sorted(maps.Keys(set)) {
		if _, ok := w.Param(name); !ok {
			return nil, fmt.Errorf("workload %s has no parameter %q (it has %s)", w.ID, name, w.ParamNames())
		}
	}
	v := make(Values, len(w.Params))
	for i := range w.Params {
		p := &w.Params[i]
		s, ok := set[p.Name]
		if !ok {
			s = p.Default
		}
		x, err := p.Parse(s)
		if err != nil {
			return nil, err
		}
		v[p.Name] = x
	}
	if w.Check != nil {
		if err := w.Check(v); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// ParamNames lists the workload's parameters for a message: "n, hit_ratio",
// or "none".
func (w *Workload) ParamNames() string {
	if len(w.Params) == 0 {
		return "none"
	}
	names := make([]string, len(w.Params))
	for i, p := range w.Params {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}
