package measure

import (
	"context"
	"errors"
	"sync/atomic"
)

// Fatal marks an error of a Drive subject as the end of the run: the
// subject cannot go on (the server it works through is gone), so the run
// stops at once with this error instead of counting a failed batch and
// trying the next, which would fail the same way.
func Fatal(err error) error { return &fatalError{err} }

type fatalError struct{ err error }

func (e *fatalError) Error() string { return e.err.Error() }
func (e *fatalError) Unwrap() error { return e.err }

// drive runs whole batches of a Drive subject until stop is set: the batch
// under way when the deadline passes is finished, so that a repetition is
// always a whole number of batches.
func (st *subjectState) drive(ctx context.Context, stop *atomic.Bool) {
	for {
		if err := st.s.Drive(ctx, st.recs); err != nil {
			if ctx.Err() != nil {
				return
			}
			st.recs[0].Error()
			st.fail(err)
			if errors.As(err, new(*fatalError)) {
				st.fatal = err
				return
			}
		}
		if stop.Load() || ctx.Err() != nil {
			return
		}
	}
}
