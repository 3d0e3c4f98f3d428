package measure

import (
	"context"
	"runtime/pprof"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/perflab/perflab/measure/profile"
)

// profSink keeps the profiled work alive.
var profSink uint64

// underProfile is the function one profiled subject runs and the other does
// not; it is never inlined, so that it has a frame of its own to find.
//
//go:noinline
func underProfile(n int) uint64 {
	x := profSink | 1
	for range n {
		x ^= x << 13
		x ^= x >> 7
	}
	return x
}

func TestProfileRoundsAfterTheVerdict(t *testing.T) {
	with := &Subject{Name: "with", Batch: BatchNever, Loop: func(_ context.Context, _, n int) error {
		for range n {
			profSink += underProfile(20000)
		}
		return nil
	}}
	without := &Subject{Name: "without", Loop: tinyLoop()}
	cfg := fastConfig
	cfg.Profile = true
	rep := runToEnd(t, cfg, []*Subject{with, without})

	if rep.Reps != cfg.Reps {
		t.Errorf("%d measured rounds, want %d: profiling rounds must not count", rep.Reps, cfg.Reps)
	}
	if rep.ProfileNs < int64(profileMinTime) || rep.ProfileNs >= rep.ElapsedNs {
		t.Errorf("profiling took %v of %v, want at least %v and less than the run", time.Duration(rep.ProfileNs), time.Duration(rep.ElapsedNs), profileMinTime)
	}
	for _, r := range rep.Strategies {
		if r.Profile == nil || r.Profile.Ops == 0 || len(r.CPUProfile) == 0 {
			t.Fatalf("%s: no profile, or no operations counted in it: %+v", r.Name, r.Profile)
		}
		if got := len(r.Reps); got != cfg.Reps {
			t.Errorf("%s: %d repetitions kept, want %d", r.Name, got, cfg.Reps)
		}
	}
	name := "github.com/perflab/perflab/measure.underProfile"
	has := func(s *profile.Summary) bool {
		return slices.ContainsFunc(s.Funcs, func(f profile.Frame) bool { return f.Func == name })
	}
	w, wo := rep.Strategies[0].Profile, rep.Strategies[1].Profile
	if !has(w) {
		t.Errorf("with's profile lacks %s: %+v", name, w.TopCum)
	}
	if has(wo) {
		t.Errorf("without's profile has %s", name)
	}
}

func TestProfileTimeIsBounded(t *testing.T) {
	for _, tc := range []struct{ measured, want time.Duration }{
		{time.Second, profileMinTime},
		{50 * time.Second, 10 * time.Second},
		{time.Hour, profileMaxTime},
	} {
		if got := profileTime(tc.measured); got != tc.want {
			t.Errorf("profileTime(%v) = %v, want %v", tc.measured, got, tc.want)
		}
	}
}

func TestProfileWhileAnotherRuns(t *testing.T) {
	s, err := profile.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if _, err := s.Stop(); err != nil {
			t.Error(err)
		}
	}()
	cfg := fastConfig
	cfg.Reps, cfg.Profile = 1, true
	rep, err := runUnder(t, context.Background(), cfg, []*Subject{{Name: "a", Loop: tinyLoop()}})
	if err == nil {
		t.Fatal("a run asked to profile while another profile runs ended without an error")
	}
	if rep == nil || len(rep.Strategies) != 1 || rep.Strategies[0].Profile != nil {
		t.Errorf("want the measured report without a profile, got %+v", rep)
	}
}

// TestProfileRoundsAfterABudget profiles a run that goes on until decided:
// its repetitions stop at the budget's end, which the profiling rounds,
// after it, must not inherit, or they run no operation.
func TestProfileRoundsAfterABudget(t *testing.T) {
	noisy := func(_ context.Context, _, n int) error {
		for range n {
			profSink += underProfile(200)
		}
		return nil
	}
	cfg := Config{MaxTime: 300 * time.Millisecond, RepDuration: 10 * time.Millisecond, Profile: true}
	rep := runToEnd(t, cfg, []*Subject{{Name: "a", Loop: noisy}, {Name: "b", Loop: noisy}})
	for _, r := range rep.Strategies {
		if r.Profile == nil || r.Profile.Ops == 0 {
			t.Errorf("%s: the profiling rounds after a budget of %v ran no operation: %+v", r.Name, cfg.MaxTime, r.Profile)
		}
	}
}

// TestSubjectsProfileTheirOwnWork checks that a subject with a Profiler
// gets the profile it returns, with the operations of the profiling rounds.
func TestSubjectsProfileTheirOwnWork(t *testing.T) {
	var starts, stops int
	leaf := profile.Place{Func: "bench_slow", File: "w.py", Line: 3}
	own, err := profile.Encode([]profile.Stack{{Frames: []profile.Place{leaf}, Count: 40}}, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	outside := &Subject{Name: "outside", External: true, Loop: func(_ context.Context, _, n int) error {
		allocSink = make([]byte, 64*n)
		return nil
	}, Profiler: &Profiler{
		Start: func(context.Context) error { starts++; return nil },
		Stop:  func(context.Context) ([]byte, error) { stops++; return own, nil },
	}}
	inside := &Subject{Name: "inside", Loop: tinyLoop()}
	cfg := fastConfig
	cfg.Profile = true
	rep := runToEnd(t, cfg, []*Subject{outside, inside})
	if starts != 1 || stops != 1 {
		t.Errorf("profiler started %d and stopped %d times, want once each", starts, stops)
	}
	got := rep.Strategies[0].Profile
	if got == nil || got.Ops == 0 || got.Samples != 40 || got.Outside || !got.OwnProcess {
		t.Fatalf("outside's profile = %+v, want its own 40 samples over the rounds' operations, marked as profiled in its own process, not outside", got)
	}
	if got.AllocsPerOp != 0 || len(got.Allocs) != 0 {
		t.Errorf("outside's allocations = %v per op %+v, want none: perflab's own are not the strategy's", got.AllocsPerOp, got.Allocs)
	}
	if len(got.Funcs) != 1 || got.Funcs[0].Func != leaf.Func {
		t.Errorf("outside's functions = %+v, want only %s", got.Funcs, leaf.Func)
	}
}

// allocSink keeps a subject's allocations alive.
var allocSink []byte

// TestAStopDuringProfilingLeavesTheVerdicts checks that a run stopped in
// its profiling rounds (a time bound, a cancel) keeps its measured rounds
// whole: not cancelled, its comparisons as measured, its profiles of the
// rounds that ran, and the cut said.
func TestAStopDuringProfilingLeavesTheVerdicts(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	loop := tinyLoop()
	stopper := &Subject{Name: "stopper", Loop: func(c context.Context, w, n int) error {
		// Only profiling rounds carry the strategy's label.
		if _, profiling := pprof.Label(c, profile.LabelKey); profiling {
			cancel()
		}
		return loop(c, w, n)
	}}
	other := &Subject{Name: "other", Loop: tinyLoop()}
	cfg := fastConfig
	cfg.Profile = true
	rep, err := runUnder(t, ctx, cfg, []*Subject{stopper, other})
	if err != nil {
		t.Fatalf("a stop in the profiling rounds failed the run: %v", err)
	}
	if rep.Cancelled || !rep.ProfileCut || rep.Reps != cfg.Reps {
		t.Errorf("cancelled %v, profile cut %v, %d rounds; want whole measured rounds (%d) and the cut said", rep.Cancelled, rep.ProfileCut, rep.Reps, cfg.Reps)
	}
	if c := rep.Strategies[1].VsBaseline; c == nil || c.N[0] == 0 {
		t.Errorf("other's comparison %+v; want the measured one", c)
	}
}

// TestProfilingKeepsToTheRunsPromise checks that the profiling rounds of a
// run until decided end by the time the run was expected to take, its
// budget and the profiling time of that budget, however long the measured
// part took.
func TestProfilingKeepsToTheRunsPromise(t *testing.T) {
	cfg := Config{MaxTime: 200 * time.Millisecond, RepDuration: 5 * time.Millisecond, Interval: 2 * time.Millisecond, Profile: true}
	// One operation of the measured rounds, never interrupted, makes
	// the measured part overrun its budget by 1.5 s: profiling for its
	// whole time after that would end 1.5 s past the promise.
	const overrun = 1500 * time.Millisecond
	var once sync.Once
	loop := tinyLoop()
	slow := &Subject{Name: "a", Loop: func(c context.Context, w, n int) error {
		if _, profiling := pprof.Label(c, profile.LabelKey); !profiling {
			once.Do(func() { time.Sleep(overrun) })
		}
		return loop(c, w, n)
	}}
	same := &Subject{Name: "b", Loop: tinyLoop()}
	rep := runToEnd(t, cfg, []*Subject{slow, same})
	promised := cfg.MaxTime + profileTime(cfg.MaxTime)
	// Two profiling rounds always run, each two repetitions; a loaded
	// machine adds its own delays, so the slack is generous but well
	// short of the overrun.
	if slack := overrun * 2 / 3; time.Duration(rep.ElapsedNs) > promised+slack {
		t.Errorf("the run took %v with profiling; want about %v, its budget and its profiling time", time.Duration(rep.ElapsedNs), promised)
	}
}

// TestProfilingEndsBeforeTheDeadline checks that profiling rounds whose
// time would pass their context's deadline (a command line's time bound)
// end before it, the measured rounds whole and the cut said, rather than
// being cut by it.
func TestProfilingEndsBeforeTheDeadline(t *testing.T) {
	// The rounds would run for profileMinTime; they keep
	// profileDeadlineMargin before the deadline, so any deadline under
	// their sum cuts them, however fast the measured part went. The
	// deadline is as far as that allows, so that a loaded machine has
	// most of two seconds for the measured part and a round of profiling
	// (at 1.5 s the measured part had under one, and once took it all).
	deadline := profileMinTime + profileDeadlineMargin - 100*time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	cfg := fastConfig
	cfg.Reps, cfg.Profile = 2, true
	rep, err := runUnder(t, ctx, cfg, []*Subject{{Name: "a", Loop: tinyLoop()}, {Name: "b", Loop: tinyLoop()}})
	if err != nil {
		t.Fatalf("profiling rounds ran into the deadline: %v", err)
	}
	// The run is not cancelled by the deadline: its measured rounds
	// stand, and the cut is said. How long it took is reported, not held
	// to the deadline: a loaded machine finishes a round started in time
	// a little late.
	measured := time.Duration(rep.ElapsedNs - rep.ProfileNs)
	if took := time.Duration(rep.ElapsedNs); rep.Cancelled || !rep.ProfileCut {
		t.Errorf("cancelled %v, profile cut %v, took %v (measured part %v); want the rounds ended before the %v deadline and the cut said",
			rep.Cancelled, rep.ProfileCut, took, measured, deadline)
	}
	if rep.Strategies[0].Profile == nil || rep.Strategies[0].Profile.Ops == 0 {
		t.Errorf("no profile of the rounds that ran after a measured part of %v: %+v", measured, rep.Strategies[0].Profile)
	}
}
