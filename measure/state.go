package measure

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// subjectState is what the run keeps of one subject. It belongs to the run's
// goroutine; recorders are the only part its workers touch.
type subjectState struct {
	s        *Subject
	cfg      Config
	openLoop bool
	// recs are the workers' recorders (response time in an open loop);
	// svc, in an open loop only, record service time.
	recs, svc []*Recorder
	// batch is the calibrated batch size; 0 times every operation.
	batch int

	spares []*hdrhistogram.Histogram // empty ones, to hand recorders
	// interval holds what the last collection took; rep the repetition
	// under way; cum the finished measured repetitions. A repetition cut
	// short by a cancel never reaches cum. The svc ones are the same for
	// open-loop service time; view is scratch for a live snapshot.
	interval, rep, cum          *hdrhistogram.Histogram
	svcInterval, svcRep, svcCum *hdrhistogram.Histogram
	view                        *hdrhistogram.Histogram
	// measuring says the repetition under way is a measured one.
	measuring   bool
	runStart    int64
	lastCollect int64
	// repOps and repNs are the operations and time of the repetition
	// under way; measOps and measNs those of the finished measured ones.
	repOps, repNs   int64
	measOps, measNs int64
	reps            []Rep
	timeline        []Point
	// open counts the measured repetitions' dispatches; repLate and
	// repDropped the last repetition's, written by its dispatcher.
	open                OpenLoopStats
	repLate, repDropped int64
	// failures are the distinct messages of failed operations; failMu
	// guards them, since every worker of a Loop subject reports its own.
	failMu   sync.Mutex
	failures []string
	metrics  map[string]float64
	last     SubjectSnapshot
	haveLast bool
}

func newSubjectState(s *Subject, cfg Config) *subjectState {
	st := &subjectState{
		s:        s,
		cfg:      cfg,
		openLoop: s.Loop != nil && cfg.Rate > 0,
		interval: NewHistogram(),
		rep:      NewHistogram(),
		cum:      NewHistogram(),
		view:     NewHistogram(),
	}
	n := cfg.Workers
	if s.Drive != nil {
		n = max(1, s.Recorders)
	}
	st.recs = newRecorders(n)
	if st.openLoop {
		st.svc = newRecorders(n)
		st.svcInterval = NewHistogram()
		st.svcRep = NewHistogram()
		st.svcCum = NewHistogram()
		st.open.TargetRate = cfg.Rate
	}
	return st
}

func newRecorders(n int) []*Recorder {
	recs := make([]*Recorder, n)
	for i := range recs {
		recs[i] = newRecorder()
	}
	return recs
}

// calibrate picks a Loop subject's batch size the way testing.B picks b.N:
// operations under a microsecond are timed in batches grown until one takes
// at least batchGoal, so that the clock's own cost vanishes in the batch.
func (st *subjectState) calibrate(ctx context.Context) error {
	if st.s.Loop == nil || st.openLoop || st.s.Batch == BatchNever {
		return nil
	}
	timeN := func(n int) int64 {
		t0 := Now()
		_ = st.s.Loop(ctx, 0, n) // a failing operation still tells its cost
		return Now() - t0
	}
	d := timeN(1)
	if st.s.Batch == BatchAuto {
		// Take the best of three single operations, so that one cold
		// first call does not decide; a clearly slow one decides at once.
		for i := 0; i < 2 && d < int64(time.Millisecond); i++ {
			d = min(d, timeN(1))
		}
		if d >= tinyOp {
			return ctx.Err()
		}
	}
	grow := func(n int, d int64) int {
		for ctx.Err() == nil {
			if d >= batchGoal {
				// Confirm with the best of two more: a preemption can
				// make one batch look long enough when it is not.
				d = min(d, timeN(n), timeN(n))
				if d >= batchGoal {
					break
				}
			}
			n = predictN(batchGoal, n, d)
			d = timeN(n)
		}
		return n
	}
	n := grow(1, d)
	// The first batches ran on cold caches (a map not yet touched), which
	// makes operations look slower and batches too short: run warm for a
	// while, then grow again from there.
	for t0 := Now(); Now()-t0 < calibrationWarmup && ctx.Err() == nil; {
		timeN(n)
	}
	st.batch = grow(n, timeN(n))
	return ctx.Err()
}

// Calibration bounds.
const (
	// tinyOp is the cost under which BatchAuto batches an operation.
	tinyOp = int64(time.Microsecond)
	// batchGoal is the least time one batch takes.
	batchGoal = int64(10 * time.Microsecond)
	// calibrationWarmup is how long calibration runs an operation before
	// it sizes the batch for good.
	calibrationWarmup = int64(10 * time.Millisecond)
)

// predictN returns the next batch size to try after prevN operations took
// prevNs, as testing.B's predictN does.
func predictN(goalNs int64, prevN int, prevNs int64) int {
	if prevNs <= 0 {
		prevNs = 1 // a coarse clock read zero: assume the least
	}
	// Scale in floating point: multiplying first in integers could
	// overflow, and dividing first would round small counts to 0.
	n := int64(float64(goalNs) * float64(prevN) / float64(prevNs))
	// Overshoot by 1.2x, so that a batch lands past the goal rather than
	// just short of it and needs one more round.
	n += n / 5
	// Grow at most 100x at once, in case the last batch ran fast by chance,
	// and at least by one, so that the loop ends.
	n = min(n, 100*int64(prevN))
	n = max(n, int64(prevN)+1)
	// And never past a billion, so that a batch cannot run for minutes.
	return int(min(n, 1e9))
}

// runRep runs one repetition of the subject, collecting every interval and
// calling publish after each collection.
func (st *subjectState) runRep(ctx context.Context, rep int, publish func()) error {
	warm := rep == 0
	var m0, m1 runtime.MemStats
	if st.s.Drive != nil && !st.s.External {
		runtime.ReadMemStats(&m0)
	}
	if st.s.Enter != nil {
		if err := st.s.Enter(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("%s: %w", st.s.Name, err)
		}
	}
	errs0 := st.errCount()
	st.rep.Reset()
	if st.openLoop {
		st.svcRep.Reset()
	}
	st.repOps, st.repNs = 0, 0
	st.measuring = !warm
	// Start every repetition from a collected heap, as testing.B starts
	// every run, so that a collection owed by the last subject's garbage
	// does not land in this one's time.
	runtime.GC()

	var stop atomic.Bool
	finished := make(chan struct{})
	t0 := Now()
	st.lastCollect = t0
	go func() {
		defer close(finished)
		st.work(ctx, &stop)
	}()

	deadline := time.NewTimer(st.cfg.RepDuration)
	defer deadline.Stop()
	tick := time.NewTicker(st.cfg.Interval)
	defer tick.Stop()
	cancelled := ctx.Done()
wait:
	for {
		select {
		case <-finished:
			break wait
		case <-tick.C:
			st.collect(warm, true)
			publish()
		case <-deadline.C:
			stop.Store(true)
		case <-cancelled:
			stop.Store(true)
			cancelled = nil
		}
	}
	elapsed := Now() - t0
	st.collect(warm, false)
	st.measuring = false
	st.haveLast = false
	if st.s.Drive != nil && !st.s.External {
		runtime.ReadMemStats(&m1)
	}
	if !warm && ctx.Err() == nil {
		st.cum.Merge(st.rep)
		st.measOps += st.repOps
		st.measNs += st.repNs
		if st.openLoop {
			st.svcCum.Merge(st.svcRep)
		}
		st.open.Late += st.repLate
		st.open.Dropped += st.repDropped
		r := Rep{
			Ops:       st.rep.TotalCount(),
			ElapsedNs: elapsed,
			Errors:    st.errCount() - errs0,
		}
		st.countAllocs(ctx, &r, &m0, &m1)
		if r.Ops > 0 {
			r.NsPerOp = float64(elapsed) / float64(r.Ops)
			if st.openLoop {
				// The rate is fixed, so ops per second says nothing:
				// compare the mean response time instead.
				r.NsPerOp = st.rep.Mean()
			}
		}
		st.reps = append(st.reps, r)
	}
	publish()
	return nil
}

// work runs the repetition's operations until stop is set or ctx ends.
func (st *subjectState) work(ctx context.Context, stop *atomic.Bool) {
	switch {
	case st.s.Drive != nil:
		st.drive(ctx, stop)
	case st.openLoop:
		st.runOpenLoop(ctx, stop)
	default:
		st.closedLoop(ctx, stop)
	}
}

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

// closedLoop runs cfg.Workers workers, each starting its next operation (or
// batch) when the last one ends.
func (st *subjectState) closedLoop(ctx context.Context, stop *atomic.Bool) {
	var budget int64
	if st.cfg.RepOps > 0 {
		budget = (st.cfg.RepOps + int64(len(st.recs)) - 1) / int64(len(st.recs))
	}
	var wg sync.WaitGroup
	for w, rec := range st.recs {
		wg.Go(func() { st.worker(ctx, w, rec, stop, budget) })
	}
	wg.Wait()
}

func (st *subjectState) worker(ctx context.Context, w int, rec *Recorder, stop *atomic.Bool, budget int64) {
	loop, n := st.s.Loop, max(1, st.batch)
	for done := int64(0); !stop.Load() && (budget == 0 || done < budget); {
		t0 := Now()
		err := loop(ctx, w, n)
		d := Now() - t0
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			rec.Fail(err)
			continue
		}
		if st.batch > 0 {
			rec.RecordN(d/int64(n), int64(n))
		} else {
			rec.Record(d)
		}
		done += int64(n)
	}
}

func (st *subjectState) errCount() int64 {
	var n int64
	for _, r := range st.recs {
		n += r.errs.Load()
	}
	return n
}

// fail keeps a subject's error to show with its result, once per message.
// A nil err keeps nothing. Workers may call it at once.
func (st *subjectState) fail(err error) {
	if err == nil {
		return
	}
	msg := err.Error()
	st.failMu.Lock()
	defer st.failMu.Unlock()
	for _, f := range st.failures {
		if f == msg {
			return
		}
	}
	if len(st.failures) < 5 {
		st.failures = append(st.failures, msg)
	}
}
