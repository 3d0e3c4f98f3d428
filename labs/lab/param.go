package lab

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Kind is the type of a parameter's value.
type Kind int

// The parameter kinds.
const (
	Int Kind = iota
	Float
	Duration
	Choice
	Text
	Bool
	// URL is a URL with one of the parameter's Schemes; empty means none.
	URL
	// Address is host:port to listen on; empty means the workload's own.
	Address
	// SecretText is text never shown: its value is a Secret.
	SecretText
)

func (k Kind) String() string {
	switch k {
	case Int:
		return "int"
	case Float:
		return "float"
	case Duration:
		return "duration"
	case Choice:
		return "choice"
	case Text:
		return "text"
	case Bool:
		return "bool"
	case URL:
		return "url"
	case Address:
		return "address"
	case SecretText:
		return "secret"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// A Param is a setting of a workload. Default, Min and Max are written as a
// person would type them ("10000", "0.5", "2ms"); an empty Min or Max is no
// bound.
type Param struct {
	Name    string
	Kind    Kind
	Default string
	Min     string
	Max     string
	// Choices are the allowed values of a Choice parameter.
	Choices []string
	// Schemes are the schemes a URL parameter takes, the first the one
	// its examples show.
	Schemes []string
	// Help says in a line what the parameter changes.
	Help string
	// IdleWhenSet names a text parameter that, when set, takes this one's
	// effect away: a backend's latency, say, once the load goes to a
	// target of a person's own. Headers then leave this one out.
	IdleWhenSet string
}

// InEffect returns the parameters of params, a run's as reported, that
// act on the run: those idle because another parameter is set are left
// out, so that a header does not show a figure that changed nothing.
func (w *Workload) InEffect(params map[string]any) map[string]any {
	out := make(map[string]any, len(params))
	for k, v := range params {
		if p, ok := w.Param(k); ok && p.IdleWhenSet != "" {
			if set, _ := params[p.IdleWhenSet].(string); set != "" {
				continue
			}
		}
		out[k] = v
	}
	return out
}

// Bounds says what values the parameter takes, for help text: "(1..1000)",
// "(at least 0s)", "(fast, slow)", or "" when anything of its kind goes.
func (p *Param) Bounds() string {
	switch {
	case len(p.Choices) > 0:
		return "(" + strings.Join(p.Choices, ", ") + ")"
	case p.Min != "" && p.Max != "":
		return "(" + p.Min + ".." + p.Max + ")"
	case p.Min != "":
		return "(at least " + p.Min + ")"
	case p.Max != "":
		return "(at most " + p.Max + ")"
	}
	return ""
}

// Parse checks s against the parameter's kind and bounds and returns its
// value: an int, float64, time.Duration, bool or string. The error is one
// line fit to show a person.
func (p *Param) Parse(s string) (any, error) {
	s = strings.TrimSpace(s)
	v, err := p.parseKind(s)
	if err != nil {
		return nil, err
	}
	if err := p.checkBounds(v); err != nil {
		return nil, err
	}
	return v, nil
}

func (p *Param) parseKind(s string) (any, error) {
	switch p.Kind {
	case Int:
		n, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 10, 64)
		if errors.Is(err, strconv.ErrRange) {
			// A whole number too large to hold: say the bound it is
			// past, not that it is no number.
			return nil, p.rangeError(s, strings.HasPrefix(s, "-"))
		}
		if err != nil {
			return nil, fmt.Errorf("%s must be a whole number, got %q", p.Name, s)
		}
		return int(n), nil
	case Float:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%s must be a number, got %q", p.Name, s)
		}
		return f, nil
	case Duration:
		d, err := time.ParseDuration(s)
		if err != nil {
			return nil, fmt.Errorf("%s must be a duration such as 500us, 2ms or 1s, got %q", p.Name, s)
		}
		return d, nil
	case Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("%s must be true or false, got %q", p.Name, s)
		}
		return b, nil
	case URL:
		if s == "" {
			return s, nil
		}
		if _, err := ParseURL(p.Name, s, p.Schemes); err != nil {
			return nil, err
		}
		return s, nil
	case Address:
		if s == "" {
			return s, nil
		}
		if _, _, err := ParseAddress(p.Name, s); err != nil {
			return nil, err
		}
		return s, nil
	case SecretText:
		if err := CheckSecret(p.Name, s); err != nil {
			return nil, err
		}
		return Secret(s), nil
	case Choice:
		if !slices.Contains(p.Choices, s) {
			return nil, fmt.Errorf("%s must be one of %s, got %q", p.Name, strings.Join(p.Choices, ", "), s)
		}
		return s, nil
	}
	return s, nil
}

// rangeError says that s, too large to read, is past the parameter's lower
// bound (below) or upper bound.
func (p *Param) rangeError(s string, below bool) error {
	switch {
	case below && p.Min != "":
		return fmt.Errorf("%s must be at least %s, got %s", p.Name, p.Min, s)
	case !below && p.Max != "":
		return fmt.Errorf("%s must be at most %s, got %s", p.Name, p.Max, s)
	}
	return fmt.Errorf("%s is too large a number, got %s", p.Name, s)
}

func (p *Param) checkBounds(v any) error {
	x, ok := asFloat(v)
	if !ok {
		return nil
	}
	if p.Min != "" {
		lo, err := p.parseKind(p.Min)
		if m, _ := asFloat(lo); err == nil && x < m {
			return fmt.Errorf("%s must be at least %s, got %s", p.Name, p.Min, format(v))
		}
	}
	if p.Max != "" {
		hi, err := p.parseKind(p.Max)
		if m, _ := asFloat(hi); err == nil && x > m {
			return fmt.Errorf("%s must be at most %s, got %s", p.Name, p.Max, format(v))
		}
	}
	return nil
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	case time.Duration:
		return float64(x), true
	}
	return 0, false
}

func format(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}
