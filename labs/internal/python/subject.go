package python

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/perflab/perflab/measure"
)

// Options say what a Python subject measures beside time.
type Options struct {
	// Memory measures, after the run, the peak of traced memory one
	// operation reaches (tracemalloc), reported as peak_kib_per_op.
	Memory bool
	// PerOp times every operation on its own, however fast: for
	// operations whose latency spread is the lesson.
	PerOp bool
	// Fresh builds each strategy afresh every block of rounds (see
	// measure.Subject.Fresh): another worker process, setup run again.
	// Two processes holding the same set differ by a few per cent (where
	// their memory lies), so without it an A/A race of one strategy says
	// faster or slower one run in two. Set it where setup builds data
	// only; not where it starts threads or servers, nor where a cache's
	// warming is what is measured.
	Fresh bool
}

// One Drive asks the worker for about three hundred round trips of an
// order (the two wake-ups of a pipe's conversation, from tens to hundreds
// of microseconds depending on the machine) worth of work, within bounds,
// so that the conversation costs little of the time measured and a
// repetition still ends close to its deadline. Measured on a busy two-core
// machine, x in s in batches of a millisecond: with 10 ms per Drive the
// repetitions' wall time per operation was about 9 % above the worker's
// own timing of its batches; with 30 ms or more, 4 to 6 %.
const (
	tripsPerDrive  = 300
	minDriveBudget = 30 * time.Millisecond
	maxDriveBudget = 100 * time.Millisecond
)

// The engine batches Go operations under a microsecond into batches of at
// least 10 µs; a Python worker's clock costs far more than Go's, so its
// bounds are scaled to what its timing costs. Measured on CPython 3.11
// (the worker's loop with an empty statement): timed one at a time, an
// operation costs 406 ns of wall time and reads as 100 ns; in batches of a
// thousand, 9.0 ns and 8.4 ns; in one batch of a million, 7.0 ns. So an
// operation is timed on its own only from 50 µs, where the timing costs
// under one percent, and a batch lasts at least a millisecond, where its
// own cost (about a microsecond) is a thousandth.
const (
	tinyOp    = int64(50 * time.Microsecond)
	batchGoal = int64(time.Millisecond)
	// calibrationWarmup is how long calibration runs a batch warm, as
	// the engine's does, before it sizes the batch for good: the adaptive
	// interpreter specialises a loop once it has run a while.
	calibrationWarmup = int64(10 * time.Millisecond)
)

// subject drives one worker that has one strategy set up.
type subject struct {
	p *Proc
	// batch is how many operations one timed batch holds; 1 times every
	// operation on its own.
	batch int
	// batchNs is the latest mean time of one batch, from which the next
	// Drive's number of batches is sized.
	batchNs float64
	// budget is how long one Drive asks the worker to work.
	budget time.Duration
	enters int
	// cut counts the orders an end of the run (a cancel, its time bound)
	// stopped while the worker ran them; the worker is killed then.
	cut int
}

// NewSubject starts a worker on m, sets strategy up with params (setup
// runs here, outside any timing), calibrates its batch size, and returns the
// subject that drives it. Cancelling ctx kills the worker.
func NewSubject(ctx context.Context, m Module, strategy string, params map[string]any, o Options) (*measure.Subject, error) {
	return newSubject(ctx, m, strategy, params, o, nil)
}

// newSubject is NewSubject with the book of the modes the run's other
// strategies were given (see calibrate), or nil.
func newSubject(ctx context.Context, m Module, strategy string, params map[string]any, o Options, book *modeBook) (*measure.Subject, error) {
	p, _, err := Start(ctx, m)
	if err != nil {
		return nil, err
	}
	s := &subject{p: p, batch: 1, budget: minDriveBudget}
	if err := s.prepare(ctx, strategy, params, o, book); err != nil {
		return nil, errors.Join(err, p.Close())
	}
	ms := s.measured(o)
	if o.Fresh {
		ms.Fresh = func(ctx context.Context) (*measure.Subject, error) { return s.fresh(ctx, m, strategy, params, o) }
	} else {
		// The Python process and what setup built in it serve the run.
		ms.Kept = measure.KeptShared
	}
	return ms, nil
}

// measured is the engine's subject of s.
func (s *subject) measured(o Options) *measure.Subject {
	return &measure.Subject{
		Drive:    s.drive,
		Enter:    s.enter,
		External: true,
		Profiler: profiler(s.p),
		Metrics:  func() map[string]float64 { return s.metrics(o) },
		Close:    s.p.Close,
	}
}

// fresh starts another worker with strategy set up afresh, a new instance
// of it: another process, its memory laid out anew, its objects built
// again by setup. It keeps s's calibration (the batch and the budget of a
// Drive), which is the strategy's, not the instance's: calibrating again
// would cost the time of the run every block, and could give one strategy
// another mode (see calibrate) from one block to the next.
func (s *subject) fresh(ctx context.Context, m Module, strategy string, params map[string]any, o Options) (*measure.Subject, error) {
	p, _, err := Start(ctx, m)
	if err != nil {
		return nil, err
	}
	f := &subject{p: p, batch: s.batch, batchNs: s.batchNs, budget: s.budget}
	if err := p.call(ctx, map[string]any{"cmd": "setup", "strategy": strategy, "params": params}, &struct{}{}); err != nil {
		return nil, errors.Join(err, p.Close())
	}
	return f.measured(o), nil
}

func (s *subject) prepare(ctx context.Context, strategy string, params map[string]any, o Options, book *modeBook) error {
	if err := s.p.call(ctx, map[string]any{"cmd": "setup", "strategy": strategy, "params": params}, &struct{}{}); err != nil {
		return err
	}
	if err := s.sizeBudget(ctx); err != nil {
		return err
	}
	if o.PerOp {
		ns, err := s.time(ctx, 1, 1)
		s.batchNs = float64(ns)
		return err
	}
	return s.calibrate(ctx, book)
}

// sizeBudget times the round trip of an empty order, the median of five,
// and sizes a Drive's work from it.
func (s *subject) sizeBudget(ctx context.Context) error {
	trips := make([]time.Duration, 5)
	for i := range trips {
		t0 := time.Now()
		if err := s.p.call(ctx, map[string]any{"cmd": "ping"}, &struct{}{}); err != nil {
			return err
		}
		trips[i] = time.Since(t0)
	}
	slices.Sort(trips)
	s.budget = min(max(tripsPerDrive*trips[len(trips)/2], minDriveBudget), maxDriveBudget)
	return nil
}

// time runs one batch of n operations and returns its time.
func (s *subject) time(ctx context.Context, n, k int) (int64, error) {
	ns, err := s.run(ctx, n, k)
	if err != nil {
		return 0, err
	}
	var best int64 = -1
	for _, t := range ns {
		if best < 0 || t < best {
			best = t
		}
	}
	return best, nil
}

func (s *subject) run(ctx context.Context, n, k int) ([]int64, error) {
	var r struct {
		NS []int64 `json:"ns"`
	}
	err := s.p.call(ctx, map[string]any{"cmd": "run", "n": n, "k": k}, &r)
	return r.NS, err
}

// enter resets the worker's counters before the first measured
// repetition, so that the warm-up's collections are not counted.
func (s *subject) enter(ctx context.Context) error {
	s.enters++
	if s.enters != 2 {
		return nil
	}
	return s.p.call(ctx, map[string]any{"cmd": "stats", "reset": true}, &struct{}{})
}

// drive runs about a budget of batches and records each: a batch's
// mean when operations are batched, each operation's latency otherwise.
func (s *subject) drive(ctx context.Context, recs []*measure.Recorder) error {
	k := int(float64(s.budget) / max(s.batchNs, 1))
	k = min(max(k, 1), 100_000)
	ns, err := s.run(ctx, s.batch, k)
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			s.cut++
		}
		return err
	}
	var sum int64
	rec, n := recs[0], int64(s.batch)
	for _, t := range ns {
		sum += t
		if n > 1 {
			rec.RecordN(t/n, n)
		} else {
			rec.Record(t)
		}
	}
	if len(ns) > 0 {
		s.batchNs = float64(sum) / float64(len(ns))
	}
	return nil
}

// metrics asks the worker for its figures once the run is over: the
// garbage collections per thousand operations, the peak RSS, the batch
// size, the module's own metrics, and the peak memory of one operation if
// asked for.
func (s *subject) metrics(o Options) map[string]float64 {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var st struct {
		GC      float64            `json:"gc_collections"`
		Ops     float64            `json:"ops"`
		RSS     float64            `json:"max_rss_kib"`
		Metrics map[string]float64 `json:"metrics"`
	}
	m := map[string]float64{"batch": float64(s.batch)}
	if s.cut > 0 {
		m["cut_short_calls"] = float64(s.cut)
	}
	if err := s.p.call(ctx, map[string]any{"cmd": "stats"}, &st); err != nil {
		// A worker killed at the end of the run has no figures left
		// to give; what this side counted still stands.
		return m
	}
	m["max_rss_mib"] = st.RSS / 1024
	if st.Ops > 0 {
		m["gc_per_1k_ops"] = 1000 * st.GC / st.Ops
	}
	for k, v := range st.Metrics {
		m[k] = v
	}
	if o.Memory {
		var mem struct {
			Peak float64 `json:"peak_bytes"`
		}
		if err := s.p.call(ctx, map[string]any{"cmd": "memory", "k": 3}, &mem); err == nil {
			m["peak_kib_per_op"] = mem.Peak / 1024
		}
	}
	return m
}

// The figure of a Python strategy cut short, declared once for every reader
// (see measure.Metric).
var _ = measure.DeclareMetric(measure.Metric{Name: "cut_short_calls",
	Meaning: "orders to the Python worker (a batch of calls) still running when the run ended, by a cancel or its time bound: the worker was killed with its process group, and what it was running counts nowhere"})
