package report

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// sweepOf builds a sweep whose strategies cost costs[name](n) at each n.
func sweepOf(ns []float64, costs map[string]func(n float64) float64, order ...string) *measure.Sweep {
	var pts []measure.SweepPoint
	for _, n := range ns {
		p := measure.SweepPoint{Value: n}
		for _, name := range order {
			ns := costs[name](n)
			p.Strategies = append(p.Strategies, &measure.Result{Name: name, NsPerOp: measure.Summary{Median: ns, Lo: ns, Hi: ns}})
		}
		pts = append(pts, p)
	}
	return measure.NewSweep("n", pts)
}

func TestWriteTableShowsGrowth(t *testing.T) {
	s := sweepOf([]float64{16, 256, 4096}, map[string]func(float64) float64{
		"slice": func(n float64) float64 { return 2 * n },
		"map":   func(n float64) float64 { return 15 },
	}, "slice", "map")
	last := s.Points[len(s.Points)-1]
	r := &measure.Report{Schema: measure.Schema, Lab: "data-structures", Workload: "membership", Reps: 10, Strategies: last.Strategies, Sweep: s}

	table := written(t, WriteTable, r)
	out := table
	wantAll(t, "table output", out, "ns/op as n grows", "last point, n=4096", "exponent", "1.00", "0.00", "8.19µs", "15.0ns", "• slice", "+ map", "4096")

	md := written(t, WriteMarkdown, r)
	if !strings.Contains(md, "| n | slice | map |") || !strings.Contains(md, "| exponent | 1.00 | 0.00 |") {
		t.Errorf("markdown lacks the growth table:\n%s", md)
	}
}
