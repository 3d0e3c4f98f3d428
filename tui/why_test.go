package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/profile"
)

// whyReport is a membership run whose profiles are known: the slice scan
// spends 90 % of its time in slices.Contains, the map none, and both run
// under the engine's worker.
func whyReport() *measure.Report {
	worker := "github.com/perflab/perflab/measure.(*subjectState).worker"
	frame := func(fn string, cum, flat, samples int64, share float64, perOp float64) profile.Frame {
		return profile.Frame{Func: fn, CumSamples: samples, FlatSamples: flat, CumShare: share,
			CumNs: float64(samples) * perOp, FlatNs: float64(flat) * perOp, CumErr: perOp * sqrt(samples)}
	}
	slice := &profile.Summary{Ops: 10000, Samples: 200, PeriodNs: 10_000_000, CPUNsPerOp: 200e3,
		Funcs: []profile.Frame{
			frame(worker, 0, 0, 200, 1, 1e3),
			frame("github.com/perflab/perflab/labs/datastructures.sliceSet.contains", 0, 0, 182, 0.91, 1e3),
			frame("slices.Contains[go.shape.[]int,go.shape.int]", 0, 180, 180, 0.9, 1e3),
			frame("runtime.asyncPreempt", 0, 8, 8, 0.04, 1e3),
		}}
	m := &profile.Summary{Ops: 4_000_000, Samples: 200, PeriodNs: 10_000_000, CPUNsPerOp: 500,
		Funcs: []profile.Frame{
			frame(worker, 0, 0, 200, 1, 2.5),
			frame("github.com/perflab/perflab/labs/datastructures.mapSet.contains", 0, 10, 150, 0.75, 2.5),
			frame("internal/runtime/maps.(*Map).getWithKeySmall", 0, 120, 120, 0.6, 2.5),
			frame("runtime.asyncPreempt", 0, 4, 4, 0.02, 2.5),
		}}
	return &measure.Report{Lab: "data-structures", Workload: "membership", ProfileNs: 2e9,
		Strategies: []*measure.Result{{Name: "slice", Baseline: true, Profile: slice}, {Name: "map", Profile: m}}}
}

func sqrt(n int64) float64 {
	x := float64(n)
	r := x
	for range 30 {
		r = (r + x/r) / 2
	}
	return r
}

func TestGoldenWhy(t *testing.T) {
	goldenView(t, "why", func(st *Styles, w, h int) string {
		return whyView(st, whyReport(), 0, 1, w, h)
	})
}

func TestWhyViewNamesWhatTheMapNoLongerDoes(t *testing.T) {
	st := NewStyles(asciiRenderer())
	out := ansi.Strip(whyView(st, whyReport(), 0, 1, 160, 48))
	var gone string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "slices.Contains") {
			gone = l
		}
	}
	if !strings.HasPrefix(gone, markGone) {
		t.Errorf("slices.Contains is not marked as what the map no longer runs:\n%s", out)
	}
	if strings.Contains(out, "subjectState).worker") {
		t.Errorf("the view lists the frame both strategies run under:\n%s", out)
	}
	if got := whyView(st, &measure.Report{Strategies: []*measure.Result{{Name: "a"}, {Name: "b"}}}, 0, 1, 80, 24); !strings.Contains(got, "no profiles") {
		t.Errorf("a run without profiles: %q", got)
	}
}

func TestWhyPairNeverComparesAStrategyWithItself(t *testing.T) {
	var p whyPair
	if p.base != 0 || p.other(3) != 1 {
		t.Fatalf("the zero pair is %d against %d, want 1 against 0", p.other(3), p.base)
	}
	seen := map[[2]int]bool{}
	for range 3 {
		for range 2 {
			if p.base == p.other(3) {
				t.Fatalf("%+v compares %d with itself", p, p.base)
			}
			seen[[2]int{p.base, p.other(3)}] = true
			p = p.next(3, false)
		}
		p = p.next(3, true)
	}
	if len(seen) != 6 {
		t.Errorf("m and n reach %d of the 6 pairs of 3 strategies: %v", len(seen), seen)
	}
}

// TestResultsSwitchToWhy checks that v reaches the why view of results with
// profiles, that m and n pick the pair and the help names them.
func TestResultsSwitchToWhy(t *testing.T) {
	rep := fakeReport()
	profiles := whyReport().Strategies
	rep.Strategies[0].Profile, rep.Strategies[1].Profile = profiles[0].Profile, profiles[1].Profile
	m := runningModel(t, 1)
	m = update(m, reportMsg{id: 1, report: rep})
	m = update(m, tea160x48)
	if got := screen(m); !strings.Contains(got, "v/tab") {
		t.Fatalf("results with profiles do not offer v:\n%s", got)
	}
	m = press(m, "v")
	got := pages(m)
	if !strings.Contains(got, "why it is faster") || !strings.Contains(got, "map against slice") {
		t.Fatalf("v does not show the why of map against slice:\n%s", got)
	}
	if s := screen(m); !strings.Contains(s, "why: next strategy") {
		t.Errorf("the why's help does not name n:\n%s", s)
	}
	// Three strategies: n moves on to binary, which has no profile.
	m = press(m, "n")
	if got := pages(m); !strings.Contains(got, "binary: no profile") {
		t.Errorf("n does not compare the next strategy:\n%s", got)
	}
	m = press(m, "m")
	if got := pages(m); !strings.Contains(got, "slice against map") {
		t.Errorf("m does not take the next strategy as the baseline:\n%s", got)
	}
	m = press(m, "v")
	if got := pages(m); strings.Contains(got, "why it is faster") {
		t.Errorf("v does not leave the why:\n%s", got)
	}
}

// BenchmarkWhyView draws the why view at 160x48; the target is under 5 ms.
func BenchmarkWhyView(b *testing.B) {
	st := NewStyles(asciiRenderer())
	rep := whyReport()
	// A real profile keeps some fifty functions above its threshold.
	for i, r := range rep.Strategies {
		for j := range 60 {
			r.Profile.Funcs = append(r.Profile.Funcs, profile.Frame{
				Func: fmt.Sprintf("example.com/pkg.f%d_%d", j%40, i), CumNs: float64(100 + j), CumErr: 10,
				CumSamples: 10, CumShare: 0.05})
		}
	}
	for b.Loop() {
		_ = whyView(st, rep, 0, 1, 160, 48)
	}
}
