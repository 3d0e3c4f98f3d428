// Package lab defines what a lab is: its workloads, their parameters and the
// strategies they compare. Each lab lives in a package of its own under labs/
// and is listed, in lesson order, by the labs catalogue.
package lab

import (
	"context"
	"fmt"
	"time"

	"github.com/perflab/perflab/measure"
)

// A Lab is one lesson: a way to make an application faster; or, after
// them, "your own", whose workloads race what a person typed.
type Lab struct {
	// Own says the lab is "your own": it races what a person typed and
	// teaches no way of its own. A front end reads it, rather than
	// count lessons or know labs by name.
	Own bool
	// Number is the lab's place in the lesson order, from 1.
	Number int
	// ID is the lab's name on the command line ("data-structures").
	ID string
	// Title is the lesson in one line ("Big O stings").
	Title string
	// Lesson is the longer text for a learner: what the lab shows, what
	// to predict and what to look at.
	Lesson string
	// Workloads are the lab's experiments. A lab with none is not built
	// yet and cannot be run.
	Workloads []*Workload
}

// Runnable reports whether the lab has a workload to run.
func (l *Lab) Runnable() bool { return len(l.Workloads) > 0 }

// Workload returns the workload with the given id.
func (l *Lab) Workload(id string) (*Workload, error) {
	for _, w := range l.Workloads {
		if w.ID == id {
			return w, nil
		}
	}
	if !l.Runnable() {
		return nil, fmt.Errorf("lab %s is not built yet", l.ID)
	}
	return nil, fmt.Errorf("lab %s has no workload %q (it has %s)", l.ID, id, joinIDs(l.Workloads, func(w *Workload) string { return w.ID }))
}

// A Workload is one experiment of a lab: a task, its parameters and the
// strategies that compete at it.
type Workload struct {
	ID    string
	Title string
	// Lang is the language the strategies run in: LangGo (the default,
	// when empty) or LangPython.
	Lang string
	// FileParam, when set, names the parameter that holds the path of a
	// Python file whose bench_* functions become the workload's
	// strategies once read (labs.PythonFile, labs.WithPythonFile).
	FileParam string
	// Lesson says what to predict, what to look at and why it comes out
	// that way. A lesson package leaves it empty: New reads it from the
	// Markdown file named after the workload's ID.
	Lesson string
	Params []Param
	// Strategies are listed baseline first.
	Strategies []Strategy
	// Check, if set, vets parameters against each other once each is
	// valid on its own, so that a combination that cannot run is refused
	// before anything starts. The error is one line fit to show a person.
	Check func(v Values) error
	// CheckChosen, if set, vets the strategies chosen (by id) against the
	// parameters once Check has passed, for a workload whose strategies
	// need something typed (a command, a URL): a blank or bad one is
	// refused before anything starts, not when its subject is built.
	CheckChosen func(v Values, strategies []string) error
	// Config, if set, adjusts the engine's configuration for this
	// workload once parameters are known (an arrival rate, workers).
	Config func(v Values, c *measure.Config)
	// Prepare, if set, builds what every strategy of one run shares (the
	// keys to look up, a loopback server). Its result is Env.Fixture.
	Prepare func(env *Env) (any, error)
	// Fresh says a strategy's set-up may be repeated during a run: its
	// New builds memory only (a map from the fixture's keys, a copy of
	// the input), so the engine calls it again every block of rounds for
	// a fresh instance (see measure.Subject.Fresh), and a verdict is about
	// the strategy, not one instance of it. A workload whose set-up
	// starts what the run shares, or whose state is what it measures,
	// leaves it false and says why in Kept.
	Fresh bool
	Kept  measure.Kept
	// Profile says what a profile of the strategies shows (see
	// Profiling): their own work unless set.
	Profile Profiling
}

// The languages a workload's strategies run in.
const (
	LangGo     = "go"
	LangPython = "python"
)

// Language returns the workload's Lang, LangGo when it is not set.
func (w *Workload) Language() string {
	if w.Lang == "" {
		return LangGo
	}
	return w.Lang
}

// Strategy returns the workload's strategy with the given id.
func (w *Workload) Strategy(id string) (*Strategy, error) {
	for i := range w.Strategies {
		if w.Strategies[i].ID == id {
			return &w.Strategies[i], nil
		}
	}
	return nil, fmt.Errorf("workload %s has no strategy %q (it has %s)", w.ID, id, joinIDs(w.Strategies, func(s Strategy) string { return s.ID }))
}

// Param returns the workload's parameter with the given name.
func (w *Workload) Param(name string) (*Param, bool) {
	for i := range w.Params {
		if w.Params[i].Name == name {
			return &w.Params[i], true
		}
	}
	return nil, false
}

// A Strategy is one way to do a workload's task.
type Strategy struct {
	ID    string
	Title string
	// Help says in a line what the strategy does.
	Help string
	// New builds the strategy's measurement subject. Everything it starts
	// is released by the subject's Close or by a function given to
	// env.OnClose.
	New func(env *Env) (*measure.Subject, error)
}

// An Env is what a strategy is built from: the run's context, its validated
// parameters and the workload's shared fixture.
type Env struct {
	Ctx     context.Context
	Params  Values
	Fixture any
	// RepDuration is the engine's bound on one repetition, for a subject
	// whose one batch is a whole repetition run elsewhere (a fleet of
	// load generators, each told how long to run); 0 before Start.
	RepDuration time.Duration
	closers     []func() error
}

// NewEnv returns an Env for one run.
func NewEnv(ctx context.Context, v Values) *Env { return &Env{Ctx: ctx, Params: v} }

// OnClose registers f to run when the run ends, after every subject is
// closed, in reverse order of registration.
func (e *Env) OnClose(f func() error) { e.closers = append(e.closers, f) }

// Close runs the functions given to OnClose, last first, and returns the
// first error.
func (e *Env) Close() error {
	var first error
	for i := len(e.closers) - 1; i >= 0; i-- {
		if err := e.closers[i](); err != nil && first == nil {
			first = err
		}
	}
	e.closers = nil
	return first
}

func joinIDs[T any](xs []T, id func(T) string) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += ", "
		}
		s += id(x)
	}
	return s
}
