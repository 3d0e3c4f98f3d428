package measure

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// A Subject is one strategy made ready to measure. It sets exactly one of
// Loop or Drive.
//
// Loop subjects are driven by the engine: its workers call Loop and time it,
// either per operation (n = 1) or, for tiny operations, in calibrated batches
// like testing.B's b.N. Drive subjects own their concurrency: each call runs
// one batch of work with the subject's own goroutines, which time their
// operations and record them into the recorders they are given.
type Subject struct {
	// Name labels the subject in results; strategies of an A/A run get
	// distinct names ("map", "map#2").
	Name string

	// Loop runs the operation n times in a row on behalf of worker w
	// (0 <= w < Config.Workers). It stops early and returns ctx.Err() when
	// ctx is cancelled. An error counts as one failed operation.
	//
	// Calls for one w never overlap, and each happens after the last one
	// returned, so state kept per worker needs no lock: a lock taken
	// between the engine's clock readings would be timed with the work.
	Loop func(ctx context.Context, w, n int) error

	// Drive runs one batch of work and records every operation's latency
	// into recs, one recorder per goroutine at a time. It returns when the
	// batch is done or ctx is cancelled.
	Drive func(ctx context.Context, recs []*Recorder) error
	// Recorders is how many recorders Drive is given (default 1).
	Recorders int
	// DriveBatch, for a Drive that records the mean of each chunk of
	// operations (RecordN) rather than each one, is the chunk's size, so
	// that the result says its percentiles are of means.
	DriveBatch int

	// Batch says whether Loop may be timed in batches; BatchAuto decides by
	// timing a few operations.
	Batch BatchMode

	// Subtract, if set, is a cost that every operation of a closed-loop
	// Loop subject pays and that is not the work compared: the start-up of
	// the shell a command is run through, which the subject measures before
	// the run as hyperfine does. It is taken off every operation's time
	// (never below zero) and off each repetition's ns/op, so that the
	// percentiles, the mean and the verdict's per-round ratios are all of
	// the work alone; throughput stays operations a second of wall time,
	// the cost included. The subject says in its Metrics what it was.
	Subtract time.Duration

	// NsPerOp, if set, returns the subject's own ns/op over the
	// repetition that just ended, which then stands for the repetition in
	// place of its wall time over its operations. A subject whose work
	// runs in a process that times itself (a Go test binary reports its
	// benchmark's ns/op) leaves out what starting that process cost.
	NsPerOp func() float64

	// Span, if set, returns how long the subject's load ran in the
	// repetition that just ended, by its own clocks, which then stands
	// for the repetition's time in its throughput (and an open loop's
	// achieved rate) in place of the engine's. A Drive subject whose
	// repetition includes time without load (a fleet of generators sets
	// each start a lead ahead, and its last report travels back after the
	// load ends) would otherwise report fewer operations a second than it
	// ran. A span of 0 or less keeps the engine's time.
	Span func() time.Duration

	// Enter, if set, runs before each of the subject's repetitions, warm-up
	// included, on the engine's goroutine and outside any timing. A subject
	// that shares the process with others takes it over here (starts its
	// thread pool, resets a probe), so that its first timed operation does
	// not pay for it. An error ends the run.
	Enter func(ctx context.Context) error

	// Fresh, if set, builds a fresh instance of the subject the way the
	// first was built: a new map from the same keys, a new copy of the
	// input, a new seed. Two instances of one strategy differ (a map's
	// hash seed, where its memory lies), so a verdict drawn from one
	// instance of each says which instance is faster, not which strategy.
	// The engine replaces the subject with a fresh instance every block
	// of rounds, outside the clock, and closes the one it replaces; the
	// comparisons take one observation a block, so that their intervals
	// cover how instances differ. Calibration is done once, on the
	// first. The fresh subject's Name and Fresh are the first's; its
	// Metrics, if any, are its own.
	Fresh func(ctx context.Context) (*Subject, error)
	// Kept says why a subject without Fresh is one instance for the run.
	Kept Kept

	// Interruptible says Loop returns promptly when its ctx ends. The
	// engine then ends each repetition at its bound by cancelling the
	// context of the operations still in flight, instead of waiting for
	// them: those that return its error count nowhere, those that finish
	// count as usual.
	// A request to a server that dropped a connection attempt waits a
	// second for the retry: without this, one such request stretches a
	// 500 ms repetition to 1.5 s while the other workers stand idle, and
	// the repetition's throughput halves.
	Interruptible bool

	// External says the work runs outside this process (a worker process,
	// another machine), so the process's allocations say nothing about it.
	External bool

	// OpenLoop says a Drive subject starts its operations at a rate of its
	// own and counts each one's latency from when it was due (a fleet of
	// load generators), as the engine's open loop does: a stall then
	// shows in its tail, and the result does not warn of coordinated
	// omission.
	OpenLoop bool

	// Profiler, if set, profiles the subject's own work where the
	// process's CPU profile cannot see it (a Python worker, a Go test
	// binary). The profiling rounds start it before their first
	// repetition and stop it after their last; its profile then stands
	// for the strategy's instead of the process's side of the work.
	Profiler *Profiler

	// Metrics, if set, returns the subject's own figures after a run (a hit
	// ratio, peak OS threads, tasks lost). Keys are snake_case.
	Metrics func() map[string]float64
	// LiveMetrics says Metrics may also be called after each measured
	// repetition, on the engine's goroutine while none of the subject's
	// work runs, and returns a new map each time: the snapshots then carry
	// its figures so far (SubjectSnapshot.Metrics), for a live view of
	// what the subject alone knows (each load generator's achieved rate).
	LiveMetrics bool
	// Findings, if set, returns what the subject alone knows a reader of
	// its result should know before trusting it (a fleet's generators
	// started further apart than promised), called once after the run,
	// after Metrics; they follow the engine's own in the result.
	Findings func() []Finding

	// Close releases what the subject holds. It is called once, after the
	// last repetition or when the run is cancelled.
	Close func() error
}

// A Profiler profiles a subject's work in another process. Start begins
// profiling the operations of the repetitions that follow; Stop ends it and
// returns their CPU profile as a pprof file's bytes, in the shape
// runtime/pprof writes (the first sample value a count of samples, Period
// the sampling period in nanoseconds), so that its time per operation is
// reckoned as a Go strategy's is. Stop is called once after Start, whether the rounds failed
// or not.
type Profiler struct {
	Start func(ctx context.Context) error
	Stop  func(ctx context.Context) ([]byte, error)
}

// BatchMode says how a Loop subject's operations are timed.
type BatchMode int

const (
	// BatchAuto batches operations that take under a microsecond.
	BatchAuto BatchMode = iota
	// BatchNever times every operation on its own.
	BatchNever
	// BatchAlways times calibrated batches and records their mean.
	BatchAlways
)

func (s *Subject) validate() error {
	switch {
	case s.Name == "":
		return errors.New("subject has no name")
	case (s.Loop == nil) == (s.Drive == nil):
		return fmt.Errorf("subject %s: set exactly one of Loop and Drive", s.Name)
	case s.Subtract < 0 || (s.Subtract > 0 && s.Loop == nil):
		return fmt.Errorf("subject %s: only a Loop subject has a cost to subtract, and it is not negative, got %v", s.Name, s.Subtract)
	case s.Span != nil && s.Drive == nil:
		return fmt.Errorf("subject %s: only a Drive subject times its own span", s.Name)
	case s.Recorders < 0 || s.Recorders > MaxWorkers:
		return fmt.Errorf("subject %s: recorders must be between 1 and %d, got %d", s.Name, MaxWorkers, s.Recorders)
	}
	return nil
}

func (s *Subject) close() error {
	if s.Close == nil {
		return nil
	}
	return s.Close()
}
