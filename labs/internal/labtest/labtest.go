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
