package tui

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

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

func TestResampleAndPlace(t *testing.T) {
	if got := resample([]float64{0, 10}, 3); got[1] != 5 {
		t.Errorf("resample midpoint = %v, want 5", got[1])
	}
	if got := resample([]float64{7}, 3); got[2] != 7 {
		t.Errorf("resample of one point = %v, want it everywhere", got)
	}
	got := placeXY([]float64{1, 2}, []float64{10, 20}, 0, 2, 5)
	// Columns at x = 0, 0.5, 1, 1.5, 2: NaN before the first point.
	if !math.IsNaN(got[0]) || !math.IsNaN(got[1]) || got[2] != 10 || got[3] != 15 || got[4] != 20 {
		t.Errorf("placeXY = %v, want [NaN NaN 10 15 20]", got)
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

// fakeSweep is a sweep over n where slice grows linearly and map stays flat.
func fakeSweep() *measure.Sweep {
	sw := &measure.Sweep{Param: "n", Exponents: map[string]float64{"slice": 0.98, "map": 0.02}}
	for _, n := range []float64{16, 256, 4096, 65536} {
		sw.Points = append(sw.Points, measure.SweepPoint{Value: n, Strategies: []*measure.Result{
			{Name: "slice", NsPerOp: measure.Summary{Median: n / 4}},
			{Name: "map", NsPerOp: measure.Summary{Median: 12}},
		}})
	}
	return sw
}

func TestGrowthChart(t *testing.T) {
	st := NewStyles(asciiRenderer())
	out := ansi.Strip(growthChart(fakeSweep()).render(st, 100, 24))
	checkFits(t, "growth", out, 100, 24)
	for _, want := range []string{"n=16", "n=65.5k", "slice ∝ n^0.98", "map ∝ n^0.02", "16.4µs", "4.00ns"} {
		if !strings.Contains(out, want) {
			t.Errorf("growth chart lacks %q:\n%s", want, out)
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

func TestFormatCount(t *testing.T) {
	for v, want := range map[float64]string{16: "16", 84.45: "84.5", 445.7: "446", 2353: "2.35k", 65536: "65.5k", 1048576: "1.05M", 0.25: "0.25"} {
		if got := formatCount(v); got != want {
			t.Errorf("formatCount(%v) = %q, want %q", v, got, want)
		}
	}
}
