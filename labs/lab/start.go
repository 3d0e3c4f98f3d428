package lab

import (
	"context"
	"errors"
	"fmt"

	"github.com/perflab/perflab/measure"
)

// Start builds the workload's fixture at values and one subject per
// strategy, named by names, then starts the engine on them with cfg. It
// returns the engine's run and the Env to close once the run has ended. If
// anything fails, what was built is released before Start returns.
func Start(ctx context.Context, w *Workload, strategies []*Strategy, names []string, values Values, cfg measure.Config) (*measure.Run, *Env, error) {
	env := NewEnv(ctx, values)
	env.RepDuration = cfg.RepDuration
	subjects, err := build(env, w, strategies, names)
	if err != nil {
		return nil, nil, errors.Join(err, env.Close())
	}
	mr, err := measure.Start(ctx, cfg, subjects)
	if err != nil {
		return nil, nil, errors.Join(err, closeAll(subjects), env.Close())
	}
	return mr, env, nil
}

// build prepares the workload's fixture and every strategy's subject,
// closing what was built if one fails.
func build(env *Env, w *Workload, strategies []*Strategy, names []string) ([]*measure.Subject, error) {
	if w.Prepare != nil {
		fx, err := w.Prepare(env)
		if err != nil {
			return nil, fmt.Errorf("prepare %s: %w", w.ID, err)
		}
		env.Fixture = fx
	}
	subjects := make([]*measure.Subject, 0, len(strategies))
	for i, st := range strategies {
		s, err := st.New(env)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("strategy %s: %w", st.ID, err), closeAll(subjects))
		}
		s.Name = names[i]
		switch {
		case w.Fresh:
			s.Fresh = func(context.Context) (*measure.Subject, error) { return st.New(env) }
		case w.Kept != "" && s.Fresh == nil:
			// The workload knows best: a person's own command or
			// service is theirs, and perflab does not build it again.
			// A strategy that builds its own fresh instances keeps
			// them (a person's Python file, imported again in a fresh
			// worker).
			s.Kept = w.Kept
		}
		subjects = append(subjects, s)
	}
	return subjects, nil
}

// closeAll closes every subject that has a Close and joins their errors.
func closeAll(subjects []*measure.Subject) error {
	var errs []error
	for _, s := range subjects {
		if s.Close != nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(errs...)
}
