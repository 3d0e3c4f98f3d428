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
	"github.com/perflab/perflab/measure/measuretest"
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
	env := measuretest.CloseAtEnd(t, lab.NewEnv(ctx, v), nil)
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

// A Running is a run under way, the engine's or a lab plan's: its live
// snapshots, then its report.
type Running interface {
	Snapshots() <-chan measure.Snapshot
	Wait() (*measure.Report, error)
}

// Finish reads r's snapshots until they end, as a front end does, and
// returns its report, failing the test if the run fails.
func Finish(t testing.TB, r Running) *measure.Report {
	t.Helper()
	for range r.Snapshots() {
	}
	rep, err := r.Wait()
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// Subject returns the subject strategy st builds on env, ending the test
// if it cannot build one.
func Subject(t testing.TB, st lab.Strategy, env *lab.Env) *measure.Subject {
	t.Helper()
	s, err := st.New(env)
	if err != nil {
		t.Fatal(err)
	}
	return s
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

// Cancel starts w with params and cfg, waits for the run to be under way
// and for ready to hold of the fixture it shares, then cancels it: the run
// must end with context.Canceled and a partial report. The fixture lets
// ready see the run from inside (requests at its loopback backend, say), so
// that the cancel lands mid-operation: Cancel wraps w's Prepare to keep it.
// It is nil for a workload without a Prepare.
func Cancel(t testing.TB, w *lab.Workload, params map[string]string, cfg measure.Config, what string, ready func(fixture any) bool) {
	t.Helper()
	var fx any
	if prepare := w.Prepare; prepare != nil {
		w.Prepare = func(env *lab.Env) (any, error) {
			f, err := prepare(env)
			fx = f
			return f, err
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	run, wait, err := Start(ctx, w, params, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ended := false
	defer func() {
		if !ended {
			// The wait below failed the test: end the run all the same,
			// so that it does not outlive the test. Its error is no news.
			cancel()
			_, _ = wait()
		}
	}()
	<-run.Snapshots() // the run is under way
	measuretest.WaitFor(t, what, func() bool { return ready(fx) })
	cancel()
	rep, err := wait()
	ended = true
	if !errors.Is(err, context.Canceled) || rep == nil || !rep.Cancelled {
		t.Fatalf("cancelled run returned %v, cancelled=%v; want context.Canceled and a partial report", err, rep != nil && rep.Cancelled)
	}
}
