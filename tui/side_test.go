package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/runs"
)

// sweepEntry is a kept sweep over n of slice and map, map's ns/op at each
// point as given, slice's 1000.
func sweepEntry(started time.Time, values []float64, mapNs ...float64) runs.Entry {
	rep := &measure.Report{Schema: measure.Schema, Lab: "data-structures", Workload: "membership", Started: started,
		Params: map[string]any{"n": values[len(values)-1]}, Sweep: &measure.Sweep{Param: "n"}}
	for i, v := range values {
		pt := measure.SweepPoint{Value: v, Strategies: []*measure.Result{repsOf("slice", 1000), repsOf("map", mapNs[i])}}
		pt.Strategies[0].Baseline = true
		rep.Sweep.Points = append(rep.Sweep.Points, pt)
	}
	rep.Strategies = rep.Sweep.Points[len(values)-1].Strategies
	return runs.Entry{Report: rep}
}

// repsOf is a result of ten repetitions of about ns each.
func repsOf(name string, ns float64) *measure.Result {
	r := &measure.Result{Name: name, NsPerOp: measure.Summary{Median: ns, Lo: ns * 0.99, Hi: ns * 1.01}}
	for i := range 10 {
		v := ns * (1 + 0.001*float64(i))
		r.Reps = append(r.Reps, measure.Rep{Ops: 1000, ElapsedNs: int64(v * 1000), NsPerOp: v})
	}
	return r
}

// TestSideBySideOfTwoSweepsShowsEveryPoint puts two sweeps side by side:
// the screen says which point it compares, and ← and → show the others,
// each judged on its own (it showed the last point alone, unnamed).
func TestSideBySideOfTwoSweepsShowsEveryPoint(t *testing.T) {
	day := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	// B's map is as fast as A's at n=16, twice as slow at n=256, twice as
	// fast at n=4096; n=64 is A's only.
	a := sweepEntry(day, []float64{16, 64, 256, 4096}, 10, 10, 10, 10)
	b := sweepEntry(day.Add(time.Hour), []float64{16, 256, 4096}, 10, 20, 5)
	m := newTestModel(t, 160, 48)
	s := newSide(m.common, a, b)
	s.SetSize(160, 40)
	want := []struct{ point, verdict string }{
		{"point 1 of 3: n=16", "~ no difference"},
		{"point 2 of 3: n=256", "2.00x slower"},
		{"point 3 of 3: n=4096", "2.00x faster"},
		{"point 1 of 3: n=16", "~ no difference"},
	}
	for i, w := range want {
		if i > 0 {
			s, _, _ = s.Update(keyMsg("right"))
		}
		v := s.View()
		if !strings.Contains(v, "sweep over n, "+w.point) || !strings.Contains(v, w.verdict) {
			t.Errorf("after %d presses of →: want %q and %q:\n%s", i, w.point, w.verdict, v)
		}
	}
	s, _, _ = s.Update(keyMsg("left"))
	if v := s.View(); !strings.Contains(v, "point 3 of 3: n=4096") {
		t.Errorf("← from the first point does not go round to the last:\n%s", v)
	}
	// A pair picked stays picked from point to point.
	s, _, _ = s.Update(keyMsg("a"))
	s, _, _ = s.Update(keyMsg("b"))
	s, _, _ = s.Update(keyMsg("right"))
	if v := s.View(); !strings.Contains(v, "A's slice against B's map") || !strings.Contains(v, "point 1 of 3") {
		t.Errorf("a picked pair at another point:\n%s", v)
	}
	checkFits(t, "side by side of two sweeps", s.View(), 160, 40)

	// A sweep beside a single run: the screen says which point stands
	// for the sweep.
	single := runs.Entry{Report: b.Report.Point(0)}
	v := newSide(m.common, a, single)
	v.SetSize(160, 40)
	if got := v.View(); !strings.Contains(got, "A is a sweep over n: its last point, n=4096, is compared") {
		t.Errorf("a sweep beside a single run does not say which point is compared:\n%s", got)
	}
}

// TestSideBySideSaysWhyOfTwoProfiledRuns puts two runs kept with profiles
// side by side: v shows, strategy by strategy, where B's time per
// operation went against A's, and comes back to the spectra.
func TestSideBySideSaysWhyOfTwoProfiledRuns(t *testing.T) {
	day := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	ra, rb := whyReport(), whyReport()
	// B's slice runs the map's code: slices.Contains is what it no
	// longer runs.
	rb.Strategies[0].Profile = rb.Strategies[1].Profile
	for _, r := range []*measure.Report{ra, rb} {
		r.Schema = measure.Schema
		for _, st := range r.Strategies {
			*st = *withReps(st)
		}
	}
	a, b := runs.Entry{Report: ra}, runs.Entry{Report: rb}
	a.Started, b.Started = day, day.Add(time.Hour)
	m := newTestModel(t, 160, 48)
	s := newSide(m.common, a, b)
	s.SetSize(160, 44)
	if v := s.View(); strings.Contains(v, "against A slice") || !strings.Contains(helpText(s.Help()), "spectra or why") {
		t.Fatalf("side by side opens on the spectra, with v in its help:\n%s\n%s", v, helpText(s.Help()))
	}
	s, _, _ = s.Update(keyMsg("v"))
	v := s.View()
	for _, want := range []string{"B slice against A slice", "slices.Contains", "B slice no longer runs it"} {
		if !strings.Contains(v, want) {
			t.Errorf("v: the why lacks %q:\n%s", want, v)
		}
	}
	checkFits(t, "side by side, why", v, 160, 44)
	s, _, _ = s.Update(keyMsg("v"))
	if v := s.View(); !strings.Contains(v, "B map against A map") {
		t.Errorf("v again: want the why of map:\n%s", v)
	}
	s, _, _ = s.Update(keyMsg("v"))
	if v := s.View(); strings.Contains(v, "against A map") || !strings.Contains(v, "no operation measured yet") {
		t.Errorf("v a third time: want the spectra back:\n%s", v)
	}
	s.SetSize(80, 24)
	s, _, _ = s.Update(keyMsg("v"))
	checkFits(t, "side by side, why at 80x24", s.View(), 80, 24)
}

// withReps gives a result ten repetitions at its profile's CPU time per
// operation, so that two runs of it can be compared.
func withReps(r *measure.Result) *measure.Result {
	out := repsOf(r.Name, r.Profile.CPUNsPerOp)
	out.Baseline, out.Profile = r.Baseline, r.Profile
	return out
}

// helpText is a screen's short help, as words.
func helpText(h helpKeys) string {
	var words []string
	for _, b := range h.short {
		words = append(words, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(words, " · ")
}
