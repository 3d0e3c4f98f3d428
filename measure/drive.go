package measure

import (
	"context"
	"sync/atomic"
)

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
		}
		if stop.Load() || ctx.Err() != nil {
			return
		}
	}
}
