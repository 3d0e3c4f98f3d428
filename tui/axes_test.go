package tui

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
	"github.com/perflab/perflab/measure/report"
)

// axisRange reads the least and greatest labels of a graph's vertical axis
// ("40.9M/s┤", " 5.43µs┤").
func axisRange(t *testing.T, graph string) (lo, hi float64) {
	t.Helper()
	label := regexp.MustCompile(`^\s*(\S+)┤`)
	lo, hi = -1, -1
	for _, line := range strings.Split(ansi.Strip(graph), "\n") {
		m := label.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		v := parseFigure(t, m[1])
		if lo < 0 || v < lo {
			lo = v
		}
		hi = max(hi, v)
	}
	if hi < 0 {
		t.Fatalf("no axis labels in the graph:\n%s", graph)
	}
	return lo, hi
}

// parseFigure reads a figure as report formats it: "2.62µs", "60.2M/s".
func parseFigure(t *testing.T, s string) float64 {
	t.Helper()
	s = strings.TrimSuffix(s, "/s")
	units := []struct {
		suffix string
		scale  float64
	}{{"ns", 1}, {"µs", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"k", 1e3}, {"M", 1e6}, {"G", 1e9}}
	scale := 1.0
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, scale = strings.TrimSuffix(s, u.suffix), u.scale
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("figure %q: %v", s, err)
	}
	return v * scale
}

// spin is an operation of about a microsecond that the compiler keeps.
func spin(n int) int {
	x := 1
	for i := range n * 300 {
		x = x*31 + i
	}
	return x
}

// TestAxesAgreeWithTable runs the engine for real, with repetitions as long
// as one collection interval (the case in which the last collection of a
// repetition comes just after a tick), and checks that the live graphs'
// axes hold the table's figures of the same snapshot: the throughput axis
// must bracket each strategy's ops/s without reaching far past it or the
// fastest interval drawn, and the
// latency axis each p50 below the greatest max.
func TestAxesAgreeWithTable(t *testing.T) {
	measuretest.NoLeaks(t)
	var sink int
	subject := func(name string, n int) *measure.Subject {
		return &measure.Subject{Name: name, Batch: measure.BatchNever, Loop: func(_ context.Context, _, ops int) error {
			for range ops {
				sink += spin(n)
			}
			return nil
		}}
	}
	cfg := measure.Config{Reps: 3, RepDuration: 100 * time.Millisecond, Interval: 100 * time.Millisecond}
	run, err := measure.Start(context.Background(), cfg, []*measure.Subject{subject("short", 1), subject("long", 10)})
	if err != nil {
		t.Fatal(err)
	}
	var last measure.Snapshot
	for s := range run.Snapshots() {
		last = s
	}
	if _, err := run.Wait(); err != nil {
		t.Fatal(err)
	}
	_ = sink

	st := NewStyles(asciiRenderer())
	lo, hi := axisRange(t, throughputChart(last.Subjects).render(st, 160, 30))
	for _, s := range last.Subjects {
		if s.Throughput < lo/2 || s.Throughput > hi*2 {
			t.Errorf("%s: table %s, throughput axis %s to %s", s.Name, report.FormatRate(s.Throughput), report.FormatRate(lo), report.FormatRate(hi))
		}
	}
	// The axis holds the timeline it draws: on a loaded machine one
	// interval may run several times faster than the run's mean, and the
	// axis must reach it, but not far past it.
	var top float64
	for _, s := range last.Subjects {
		top = max(top, s.Throughput)
		for _, p := range s.Timeline {
			top = max(top, p.Throughput)
		}
	}
	if hi > 3*top {
		t.Errorf("throughput axis reaches %s, the fastest in the table or the timeline is %s", report.FormatRate(hi), report.FormatRate(top))
	}
	lo, hi = axisRange(t, latencyChart(last.Subjects).render(st, 160, 30))
	var maxNs float64
	for _, s := range last.Subjects {
		maxNs = max(maxNs, float64(s.Latency.Max))
		if p50 := float64(s.Latency.P50); p50 < lo/2 || p50 > hi*2 {
			t.Errorf("%s: table p50 %s, latency axis %s to %s", s.Name, report.FormatNs(p50), report.FormatNs(lo), report.FormatNs(hi))
		}
	}
	if hi > 2*maxNs {
		t.Errorf("latency axis reaches %s, the greatest max in the table is %s", report.FormatNs(hi), report.FormatNs(maxNs))
	}
}
