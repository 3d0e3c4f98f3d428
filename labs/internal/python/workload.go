package python

import (
	"io/fs"
	"maps"
	"path"
	"strings"
	"time"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// A Strategy names one bench_* of a lab's module and says how a lab shows it.
type Strategy struct {
	ID, Title, Help string
	// Bench is the module's name for it: "bench_set".
	Bench string
}

// Strategies returns lab strategies that run the benches of m, each in a
// worker of its own, with the workload's parameters passed to setup, and
// those of its fixture if it is a Fixture. The strategies of one run that
// do about the same work are timed the same way (see calibrate).
func Strategies(m Module, o Options, ss ...Strategy) []lab.Strategy {
	books := &modeBooks{}
	out := make([]lab.Strategy, len(ss))
	for i, s := range ss {
		out[i] = lab.Strategy{ID: s.ID, Title: s.Title, Help: s.Help, New: func(env *lab.Env) (*measure.Subject, error) {
			params := Params(env.Params)
			if fx, ok := env.Fixture.(Fixture); ok {
				maps.Copy(params, fx.PythonParams())
			}
			return newSubject(env.Ctx, m, s.Bench, params, o, books.of(env))
		}}
	}
	return out
}

// A Fixture is what a workload's Prepare built in Go for its Python
// strategies, such as a loopback server: PythonParams are what setup is
// told of it, beside the workload's parameters ({"url": ...}).
type Fixture interface {
	PythonParams() map[string]any
}

// Params returns a workload's values as setup(params) receives them:
// numbers, booleans and text as they are, durations in seconds, the unit
// of time.sleep and of Python's clocks.
func Params(v lab.Values) map[string]any {
	out := make(map[string]any, len(v))
	for k, x := range v {
		if d, ok := x.(time.Duration); ok {
			out[k] = d.Seconds()
			continue
		}
		out[k] = x
	}
	return out
}

// Embedded returns the module in file of fsys, a lab package's embedded
// Python files; its import name is the file's name without .py. The files
// are compiled into the program, so a missing one is a defect of the
// build: Embedded panics on it, and every test that lists the labs fails.
func Embedded(fsys fs.FS, file string) Module {
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		panic("python: no embedded module " + file + ": " + err.Error())
	}
	return Module{Name: strings.TrimSuffix(path.Base(file), ".py"), Source: b}
}
