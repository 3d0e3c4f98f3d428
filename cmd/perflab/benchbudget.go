package main

import (
	"time"

	"github.com/perflab/perflab/measure"
)

// minBenchShare is the least time a benchmark is given when the run's
// budget is nearly spent: the engine needs a positive budget, and a
// benchmark given less than this would end after its warm-up, which says
// nothing. A run may overrun --max-time by at most this much for each
// benchmark left when the budget ran out.
const minBenchShare = time.Second

// A benchBudget shares one time budget among the benchmarks of a bench run.
// The benchmarks race one after the other, each until it is decided or its
// share ends, and a share is what is left of the budget divided by the
// benchmarks still to race: a benchmark decided early leaves its unused
// time to the ones after it, and one that needs all its share takes no
// more. The benchmarks race one at a time, not round-robin, because two
// benchmarks interleaved would each see the other's effect on the machine
// (its caches, its frequency) in its rounds; one benchmark's revisions
// are interleaved with each other, which is what its verdict rests on.
type benchBudget struct {
	left time.Duration
	// cases is how many benchmarks are still to race.
	cases int
}

// newBenchBudget shares total among cases benchmarks.
func newBenchBudget(total time.Duration, cases int) *benchBudget {
	return &benchBudget{left: total, cases: cases}
}

// share is the budget of the next benchmark to race.
func (b *benchBudget) share() time.Duration {
	if b.cases <= 0 {
		return max(minBenchShare, b.left)
	}
	return max(minBenchShare, b.left/time.Duration(b.cases))
}

// spend takes what one benchmark's race took off the budget.
func (b *benchBudget) spend(took time.Duration) {
	b.left = max(0, b.left-took)
	b.cases--
}

// How a benchmark's race ended, for the results of a bench run.
const (
	stoppedDecided   = "decided"
	stoppedBudget    = "budget"
	stoppedRounds    = "rounds"
	stoppedCancelled = "cancelled"
)

// benchStopped says how the race of rep ended: every comparison decided,
// its share of the budget spent first, its fixed rounds run, or a cancel.
func benchStopped(rep *measure.Report) string {
	switch {
	case rep.Cancelled:
		return stoppedCancelled
	case rep.Design != "sequential":
		return stoppedRounds
	}
	for _, s := range rep.Strategies {
		if c := s.VsBaseline; c != nil && !c.Decided {
			return stoppedBudget
		}
	}
	return stoppedDecided
}
