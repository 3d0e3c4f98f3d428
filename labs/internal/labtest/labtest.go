// Package labtest runs a lab's workload through the engine for a test,
// without the catalogue: a lab's tests stay independent of every other lab.
package labtest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// Quick is a short configuration: two measured repetitions of 5 ms.
var Quick = measure.Config{Reps: 2, RepDuration: 5 * time.Millisecond}

// Start builds every strategy of w with params set and starts the engine on
// them with cfg, adjusted by the workload's Config hook. It returns the run
// and a function that waits for its report and releases the lab's
// environment.
func Start(ctx context.Context, w *lab.Workload, params map[string]string, cfg measure.Config) (*measure.Run, func() (*measure.Report, error), error) {
	v, err := w.Parse(params)
	if err != nil {
		return nil, nil, err
	}
	if w.Config != nil {
		w.Config(v, &cfg)
	}
	strategies := make([]*lab.Strategy, len(w.Strategies))
	names := make([]string, len(w.Strategies))
	for i := range w.Strategies {
		strategies[i], names[i] = &w.Strategies[i], w.Strategies[i].ID
	}
	run, env, err := lab.Start(ctx, w, strategies, names, v, cfg)
	if err != nil {
		return nil, nil, err
	}
	wait := func() (*measure.Report, error) {
		rep, err := run.Wait()
		return rep, errors.Join(err, env.Close())
	}
	return run, wait, nil
}

// Env parses params for w, makes the Env of a run under ctx and builds the
// workload's fixture into it, as a run would before it builds a strategy,
// failing the test on error. The Env is closed when the test ends; a test
// that checks what Close returns may close it first.
func Env(t testing.TB, ctx context.Context, w *lab.Workload, params map[string]string) *lab.Env {
	t.Helper()
	v, err := w.Parse(params)
	if err != nil {
		t.Fatal(err)
	}
	env := lab.NewEnv(ctx, v)
	t.Cleanup(func() {
		if err := env.Close(); err != nil {
			t.Error(err)
		}
	})
	if w.Prepare != nil {
		if env.Fixture, err = w.Prepare(env); err != nil {
			t.Fatal(err)
		}
	}
	return env
}

// Run runs w to the end and returns its report, failing the test on error.
func Run(t testing.TB, w *lab.Workload, params map[string]string, cfg measure.Config) *measure.Report {
	t.Helper()
	_, wait, err := Start(context.Background(), w, params, cfg)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := wait()
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// Result returns the strategy named name from rep, failing the test if it
// is missing.
func Result(t testing.TB, rep *measure.Report, name string) *measure.Result {
	t.Helper()
	for _, s := range rep.Strategies {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no strategy %s in the report", name)
	return nil
}

// Fixture makes w's Prepare hand the fixture it builds to the test as
// well, so that a test can look into what a run shares (its loopback
// backend, say). The function it returns gives the fixture of the last run
// built from w, nil before the first.
func Fixture(w *lab.Workload) func() any {
	var fx any
	prepare := w.Prepare
	w.Prepare = func(env *lab.Env) (any, error) {
		f, err := prepare(env)
		fx = f
		return f, err
	}
	return func() any { return fx }
}
