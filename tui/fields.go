package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// fieldKind is the kind of a set-up field.
type fieldKind int

const (
	fieldWorkload fieldKind = iota
	fieldStrategy
	fieldParam
	fieldReps
	fieldDuration
	fieldSweep
)

// A field is one row of the set-up form.
type field struct {
	kind fieldKind
	// name labels the field; help says what it changes.
	name, help string
	// strategy is a strategy row's index into the workload's strategies.
	strategy int
	// param is a parameter row's parameter.
	param *lab.Param
	// input holds the value of a text field.
	input textinput.Model
	// err says why the value is not valid, "" when it is.
	err string
}

// isText reports whether the field is typed into.
func (f field) isText() bool { return f.kind >= fieldParam }

// runValues are the set-up's fields that do not depend on the workload, as
// typed, carried over when the workload changes.
type runValues struct{ reps, duration, sweep string }

func defaultRunValues() runValues {
	return runValues{
		reps:     strconv.Itoa(measure.DefaultReps),
		duration: measure.DefaultRepDuration.String(),
	}
}

// inputWidth is the width of a text field's input.
const inputWidth = 16

// buildFields returns the form of workload wl.
func buildFields(wl *lab.Workload, run runValues) []field {
	fields := []field{{kind: fieldWorkload, name: "workload", help: wl.Title}}
	for i, st := range wl.Strategies {
		fields = append(fields, field{kind: fieldStrategy, name: st.ID, strategy: i, help: strategyHelp(st)})
	}
	for i := range wl.Params {
		p := &wl.Params[i]
		fields = append(fields, newTextField(fieldParam, p.Name, p.Help+bounds(p), p.Default, p))
	}
	fields = append(fields,
		newTextField(fieldReps, "repetitions", fmt.Sprintf("measured repetitions per strategy, after one warm-up; verdicts need at least 6 (1..%d)", measure.MaxReps), run.reps, nil),
		newTextField(fieldDuration, "duration", "time bound of one repetition, such as 50ms or 1s", run.duration, nil),
		newTextField(fieldSweep, "sweep", "run the comparison at each value of a parameter, to draw growth curves: name=v1,v2,... (empty: no sweep)", run.sweep, nil),
	)
	for i := range fields {
		fields[i].validate(wl)
	}
	return fields
}

func strategyHelp(st lab.Strategy) string {
	if st.Title == "" || st.Title == st.ID {
		return st.Help
	}
	if st.Help == "" {
		return st.Title
	}
	return st.Title + ": " + st.Help
}

// bounds is the parameter's bounds for help text, after a space.
func bounds(p *lab.Param) string {
	if b := p.Bounds(); b != "" {
		return " " + b
	}
	return ""
}

func newTextField(kind fieldKind, name, help, value string, p *lab.Param) field {
	in := textinput.New()
	in.Prompt = ""
	in.Width = inputWidth
	in.CharLimit = 256
	// A static cursor: a blinking one would redraw the screen twice a
	// second for nothing.
	in.Cursor.SetMode(cursor.CursorStatic)
	in.SetValue(value)
	if kind == fieldSweep {
		in.Placeholder = "none"
	}
	return field{kind: kind, name: name, help: help, param: p, input: in}
}

// validate checks the field's value and sets err.
func (f *field) validate(wl *lab.Workload) {
	v := strings.TrimSpace(f.input.Value())
	var err error
	switch f.kind {
	case fieldParam:
		_, err = f.param.Parse(v)
	case fieldReps:
		_, err = parseReps(v)
	case fieldDuration:
		_, err = parseDuration(v)
	case fieldSweep:
		_, err = parseSweep(v, wl)
	}
	f.err = ""
	if err != nil {
		f.err = err.Error()
	}
}

// parseReps reads a repetition count.
func parseReps(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > measure.MaxReps {
		return 0, fmt.Errorf("repetitions must be a whole number from 1 to %d, got %q", measure.MaxReps, s)
	}
	return n, nil
}

// maxRepDuration bounds a repetition, as the engine does.
const maxRepDuration = time.Hour

// parseDuration reads a repetition's duration.
func parseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("duration must be such as 100ms or 1s, got %q", s)
	case d <= 0:
		return 0, fmt.Errorf("duration must be positive, got %s", s)
	case d > maxRepDuration:
		return 0, fmt.Errorf("duration must be at most %v, got %s", maxRepDuration, s)
	}
	return d, nil
}

// parseSweep reads "name=v1,v2,..." into a sweep of wl; empty is no sweep.
func parseSweep(s string, wl *lab.Workload) (*labs.SweepSpec, error) {
	if s == "" {
		return nil, nil
	}
	name, list, ok := strings.Cut(s, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return nil, fmt.Errorf("sweep must be name=v1,v2,..., such as n=16,256,4096, got %q", s)
	}
	p, found := wl.Param(name)
	if !found {
		return nil, fmt.Errorf("sweep: workload %s has no parameter %q", wl.ID, name)
	}
	sw := &labs.SweepSpec{Param: name}
	for _, v := range strings.Split(list, ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if _, err := p.Parse(v); err != nil {
			return nil, fmt.Errorf("sweep: %w", err)
		}
		sw.Values = append(sw.Values, v)
	}
	if len(sw.Values) < 2 {
		return nil, fmt.Errorf("sweep needs at least two values of %s, got %d", name, len(sw.Values))
	}
	return sw, nil
}
