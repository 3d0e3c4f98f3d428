package python

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
	"github.com/perflab/perflab/measure/profile"
)

// knownAnswer is a module of two strategies that do the same work, ten
// rounds of one loop, one with nine of them under helper and the other
// without it.
const knownAnswer = `
def work(n):
    x = 0
    for i in range(n):
        x += i * i
    return x

def helper():
    for _ in range(9):
        work(1000)

def bench_hot():
    helper()
    work(1000)

def bench_cold():
    for _ in range(10):
        work(1000)
`

// TestProfileKnownAnswer runs the profiling rounds of two Python strategies
// whose profile is known: hot spends about 90 % of its time under helper,
// cold none. The profiles must say so, and the diff must name helper as
// what cold no longer runs.
func TestProfileKnownAnswer(t *testing.T) {
	if testing.Short() {
		t.Skip("profiling rounds last two seconds")
	}
	measuretest.NoLeaks(t)
	const helper = "known.helper"
	// The kernel samples at its ticks (250 a second of CPU here), and two
	// seconds of profiling rounds on a busy machine give hot 150 to 300
	// samples: runs are pooled until it has 600, where the share's
	// standard error is 1.2 points and 85-95 % lies four of them from 90.
	// Under the race detector, whose calls shift time between functions,
	// the share is not checked and one run serves.
	var samples, under int64
	for run := 0; run < 5 && samples < 600; run++ {
		hot, cold := profileKnownAnswer(t)
		h, ok := frame(hot, helper)
		if !ok {
			t.Fatalf("hot's profile lacks %s: %+v", helper, hot.TopCum)
		}
		if _, ok := frame(cold, helper); ok {
			t.Errorf("cold's profile has %s: %+v", helper, cold.TopCum)
		}
		d := profile.Diff(*hot, *cold)
		i := slices.IndexFunc(d, func(c profile.Change) bool { return c.Func == helper })
		if i < 0 || !d[i].OnlyA || d[i].DeltaCumNs >= 0 {
			t.Errorf("the diff of hot and cold does not name %s as hot's alone: %+v", helper, d)
		}
		samples += hot.Samples
		under += h.CumSamples
		if raceEnabled {
			return
		}
	}
	share := float64(under) / float64(samples)
	t.Logf("%s: %.1f%% of hot's %d samples", helper, 100*share, samples)
	if share < 0.85 || share > 0.95 {
		t.Errorf("%s holds %.1f%% of hot's %d samples, want 85-95%%", helper, 100*share, samples)
	}
}

// profileKnownAnswer runs hot and cold of knownAnswer, two rounds and their
// profiling rounds, and returns their profiles.
func profileKnownAnswer(t *testing.T) (hot, cold *profile.Summary) {
	t.Helper()
	ctx := context.Background()
	m := Module{Name: "known", Path: measuretest.WriteTemp(t, "known.py", knownAnswer)}
	var subjects []*measure.Subject
	for _, name := range []string{"hot", "cold"} {
		s, err := NewSubject(ctx, m, "bench_"+name, nil, Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Name = name
		subjects = append(subjects, s)
	}
	r, err := measure.Start(ctx, measure.Config{Reps: 2, RepDuration: 20 * time.Millisecond, Profile: true}, subjects)
	if err != nil {
		t.Fatal(err)
	}
	rep := labtest.Finish(t, r)
	hot, cold = rep.Strategies[0].Profile, rep.Strategies[1].Profile
	for _, s := range []*profile.Summary{hot, cold} {
		if s == nil || s.Samples == 0 || s.Ops == 0 || s.Outside || s.PeriodNs < int64(ProfilePeriod) {
			t.Fatalf("a strategy's profile: %+v, want samples and operations of the worker's own, every %v or more", s, ProfilePeriod)
		}
		if _, ok := frame(s, "perflab.bench_loop"); !ok {
			t.Errorf("a profile without the timing loop at its root: %+v", s.TopCum)
		}
	}
	return hot, cold
}

// frame finds the function name in s's functions.
func frame(s *profile.Summary, name string) (profile.Frame, bool) {
	i := slices.IndexFunc(s.Funcs, func(f profile.Frame) bool { return f.Func == name })
	if i < 0 {
		return profile.Frame{}, false
	}
	return s.Funcs[i], true
}

// TestProfileWithoutSamples stops a profile that took no sample: it is
// still a profile go tool pprof reads, of nothing.
func TestProfileWithoutSamples(t *testing.T) {
	measuretest.NoLeaks(t)
	ctx := context.Background()
	p, _, err := Start(ctx, Module{Name: "idle", Path: measuretest.WriteTemp(t, "idle.py", "def bench_x():\n    pass\n")})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, start := range []bool{true, false} {
		if start {
			if err := p.StartProfile(ctx, ProfilePeriod); err != nil {
				t.Fatal(err)
			}
		}
		data, err := p.StopProfile(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := &profile.Profile{Name: "idle"}
		if err := got.Replace(data); err != nil {
			t.Fatalf("started %v: %v", start, err)
		}
		if s := profile.Summarize(got); s.Samples != 0 || s.PeriodNs != int64(ProfilePeriod) {
			t.Errorf("started %v: %d samples every %dns, want none every %v", start, s.Samples, s.PeriodNs, ProfilePeriod)
		}
	}
}

// TestProfileNamesPythonFunctionsAndLines checks the frames a profile
// holds: module.qualname, its file and its line, a statement strategy
// under its own name, the timing loop at the root of every stack.
func TestProfileNamesPythonFunctionsAndLines(t *testing.T) {
	measuretest.NoLeaks(t)
	ctx := context.Background()
	path := measuretest.WriteTemp(t, "named.py", `
class Box:
    def spin(self):
        return sum(i * i for i in range(20000))

def bench_method():
    return Box().spin()

bench_stmt = "sorted(range(3000), key=lambda v: -v)"
`)
	for _, tt := range []struct{ strategy, want string }{
		{"bench_method", "named.Box.spin"},
		{"bench_stmt", "named.bench_stmt.<lambda>"},
	} {
		p, _, err := Start(ctx, Module{Name: "named", Path: path})
		if err != nil {
			t.Fatal(err)
		}
		err = p.call(ctx, map[string]any{"cmd": "setup", "strategy": tt.strategy}, &struct{}{})
		if err == nil {
			err = p.StartProfile(ctx, time.Millisecond)
		}
		if err == nil {
			_, err = (&subject{p: p}).run(ctx, 1, 300)
		}
		var data []byte
		if err == nil {
			data, err = p.StopProfile(ctx)
		}
		if err := errors.Join(err, p.Close()); err != nil {
			t.Fatal(err)
		}
		got := &profile.Profile{Name: tt.strategy, Ops: 300}
		if err := got.Replace(data); err != nil {
			t.Fatal(err)
		}
		var places []string
		for _, l := range got.CPU.Location {
			for _, ln := range l.Line {
				places = append(places, ln.Function.Name+" "+ln.Function.Filename)
			}
		}
		all := strings.Join(places, "\n")
		if !strings.Contains(all, tt.want+" ") {
			t.Errorf("%s: the profile does not name %s:\n%s", tt.strategy, tt.want, all)
		}
		for _, s := range got.CPU.Sample {
			root := s.Location[len(s.Location)-1].Line[0].Function.Name
			if root != "perflab.bench_loop" {
				t.Errorf("%s: a stack whose root is %s, not the timing loop", tt.strategy, root)
				break
			}
		}
	}
}

// TestProfileBoundsDeepStacks profiles a recursion deeper than a stack
// keeps: each stack holds at most the sampler's 64 frames, the innermost
// ones, then the frame that says frames were cut, then the timing loop.
func TestProfileBoundsDeepStacks(t *testing.T) {
	measuretest.NoLeaks(t)
	ctx := context.Background()
	path := measuretest.WriteTemp(t, "deep.py", `
import sys
sys.setrecursionlimit(10000)

def down(n):
    if n == 0:
        return sum(i * i for i in range(5000))
    return down(n - 1)

def bench_deep():
    return down(300)
`)
	p, _, err := Start(ctx, Module{Name: "deep", Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.call(ctx, map[string]any{"cmd": "setup", "strategy": "bench_deep"}, &struct{}{}); err != nil {
		t.Fatal(err)
	}
	if err := p.StartProfile(ctx, time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if _, err := (&subject{p: p}).run(ctx, 1, 200); err != nil {
		t.Fatal(err)
	}
	data, err := p.StopProfile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := &profile.Profile{Name: "deep", Ops: 200}
	if err := got.Replace(data); err != nil {
		t.Fatal(err)
	}
	if len(got.CPU.Sample) == 0 {
		t.Fatal("no samples of 200 operations")
	}
	full := 0
	for _, s := range got.CPU.Sample {
		n := len(s.Location)
		name := func(i int) string { return s.Location[i].Line[0].Function.Name }
		if n > 64 || name(n-1) != "perflab.bench_loop" {
			t.Fatalf("a stack of %d frames from %s to %s, want at most 64 ending in the timing loop", n, name(0), name(n-1))
		}
		if n == 64 && name(n-2) != "perflab.(frames cut)" {
			t.Errorf("a full stack whose frame before the root is %s, not the mark of frames cut", name(n-2))
		}
		if n == 64 {
			full++
		}
	}
	if full == 0 {
		t.Error("no stack of a recursion 300 deep was cut to 64 frames")
	}
}

// TestProfileTimeIsTheOperations checks that a Python strategy's CPU time
// per operation in its profile is its operations' and not the worker's
// replies between them: no more than the wall time an operation measured
// (a single thread's CPU time cannot pass its wall time), with room for
// the rounds' noise. The CPU between two signals holds the replies, and a
// period reckoned from it gave an operation of 170µs 233µs of CPU.
//
// The profile's rounds come after the measured ones, and a machine that
// got busier in between gave an operation 97µs of CPU against 70µs
// measured before: load that comes and goes, where the replies' share is
// there in every run. So a run over the bound is tried again, up to
// profileTries runs, and the test fails only when every one is over it.
func TestProfileTimeIsTheOperations(t *testing.T) {
	if testing.Short() {
		t.Skip("profiling rounds last two seconds")
	}
	measuretest.NoLeaks(t)
	m := Module{Name: "short", Path: measuretest.WriteTemp(t, "short.py", "def bench_short():\n    x = 0\n    for i in range(1500):\n        x += i * i\n")}
	const profileTries = 3
	var cpu, wall float64
	for try := 1; try <= profileTries; try++ {
		cpu, wall = profiledOperation(t, m)
		t.Logf("run %d: %.0fns of CPU an operation in the profile, %.0fns of wall-clock time an operation measured", try, cpu, wall)
		if cpu <= 1.2*wall {
			return
		}
	}
	t.Errorf("in %d runs the profile gave an operation more CPU than its wall-clock time, the last %.0fns of CPU for %.0fns measured",
		profileTries, cpu, wall)
}

// profiledOperation runs bench_short of m in a short fixed design with
// profiling rounds, and returns the CPU time an operation took in its
// profile and the median wall-clock time an operation measured.
func profiledOperation(t *testing.T, m Module) (cpu, wall float64) {
	t.Helper()
	ctx := context.Background()
	s, err := NewSubject(ctx, m, "bench_short", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Name = "short"
	r, err := measure.Start(ctx, measure.Config{Reps: 4, RepDuration: 20 * time.Millisecond, Profile: true}, []*measure.Subject{s})
	if err != nil {
		t.Fatal(err)
	}
	res := labtest.Finish(t, r).Strategies[0]
	if res.Profile == nil || res.Profile.Samples == 0 {
		t.Fatalf("no profile: %+v", res.Profile)
	}
	return res.Profile.CPUNsPerOp, res.NsPerOp.Median
}
