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
