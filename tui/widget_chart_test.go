package tui

import (
	"math"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
)

// syntheticSnapshot returns a snapshot of n subjects with points timeline
// points each, interleaved in time as the engine runs them; subject i is
// about 10^i times slower than subject 0.
func syntheticSnapshot(n, points int) measure.Snapshot {
	s := measure.Snapshot{Seq: points, Reps: 10, Rep: 3, Elapsed: time.Duration(n*points) * 100 * time.Millisecond}
	s.Estimate = 2 * s.Elapsed
	for i := range n {
		scale := math.Pow(10, float64(i))
		sub := measure.SubjectSnapshot{Name: "strategy" + string(rune('A'+i)), RepsDone: 3, Ops: int64(points * 1000)}
		for j := range points {
			at := time.Duration(j*n+i+1) * 100 * time.Millisecond
			p50 := int64(scale * float64(100+j%7))
			sub.Timeline = append(sub.Timeline, measure.Point{At: at, Warmup: j < 3, Ops: 1000, Throughput: 1e9 / float64(p50), P50: p50, P99: 3 * p50, Max: 10 * p50})
		}
		for k, pct := range measure.SpectrumPercentiles {
			sub.Spectrum = append(sub.Spectrum, measure.SpectrumPoint{Percentile: pct, Ns: int64(scale * float64(100+k*k))})
		}
		sub.Latency = measure.Percentiles{Count: sub.Ops, P50: int64(scale * 100), P99: int64(scale * 300), Max: int64(scale * 1000)}
		sub.Throughput = 1e7 / scale
		s.Subjects = append(s.Subjects, sub)
	}
	return s
}

func TestBinTimeline(t *testing.T) {
	tl := []measure.Point{
		{At: 100 * time.Millisecond, P50: 10},
		{At: 150 * time.Millisecond, P50: 1000},
		{At: 400 * time.Millisecond, P50: 0}, // an interval with no operation
		{At: 900 * time.Millisecond, P50: 100},
	}
	p50 := func(p measure.Point) float64 { return float64(p.P50) }
	got := binTimeline(tl, time.Second, 5, p50, aggMax)
	// Columns of 200ms: the first holds 10 and 1000, the next two hold
	// the last value, the fourth is empty too, the fifth holds 100.
	want := []float64{3, 3, 3, 3, 2}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Fatalf("binTimeline max = %v, want %v", got, want)
		}
	}
	got = binTimeline(tl, time.Second, 5, p50, aggMean)
	if math.Abs(got[0]-math.Log10(505)) > 1e-9 {
		t.Errorf("binTimeline mean of the first column = %v, want log10(505)", got[0])
	}
	late := binTimeline([]measure.Point{{At: 900 * time.Millisecond, P50: 10}}, time.Second, 5, p50, aggMean)
	if !math.IsNaN(late[0]) || late[4] != 1 {
		t.Errorf("a subject that starts late = %v, want NaN until its first point", late)
	}
}

func TestResample(t *testing.T) {
	if got := resample([]float64{0, 10}, 3); got[1] != 5 {
		t.Errorf("resample midpoint = %v, want 5", got[1])
	}
	if got := resample([]float64{7}, 3); got[2] != 7 {
		t.Errorf("resample of one point = %v, want it everywhere", got)
	}
}

func TestChartsFitAndLabel(t *testing.T) {
	st := NewStyles(asciiRenderer())
	snap := syntheticSnapshot(3, 100)
	names := []string{"strategyA", "strategyB", "strategyC"}
	var spectra [][]measure.SpectrumPoint
	for _, s := range snap.Subjects {
		spectra = append(spectra, s.Spectrum)
	}
	charts := map[string]chart{
		"latency":    latencyChart(snap.Subjects),
		"throughput": throughputChart(snap.Subjects),
		"spectrum":   spectrumChart(names, spectra),
	}
	for name, c := range charts {
		for _, sz := range [][2]int{{60, 12}, {158, 30}} {
			out := c.render(st, sz[0], sz[1])
			checkFits(t, name, out, sz[0], sz[1])
			for _, n := range names {
				if !strings.Contains(out, n) {
					t.Errorf("%s at %v: legend lacks %s:\n%s", name, sz, n, out)
				}
			}
		}
	}
	out := charts["spectrum"].render(st, 158, 30)
	if !strings.Contains(out, "p99.9") || strings.Contains(out, "p99.99") {
		t.Errorf("the spectrum's x axis does not end at p99.9:\n%s", out)
	}
	if !strings.Contains(charts["latency"].render(st, 158, 30), "100ns") {
		t.Error("the latency axis is not labelled in time units")
	}
}

func TestEmptyChart(t *testing.T) {
	st := NewStyles(asciiRenderer())
	subs := []measure.SubjectSnapshot{{Name: "a"}, {Name: "b"}}
	if got := latencyChart(subs).render(st, 80, 20); !strings.Contains(got, "waiting for the first interval") {
		t.Errorf("an empty latency chart shows %q", got)
	}
	if got := latencyChart(subs).render(st, 10, 3); !strings.Contains(got, "no room") {
		t.Errorf("a chart with no room shows %q", got)
	}
}

// sweepOver is a sweep over n at the values given, in that order, where
// slice grows linearly (n/4 ns) and map stays flat at map ns.
func sweepOver(mapNs float64, values ...float64) *measure.Sweep {
	var pts []measure.SweepPoint
	for _, n := range values {
		pts = append(pts, measure.SweepPoint{Value: n, Strategies: []*measure.Result{
			{Name: "slice", NsPerOp: measure.Summary{Median: n / 4}},
			{Name: "map", NsPerOp: measure.Summary{Median: mapNs}},
		}})
	}
	return measure.NewSweep("n", pts)
}

// fakeSweep is a sweep over n where slice grows linearly and map stays flat.
func fakeSweep() *measure.Sweep {
	sw := sweepOver(12, 16, 256, 4096, 65536)
	sw.Exponents = map[string]float64{"slice": 0.98, "map": 0.02}
	return sw
}

func TestGrowthCurve(t *testing.T) {
	st := NewStyles(asciiRenderer())
	for _, sz := range [][2]int{{60, 12}, {100, 24}, {158, 30}} {
		out := growthCurve(st, fakeSweep(), sz[0], sz[1])
		checkFits(t, "growth", out, sz[0], sz[1])
		for _, want := range []string{"against n", "16", "65536", "• slice", "+ map", "4.00ns"} {
			if !strings.Contains(out, want) {
				t.Errorf("growth curve at %v lacks %q:\n%s", sz, want, out)
			}
		}
	}
	if out := growthCurve(st, fakeSweep(), 100, 24); !strings.Contains(out, "16.4µs") {
		t.Errorf("the growth curve does not reach the slice's 16.4µs at n=65536:\n%s", out)
	}
	if out := growthCurve(st, fakeSweep(), 20, 4); !strings.Contains(out, "no room") {
		t.Errorf("a growth curve with no room shows %q", out)
	}
}

// plotColumns returns, for each mark, the columns of the plot it is drawn
// in: the cells right of the vertical axis of every line that has one. The
// plot is as wide as its horizontal axis but for the axis's last cell, so a
// curve that stops short leaves columns without its mark.
func plotColumns(view string, marks ...string) (in map[string]map[int]bool, cols int) {
	in = map[string]map[int]bool{}
	for _, m := range marks {
		in[m] = map[int]bool{}
	}
	for _, line := range strings.Split(view, "\n") {
		if i := strings.Index(line, "└"); i >= 0 {
			cols = len([]rune(strings.TrimRight(line[i:], " "))) - 2
		}
		i := strings.IndexAny(line, "┤┼")
		if i < 0 {
			continue
		}
		for c, r := range []rune(line[i:])[1:] {
			if set, ok := in[string(r)]; ok {
				set[c] = true
			}
		}
	}
	return in, cols
}

func TestSweepOutOfOrderDrawsTheWholeCurve(t *testing.T) {
	m := runningModel(t, 1)
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 60})
	rep := fakeReport()
	// Given out of order; map at 1 ns stays below slice, so that neither
	// line hides the other.
	rep.Sweep = sweepOver(1, 4096, 16, 256)
	m = update(m, reportMsg{id: 1, report: rep})
	in, cols := plotColumns(screen(m), "•", "+")
	if cols < minPlotCols {
		t.Fatalf("no growth curve on the results screen:\n%s", screen(m))
	}
	for mark, name := range map[string]string{"•": "slice", "+": "map"} {
		for c := range cols {
			if !in[mark][c] {
				t.Errorf("the %s line (%s) has nothing in column %d of %d: a segment of its curve is lost:\n%s", name, mark, c, cols, screen(m))
				break
			}
		}
	}
}

func TestResultsOfASweep(t *testing.T) {
	m := runningModel(t, 1)
	rep := fakeReport()
	rep.Sweep = fakeSweep()
	m = update(m, reportMsg{id: 1, report: rep})
	got := screen(m)
	if !strings.Contains(got, "growth curve") || !strings.Contains(got, "slice ∝ n^0.98") {
		t.Fatalf("results of a sweep do not open on the growth curve:\n%s", got)
	}
	m = press(m, "v")
	if got := screen(m); !strings.Contains(got, "percentile spectrum") {
		t.Errorf("v does not switch a sweep's results to the spectrum:\n%s", got)
	}
}

// TestSweptValuesAsSet checks that swept values read as they were set:
// 4096, not 4.1k.
func TestSweptValuesAsSet(t *testing.T) {
	for v, want := range map[float64]string{16: "16", 4096: "4096", 65536: "65536", 0.25: "0.25", 1e6: "1000000"} {
		if got := asSet(v); got != want {
			t.Errorf("asSet(%v) = %q, want %q", v, got, want)
		}
	}
	m := newTestModel(t, 160, 48)
	spec := labs.Spec{Path: "data-structures/membership", Sweep: &labs.SweepSpec{Param: "n", Values: []string{"16", "4096"}}}
	plan, err := spec.Plan()
	if err != nil {
		t.Fatal(err)
	}
	r := newRunModel(m.common, spec, plan)
	if got := runTitle(plan); !strings.Contains(got, "sweep n=16,4096") {
		t.Errorf("run title %q, want the sweep as set", got)
	}
	r.phase, r.point = phaseRunning, 1
	if got := ansi.Strip(r.header()); !strings.Contains(got, "n=4096 (2/2)") {
		t.Errorf("header %q, want n=4096 as set", got)
	}
}

// TestTimeAxisTicksDiffer labels the ticks of time axes of several spans:
// no two ticks read the same.
func TestTimeAxisTicksDiffer(t *testing.T) {
	for _, span := range []float64{0.05, 0.3, 0.7, 2.1, 9, 45} {
		label := secondsLabel(span)
		seen := map[string]bool{}
		for i := range maxTicks {
			l := label(span * float64(i) / (maxTicks - 1))
			if seen[l] {
				t.Errorf("span %gs: tick %q twice", span, l)
			}
			seen[l] = true
		}
	}
}

// TestNoColorGlyphsStandApartFromP99Dots checks that without colour no
// strategy's line is drawn with a glyph like the p99 dots.
func TestNoColorGlyphsStandApartFromP99Dots(t *testing.T) {
	for i := range len(seriesGlyphs) {
		if g := seriesGlyph(i); strings.ContainsAny(g, "·•.∙") {
			t.Errorf("strategy %d is drawn with %q, like the p99 dots", i, g)
		}
	}
}

// TestHeaderLeavesTheBackendOutWithATarget checks that a run of threads/io
// against a target of one's own does not head its screen with the
// loopback backend's latency and jitter, which do not act on it.
func TestHeaderLeavesTheBackendOutWithATarget(t *testing.T) {
	for target, want := range map[string]bool{"": true, "http://127.0.0.1:9/x": false} {
		plan, err := labs.Spec{Path: "threads/io", Params: map[string]string{"target": target}}.Plan()
		if err != nil {
			t.Fatal(err)
		}
		got := runTitle(plan)
		if has := strings.Contains(got, "latency=") || strings.Contains(got, "jitter="); has != want {
			t.Errorf("target %q: title %q; want the backend's latency and jitter shown: %v", target, got, want)
		}
	}
}
