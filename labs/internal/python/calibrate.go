package python

import (
	"context"
	"slices"
	"sync"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// An operation is timed on its own or in batches (tinyOp), and the two
// modes do not read alike: timed alone, an operation of about 30 µs read
// 2 % slower than in batches (60 interleaved pairs, median ratio 1.020).
// So two strategies doing the same work must get the same mode, or an A/A
// race finds the mode's difference. The mode used to be decided from the
// best of three cold calls, which on a loaded machine read such an
// operation at 50 to 190 µs one time in a few, and the identical twin of a
// strategy batched by 40 was timed alone. The decision is now made on warm
// calls, from the best of many (load only ever adds time, so the least is
// the steadiest figure), and the strategies of one run whose operations
// are within a factor of each other take the mode of the first of them
// (modeBook).
const (
	// surelyTiny is a cold best of three so far under tinyOp that no
	// warm figure could bring the operation near it: it is batched
	// without further calls.
	surelyTiny = tinyOp / 4
	// surelyLong is a cold best of three so far over tinyOp that no load
	// could explain it, once three more calls confirm it (recheckLong):
	// the operation is timed alone without warm calls, which would each
	// cost as long.
	surelyLong = 40 * tinyOp
	// recheckLong bounds the cold best of three that is timed again
	// before the operation is taken for surelyLong: all three cold calls
	// of a 50 µs operation read over 2 ms once, a test's worker beside
	// the whole suite on 2 cores, and a new worker's first calls can be
	// slow for reasons of their own. Three more calls of an operation
	// under it cost at most three times as much.
	recheckLong = 400 * tinyOp
	// warmCalls is the least number of single calls run warm to decide
	// the mode; the best of the latter half decides.
	warmCalls = 16
	// sameWork is the factor within which two strategies' warm times are
	// taken for the same work, near enough to share a mode: two strategies
	// on either side of tinyOp within it are both between tinyOp/2 and
	// 2*tinyOp, where either mode times well (alone, the timing reads
	// under 0.5 % of the operation; batched, ten and more a batch).
	sameWork = 2
)

// calibrate decides how s times an operation, alone or in batches (see
// above), and sizes the batch as the engine sizes a Go operation's, with
// the bounds of subject.go: an operation under tinyOp is timed in batches
// grown by measure.NextBatch until one takes batchGoal, then grown again
// after running warm. The times are the worker's own, so the pipe's round
// trip does not make an operation look slow. It all runs before the run's
// clock starts, under the run's context and so within its time bound.
func (s *subject) calibrate(ctx context.Context, book *modeBook) error {
	d, err := s.time(ctx, 1, 3) // the best of three: one cold call must not decide
	if err != nil {
		return err
	}
	if surelyLong <= d && d < recheckLong {
		best, err := s.time(ctx, 1, 3)
		if err != nil {
			return err
		}
		d = min(d, best)
	}
	if surelyTiny <= d && d < surelyLong {
		if d, err = s.warmSingle(ctx, d); err != nil {
			return err
		}
	}
	s.batchNs = float64(d)
	if book.solo(d) {
		return nil
	}
	n, err := s.grow(ctx, 1, d)
	if err != nil {
		return err
	}
	d, err = s.time(ctx, n, 1)
	if err != nil {
		return err
	}
	// Run warm, then size the batch again from there.
	if _, err := s.run(ctx, n, int(calibrationWarmup/max(d, 1))+1); err != nil {
		return err
	}
	if d, err = s.time(ctx, n, 1); err != nil {
		return err
	}
	if s.batch, err = s.grow(ctx, n, d); err != nil {
		return err
	}
	d, err = s.time(ctx, s.batch, 3)
	s.batchNs = float64(d)
	return err
}

// warmSingle runs single calls for about calibrationWarmup, at least
// warmCalls of them, and returns the best time of the latter half, by
// which the adaptive interpreter has specialised the code and the caches
// hold its data. cold is the best of the cold calls, which sizes the run.
func (s *subject) warmSingle(ctx context.Context, cold int64) (int64, error) {
	k := max(int(calibrationWarmup/max(cold, 1)), warmCalls)
	ns, err := s.run(ctx, 1, k)
	if err != nil {
		return 0, err
	}
	if len(ns) == 0 {
		return cold, nil
	}
	return slices.Min(ns[len(ns)/2:]), nil
}

func (s *subject) grow(ctx context.Context, n int, d int64) (int, error) {
	for {
		if d >= batchGoal {
			// Confirm with the best of two more: a preemption can make
			// one batch look long enough when it is not.
			best, err := s.time(ctx, n, 2)
			if err != nil {
				return 0, err
			}
			if d = min(d, best); d >= batchGoal {
				return n, nil
			}
		}
		n = measure.NextBatch(batchGoal, n, d)
		var err error
		if d, err = s.time(ctx, n, 1); err != nil {
			return 0, err
		}
	}
}

// A modeBook holds the modes the strategies of one run were given, with
// the warm time of an operation each was decided on, so that a strategy
// doing the same work as an earlier one (within sameWork) is given the
// same mode, even where noise puts the two on either side of tinyOp. A
// nil book decides by tinyOp alone.
type modeBook struct {
	mu    sync.Mutex
	taken []modeTaken
}

type modeTaken struct {
	ns   int64
	solo bool
}

// solo says whether an operation of a warm time of ns is timed alone, and
// writes it in the book.
func (b *modeBook) solo(ns int64) bool {
	if b == nil {
		return ns >= tinyOp
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	solo := ns >= tinyOp
	for _, t := range b.taken {
		if ns <= sameWork*t.ns && t.ns <= sameWork*ns {
			solo = t.solo
			break
		}
	}
	b.taken = append(b.taken, modeTaken{ns, solo})
	return solo
}

// modeBooks keeps one modeBook a run (a lab.Env) for the strategies of one
// module, dropped when the run's Env closes.
type modeBooks struct {
	mu   sync.Mutex
	runs map[*lab.Env]*modeBook
}

func (bs *modeBooks) of(env *lab.Env) *modeBook {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if b, ok := bs.runs[env]; ok {
		return b
	}
	if bs.runs == nil {
		bs.runs = map[*lab.Env]*modeBook{}
	}
	b := &modeBook{}
	bs.runs[env] = b
	env.OnClose(func() error {
		bs.mu.Lock()
		defer bs.mu.Unlock()
		delete(bs.runs, env)
		return nil
	})
	return b
}
