package measure

import (
	"testing"
	"time"
)

// TestClosedLoopRepetitionEndsAtItsOperationBound shares an operation bound
// among three workers, with a time bound the run would never reach.
func TestClosedLoopRepetitionEndsAtItsOperationBound(t *testing.T) {
	cfg := Config{Reps: 2, RepDuration: time.Hour, RepOps: 30, Workers: 3}
	rep := runToEnd(t, cfg, []*Subject{{Name: "bounded", Loop: tinyLoop(), Batch: BatchNever}})
	for i, r := range rep.Strategies[0].Reps {
		if r.Ops != 30 {
			t.Errorf("rep %d: %d operations, want the bound of 30", i, r.Ops)
		}
	}
}
