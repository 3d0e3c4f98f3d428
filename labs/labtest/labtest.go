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
	env := lab.NewEnv(ctx, v)
	subjects, err := build(env, w)
	if err != nil {
		return nil, nil, errors.Join(err, env.Close())
	}
	run, err := measure.Start(ctx, cfg, subjects)
	if err != nil {
		for _, s := range subjects {
			if s.Close != nil {
				err = errors.Join(err, s.Close())
			}
		}
		return nil, nil, errors.Join(err, env.Close())
	}
	wait := func() (*measure.Report, error) {
		rep, err := run.Wait()
		return rep, errors.Join(err, env.Close())
	}
	return run, wait, nil
}

func build(env *lab.Env, w *lab.Workload) ([]*measure.Subject, error) {
	if w.Prepare != nil {
		fx, err := w.Prepare(env)
		if err != nil {
			return nil, err
		}
		env.Fixture = fx
	}
	var subjects []*measure.Subject
	for _, st := range w.Strategies {
		s, err := st.New(env)
		if err != nil {
			for _, b := range subjects {
				if b.Close != nil {
					err = errors.Join(err, b.Close())
				}
			}
			return nil, err
		}
		s.Name = st.ID
		subjects = append(subjects, s)
	}
	return subjects, nil
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

// WaitFor polls cond until it holds, failing the test after a generous
// deadline: tests wait for a condition, never for a fixed time.
func WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}
