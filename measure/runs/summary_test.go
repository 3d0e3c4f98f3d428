package runs

import (
	"testing"

	"github.com/perflab/perflab/measure"
)

func TestVerdicts(t *testing.T) {
	rep := &measure.Report{Strategies: []*measure.Result{
		{Name: "slice", Baseline: true},
		{Name: "map", VsBaseline: &measure.Comparison{Verdict: measure.Same}},
	}}
	if got, want := (Entry{Report: rep}).Verdicts(), "map ~ no difference"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	rep.Cancelled = true
	if got, want := (Entry{Report: rep}).Verdicts(), "cancelled: map ~ no difference"; got != want {
		t.Errorf("cancelled: got %q, want %q", got, want)
	}
	rep.Strategies = rep.Strategies[:1]
	if got, want := (Entry{Report: rep}).Verdicts(), "cancelled: no comparison"; got != want {
		t.Errorf("cancelled, nothing compared: got %q, want %q", got, want)
	}
}

func TestASweepIsListedAsASweep(t *testing.T) {
	last := []*measure.Result{{Name: "slice", Baseline: true}, {Name: "map", VsBaseline: &measure.Comparison{Verdict: measure.Same}}}
	rep := &measure.Report{Params: map[string]any{"n": 4096.0, "hit_ratio": 0.5}, Strategies: last,
		Sweep: &measure.Sweep{Param: "n", Points: []measure.SweepPoint{{Value: 16}, {Value: 256}, {Value: 4096, Strategies: last}}}}
	e := Entry{Report: rep}
	if got, want := e.Params(), "sweep n=16,256,4096 hit_ratio=0.5"; got != want {
		t.Errorf("Params() = %q, want %q", got, want)
	}
	if got, want := e.Verdicts(), "at n=4096: map ~ no difference"; got != want {
		t.Errorf("Verdicts() = %q, want %q", got, want)
	}
	if got := (Entry{Report: &measure.Report{}}).SweepText(); got != "" {
		t.Errorf("SweepText of a plain run = %q", got)
	}
}
