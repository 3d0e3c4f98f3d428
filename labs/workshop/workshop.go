// Package workshop is a plan for a room: the lessons a teacher walks through,
// in order, each a race of one workload with a question the room answers
// before it starts. A workshop is written as a small TOML file (see
// Default's, printed by perflab workshop --print) and checked against the
// catalogue before anything runs.
//
// A file holds a title and lessons:
//
//	title = "Seven ways to make an application faster"
//
//	[[lesson]]
//	run = "data-structures/membership"   # LAB/WORKLOAD, as perflab run takes it
//	strategies = ["slice", "map"]        # baseline first; default: all
//	params = { n = 10000 }               # default: the workload's
//	max_time = "20s"                     # time budget of the race (default 20s)
//	reps = 0                             # a fixed design of that many rounds (default 0: until decided)
//	minutes = 6                          # time the teacher plans for the lesson
//	text = "..."                         # shown large before the question (default: the lab's title)
//	question = "..."                     # asked of the room (default: which wins, by how much?)
//	why = "..."                          # said at the reveal (default: the workload's lesson)
//
//	[[lesson.choice]]
//	winner = "map"                       # a strategy, or "none" for no difference
//	by = "10-"                           # the winner's speed-up over the baseline: "2-10", "10-", "-2"
//	text = "..."                         # default: said from winner and by
//
// A lesson with no choices asks which strategy wins, one choice a strategy,
// and whether none does.
package workshop

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure/regular"
)

// A Workshop is a checked plan for a room: lessons in the order they are
// taught.
type Workshop struct {
	Title   string
	Lessons []*Lesson
	// LeftOut counts the lessons of the file left out, unchecked, by
	// WithoutPython.
	LeftOut int
}

// Size says the workshop's size in words: "14 lessons, about 90 minutes".
func (w *Workshop) Size() string {
	lessons := "lessons"
	if len(w.Lessons) == 1 {
		lessons = "lesson"
	}
	minutes := "minutes"
	if w.Minutes() == 1 {
		minutes = "minute"
	}
	return fmt.Sprintf("%d %s, about %d %s", len(w.Lessons), lessons, w.Minutes(), minutes)
}

// A Lesson is one race and what the room is told and asked around it.
type Lesson struct {
	// Lab and Workload are the lesson's lab and workload, from the
	// catalogue the workshop was checked against.
	Lab      *lab.Lab
	Workload *lab.Workload
	// Spec is the race, as perflab run would take it.
	Spec labs.Spec
	// Names label the strategies in the race's results, baseline first.
	Names []string
	// Minutes is the time the teacher plans for the lesson.
	Minutes int
	// Text is shown large before the question; Question is asked of the
	// room; Why is said at the reveal.
	Text, Question, Why string
	// Choices are the answers the room picks from, one key each.
	Choices []Choice
	// Commands are what the race would run beyond perflab's own code
	// (see Commands): a person says yes to them before the race runs.
	Commands []string
}

// Path is the lesson's LAB/WORKLOAD.
func (l *Lesson) Path() string { return l.Spec.Path }

// Python reports whether the lesson races Python strategies.
func (l *Lesson) Python() bool { return l.Workload.Language() == lab.LangPython }

// Minutes sums the lessons' planned minutes.
func (w *Workshop) Minutes() int {
	n := 0
	for _, l := range w.Lessons {
		n += l.Minutes
	}
	return n
}

// An Option changes how a workshop file is read.
type Option func(*options)

type options struct{ withoutPython bool }

// WithoutPython leaves the file's Python lessons out before they are
// checked, for a machine with no Python to run them: a Python workload
// cannot be planned there. Workshop.LeftOut counts them.
func WithoutPython() Option { return func(o *options) { o.withoutPython = true } }

// Limits of a workshop file: a room has one key a choice, a through i, and
// a race is short enough to watch.
const (
	MaxChoices     = 9
	MaxLessons     = 50
	DefaultMaxTime = 20 * time.Second
	MaxMaxTime     = 10 * time.Minute
	DefaultMinutes = 6
	// DefaultQuestion is asked when a lesson names no question.
	DefaultQuestion = "Which strategy wins the race, and by about how much?"
)

//go:embed default.toml
var defaultFile []byte

// DefaultFile is the text of the default workshop, to start one of one's own
// from.
func DefaultFile() []byte { return bytes.Clone(defaultFile) }

// Default returns the default workshop, checked against the catalogue all.
func Default(all []*lab.Lab, opts ...Option) (*Workshop, error) {
	return Parse("the default workshop", defaultFile, all, opts...)
}

// Load reads and checks the workshop file at path against the catalogue all.
func Load(path string, all []*lab.Lab, opts ...Option) (*Workshop, error) {
	data, err := regular.Read(path, regular.TextLimit)
	if err != nil {
		return nil, fmt.Errorf("workshop file: %w", err)
	}
	return Parse(path, data, all, opts...)
}

// file is a workshop file as written.
type file struct {
	Title  string       `toml:"title"`
	Lesson []lessonFile `toml:"lesson"`
}

type lessonFile struct {
	Run        string         `toml:"run"`
	Strategies []string       `toml:"strategies"`
	Params     map[string]any `toml:"params"`
	MaxTime    string         `toml:"max_time"`
	Reps       int            `toml:"reps"`
	Minutes    *int           `toml:"minutes"`
	Text       string         `toml:"text"`
	Question   string         `toml:"question"`
	Why        string         `toml:"why"`
	Choice     []choiceFile   `toml:"choice"`
}

type choiceFile struct {
	Winner string `toml:"winner"`
	By     string `toml:"by"`
	Text   string `toml:"text"`
}

// Parse checks the workshop file data, named name in errors, against the
// catalogue all. The error is one line fit to show a person: where in the
// file, and what is wrong.
func Parse(name string, data []byte, all []*lab.Lab, opts ...Option) (*Workshop, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	var f file
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", name, decodeError(err))
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		return nil, fmt.Errorf("%s: %s", name, unknownKey(undecoded[0]))
	}
	if err := f.checkText(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	w := &Workshop{Title: strings.TrimSpace(f.Title)}
	if w.Title == "" {
		w.Title = "A perflab workshop"
	}
	switch {
	case len(f.Lesson) == 0:
		return nil, fmt.Errorf("%s: no lessons: add a [[lesson]] with run = \"LAB/WORKLOAD\"", name)
	case len(f.Lesson) > MaxLessons:
		return nil, fmt.Errorf("%s: %d lessons, more than the %d a workshop holds", name, len(f.Lesson), MaxLessons)
	}
	for i, lf := range f.Lesson {
		if o.withoutPython && isPython(all, lf.Run) {
			w.LeftOut++
			continue
		}
		l, err := lf.check(all)
		if err != nil {
			where := fmt.Sprintf("lesson %d", i+1)
			if lf.Run != "" {
				where += " (" + lf.Run + ")"
			}
			return nil, fmt.Errorf("%s: %s: %s", name, where, err)
		}
		w.Lessons = append(w.Lessons, l)
	}
	if len(w.Lessons) == 0 {
		return nil, fmt.Errorf("%s: every lesson races Python, and there is no Python to run them here", name)
	}
	return w, nil
}

// isPython reports whether run names a Python workload of the catalogue
// all; a name that is not in it is checked, and refused, as any other.
func isPython(all []*lab.Lab, run string) bool {
	_, wl, err := labs.LookupIn(all, strings.TrimSpace(run))
	return err == nil && wl.Language() == lab.LangPython
}

// decodeError says what is wrong with a file TOML cannot read into a
// workshop, in one line: where, and a value of the wrong kind in words.
func decodeError(err error) string {
	var perr toml.ParseError
	if errors.As(err, &perr) {
		return fmt.Sprintf("line %d: %s", perr.Position.Line, oneLine(perr.Message))
	}
	// A value of the wrong type is a plain error that says where in its
	// text: "toml: line 3 (last key "lesson.minutes"): incompatible types".
	if m := badType.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Sprintf("line %s: %s must be %s", m[1], m[2], kindOf(m[2]))
	}
	return oneLine(strings.TrimPrefix(err.Error(), "toml: "))
}

var badType = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]+)"\): incompatible types`)

// kindOf says what value a key of the file takes.
func kindOf(key string) string {
	switch key[strings.LastIndex(key, ".")+1:] {
	case "minutes", "reps":
		return "a whole number, such as 6"
	case "strategies":
		return `a list of strategies, such as ["slice", "map"]`
	case "params":
		return "a table of parameters, such as { n = 1000 }"
	case "lesson", "choice":
		return "written [[" + key + "]], once for each"
	}
	return `a string in quotes, such as "20s"`
}

// unknownKey names a key the file does not take, and the keys its table
// does take.
func unknownKey(k toml.Key) string {
	takes := "a workshop file takes title and [[lesson]]"
	switch {
	case len(k) > 1 && k[0] == "lesson" && k[1] == "choice":
		takes = "a choice takes winner, by and text"
	case len(k) > 2 && k[0] == "lesson" && k[1] == "params":
		takes = "params are the workload's, given as strings or numbers"
	case len(k) > 1 && k[0] == "lesson":
		takes = "a lesson takes run, strategies, params, max_time, reps, minutes, text, question, why and choice"
	}
	return fmt.Sprintf("unknown key %q (%s)", k.String(), takes)
}

// check turns one lesson as written into a lesson checked against the
// catalogue all: its race plans, and its choices name its strategies.
func (lf lessonFile) check(all []*lab.Lab) (*Lesson, error) {
	if strings.TrimSpace(lf.Run) == "" {
		return nil, errors.New(`name the race: run = "LAB/WORKLOAD" (see perflab list)`)
	}
	spec := labs.Spec{Path: strings.TrimSpace(lf.Run), Strategies: lf.Strategies, Params: map[string]string{}}
	for k, v := range lf.Params {
		s, err := paramText(v)
		if err != nil {
			return nil, fmt.Errorf("param %s: %w", k, err)
		}
		spec.Params[k] = s
	}
	spec.Config.MaxTime = DefaultMaxTime
	if lf.MaxTime != "" && lf.Reps != 0 {
		return nil, errors.New("set reps (a fixed design) or max_time (a race until decided), not both")
	}
	if lf.MaxTime != "" {
		d, err := time.ParseDuration(lf.MaxTime)
		if err != nil || d <= 0 || d > MaxMaxTime {
			return nil, fmt.Errorf("max_time must be a duration above 0 and at most %v, such as \"20s\", got %q", MaxMaxTime, lf.MaxTime)
		}
		spec.Config.MaxTime = d
	}
	spec.Config.Reps = lf.Reps
	plan, err := spec.PlanIn(all)
	if err != nil {
		return nil, err
	}
	if len(plan.Names) < 2 {
		return nil, errors.New("a race needs two strategies at least: a baseline and one to compare with it")
	}
	l := &Lesson{
		Lab: plan.Lab, Workload: plan.Workload, Spec: spec, Names: plan.Names,
		Minutes: DefaultMinutes, Text: strings.TrimSpace(lf.Text),
		Question: strings.TrimSpace(lf.Question), Why: strings.TrimSpace(lf.Why),
		Commands: Commands(plan),
	}
	if lf.Minutes != nil {
		if *lf.Minutes < 0 || *lf.Minutes > 600 {
			return nil, fmt.Errorf("minutes must be from 0 to 600, got %d", *lf.Minutes)
		}
		l.Minutes = *lf.Minutes
	}
	if l.Text == "" {
		l.Text = plan.Lab.Title + ": " + plan.Workload.Title + "."
	}
	if l.Question == "" {
		l.Question = DefaultQuestion
	}
	if l.Why == "" {
		l.Why = plan.Workload.Lesson
	}
	if l.Choices, err = checkChoices(lf.Choice, plan.Names); err != nil {
		return nil, err
	}
	return l, nil
}

// checkChoices checks the choices as written against the race's strategy
// names, or makes the default ones when none is written.
func checkChoices(cfs []choiceFile, names []string) ([]Choice, error) {
	if len(cfs) == 0 {
		cs := []Choice{{Winner: NoWinner}}
		for _, n := range names {
			cs = append(cs, Choice{Winner: n})
		}
		if len(cs) > MaxChoices {
			cs = cs[:MaxChoices]
		}
		return cs, nil
	}
	if len(cfs) < 2 || len(cfs) > MaxChoices {
		return nil, fmt.Errorf("a question has 2 to %d choices, got %d", MaxChoices, len(cfs))
	}
	var cs []Choice
	for i, cf := range cfs {
		c := Choice{Winner: strings.TrimSpace(cf.Winner), Text: strings.TrimSpace(cf.Text)}
		if c.Winner == "" {
			return nil, fmt.Errorf("choice %d: name its winner, a strategy (%s) or %q", i+1, strings.Join(names, ", "), NoWinner)
		}
		if c.Winner != NoWinner && !slices.Contains(names, c.Winner) {
			return nil, fmt.Errorf("choice %d: winner %q is not in the race (%s, or %q)", i+1, c.Winner, strings.Join(names, ", "), NoWinner)
		}
		if cf.By != "" {
			if c.Winner == NoWinner {
				return nil, fmt.Errorf("choice %d: %q has no speed-up to bound: drop by", i+1, NoWinner)
			}
			r, err := ParseRange(cf.By)
			if err != nil {
				return nil, fmt.Errorf("choice %d: %w", i+1, err)
			}
			c.By = r
		}
		for j, d := range cs {
			if d.Winner == c.Winner && (c.By.IsZero() || d.By.IsZero() || c.By.Overlaps(d.By)) {
				return nil, fmt.Errorf("choices %d and %d could both be right (%s; %s): give one winner ranges that do not overlap", j+1, i+1, d.Label(), c.Label())
			}
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// paramText writes a parameter's TOML value as perflab run --param takes it.
func paramText(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case int64, float64, bool:
		return fmt.Sprint(v), nil
	}
	return "", fmt.Errorf("must be a number or a string, got %T", v)
}

// oneLine folds a multi-line message into one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
