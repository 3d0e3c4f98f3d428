package tui

import (
	"errors"
	"fmt"
	"math"
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
	fieldProfile
	fieldParam
	fieldReps
	fieldDuration
	fieldRate
	fieldWorkers
	fieldOps
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
	// on is a toggle's value (profile).
	on bool
	// err says why the value is not valid, "" when it is.
	err string
}

// isText reports whether the field is typed into.
func (f field) isText() bool { return f.kind >= fieldParam }

// runValues are the set-up's fields that do not depend on the workload, as
// typed, carried over when the workload changes: the text of each such
// field by its kind, and the profile toggle.
type runValues struct {
	text    map[fieldKind]string
	profile bool
}

func defaultRunValues() runValues {
	return runValues{text: map[fieldKind]string{
		fieldReps:     strconv.Itoa(measure.DefaultReps),
		fieldDuration: measure.DefaultRepDuration.String(),
		fieldRate:     "0",
		fieldWorkers:  "0",
		fieldOps:      "0",
	}}
}

// inputWidth is the width of a text field's input.
const inputWidth = 16

// buildFields returns the form of workload wl of lab l.
func buildFields(l *lab.Lab, wl *lab.Workload, run runValues) []field {
	fields := []field{{kind: fieldWorkload, name: "workload", help: wl.Title}}
	for i, st := range wl.Strategies {
		fields = append(fields, field{kind: fieldStrategy, name: st.ID, strategy: i, help: strategyHelp(st)})
	}
	for i := range wl.Params {
		p := &wl.Params[i]
		fields = append(fields, newTextField(fieldParam, p.Name, p.Help+bounds(p), p.Default, p))
	}
	fields = append(fields,
		newTextField(fieldReps, "repetitions", fmt.Sprintf("0: rounds until every verdict is decided or %v pass; or a fixed number of rounds (1..%d)", measure.DefaultMaxTime, measure.MaxReps), run.text[fieldReps], nil),
		newTextField(fieldDuration, "duration", "time bound of one repetition, such as 50ms or 1s", run.text[fieldDuration], nil),
	)
	if _, own := wl.Param("rate"); !own {
		// A workload with a rate of its own sets the engine's from it.
		fields = append(fields, newTextField(fieldRate, "arrival rate",
			"open loop: start this many operations a second, whatever the latency, and count latency from each one's intended start (0: closed loop). Strategies that run their own pool keep their own pace", run.text[fieldRate], nil))
	}
	fields = append(fields,
		newTextField(fieldWorkers, "workers", fmt.Sprintf("engine goroutines calling the operation at once, or the most in flight in an open loop (0: the workload's, usually 1; up to %d). Strategies that run their own pool keep its size", measure.MaxWorkers), run.text[fieldWorkers], nil),
		newTextField(fieldOps, "operations", "operation bound of one repetition: it ends at the duration or after this many operations, whichever comes first (0: none)", run.text[fieldOps], nil),
	)
	if wl.Profilable() {
		fields = append(fields, field{kind: fieldProfile, name: "profile", on: run.profile, help: profileHelp(wl)})
	}
	// The sweep stays the last row, where tab comes to rest.
	fields = append(fields,
		newTextField(fieldSweep, "sweep", "run the comparison at each value of a parameter, to draw growth curves: name=v1,v2,... (empty: no sweep)", run.text[fieldSweep], nil),
	)
	for i := range fields {
		fields[i].validate(l, l.ID+"/"+wl.ID)
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
	// Two columns fewer than the value's: an edited value that goes on
	// beyond its window shows a "…" on each side (see editedValue).
	in.Width = inputWidth - 2
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

// validate checks the field's value as typed, for the workload at path of
// lab l, and sets err.
func (f *field) validate(l *lab.Lab, path string) {
	f.err = errMessage(f.readInto(&labs.Spec{Path: path, Params: map[string]string{}}, l))
}

// readInto checks the field's value and sets it in spec, whose Path names
// a workload of lab l. The checks are those of the run itself: the lab's
// for a parameter, the engine's for repetitions and duration, the
// catalogue's plan for a sweep.
func (f *field) readInto(spec *labs.Spec, l *lab.Lab) error {
	v := strings.TrimSpace(f.input.Value())
	var err error
	switch f.kind {
	case fieldParam:
		if _, err = f.param.Parse(v); err == nil {
			spec.Params[f.param.Name] = v
		}
	case fieldReps:
		spec.Config.Reps, err = parseReps(v)
	case fieldDuration:
		spec.Config.RepDuration, err = parseDuration(v)
	case fieldRate:
		spec.Config.Rate, err = parseRate(v)
	case fieldWorkers:
		spec.Config.Workers, err = parseWorkers(v)
	case fieldOps:
		spec.Config.RepOps, err = parseOps(v)
	case fieldSweep:
		spec.Sweep, err = checkSweep(v, spec.Path, l)
	case fieldProfile:
		spec.Config.Profile = f.on
	}
	return err
}

// profileHelp is the help of the profile row, which the set-up offers
// where the workload declares a profile can be taken (lab.Profiling), as
// the command line accepts --profile there and only there.
func profileHelp(wl *lab.Workload) string {
	h := "after the verdict, profile each strategy in rounds of its own, which the verdict does not see: the results' why (v) shows where each one's time per operation went, as a table, an icicle and a difference graph"
	if wl.Profile == lab.ProfilePart {
		h += ". A strategy whose work runs in other processes shows only perflab's side of it"
	}
	return h
}

// errMessage is err's message, "" for no error.
func errMessage(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// parseReps reads a repetition count; the engine bounds it.
func parseReps(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		// Zero is the engine's sequential design: rounds until decided.
		return 0, fmt.Errorf("repetitions must be 0 (until decided) or a whole number from 1 to %d, got %q", measure.MaxReps, s)
	}
	if err := (measure.Config{Reps: n}).Validate(); err != nil {
		return 0, err
	}
	return n, nil
}

// parseDuration reads a repetition's duration; the engine bounds it.
func parseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("duration must be such as 100ms or 1s, got %q", s)
	case d == 0:
		// The engine reads zero as "the default": typed, it is a slip.
		return 0, fmt.Errorf("duration must be positive, got %s", s)
	}
	if err := (measure.Config{RepDuration: d}).Validate(); err != nil {
		return 0, err
	}
	return d, nil
}

// parseRate reads an arrival rate; 0 is a closed loop.
func parseRate(s string) (float64, error) {
	r, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(r) || math.IsInf(r, 0) {
		return 0, fmt.Errorf("arrival rate must be a number of operations a second, 0 or more, got %q", s)
	}
	// The engine's own check, so that the field and perflab run refuse
	// the same rates with the same words.
	if err := (measure.Config{Rate: r}).Validate(); err != nil {
		return 0, err
	}
	return r, nil
}

// parseWorkers reads an engine worker count; 0 is the workload's.
func parseWorkers(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > measure.MaxWorkers {
		return 0, fmt.Errorf("workers must be a whole number from 0 to %d, got %q", measure.MaxWorkers, s)
	}
	return n, nil
}

// parseOps reads an operation bound; 0 is none.
func parseOps(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(s, "-"):
		return 0, fmt.Errorf("operations must be at most %d, got %s", int64(math.MaxInt64), s)
	case err != nil || n < 0:
		return 0, fmt.Errorf("operations must be a whole number, 0 or more, got %q", s)
	}
	return n, nil
}

// checkSweep reads a sweep as the command line does and checks it as the
// run's plan will, against the workload at path of lab l; blank is no
// sweep.
func checkSweep(s, path string, l *lab.Lab) (*labs.SweepSpec, error) {
	sw, err := labs.ParseSweep(s)
	if err != nil || sw == nil {
		return nil, err
	}
	if _, err := (labs.Spec{Path: path, Sweep: sw}).PlanIn([]*lab.Lab{l}); err != nil {
		return nil, err
	}
	return sw, nil
}
