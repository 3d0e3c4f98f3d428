package report

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

func TestOpenLoopNote(t *testing.T) {
	closed := &measure.Result{Name: "a", P50Ns: 1000}
	if got := OpenLoopNote(closed); got != "" {
		t.Errorf("closed loop: note %q, want none", got)
	}
	open := &measure.Result{
		Name: "b", P50Ns: 2_000_000, P99Ns: 50_000_000, MaxNs: 60_000_000,
		Service:  &measure.ServiceTime{P50Ns: 1_500_000, P99Ns: 16_000_000, MaxNs: 52_000_000},
		OpenLoop: &measure.OpenLoopStats{TargetRate: 2000, AchievedRate: 1980, Late: 12, Dropped: 3},
	}
	got := OpenLoopNote(open)
	for _, want := range []string{"response p50 2.00ms p99 50.0ms", "service p50 1.50ms p99 16.0ms", "target 2.00k/s", "achieved 1.98k/s", "12 late", "3 dropped"} {
		if !strings.Contains(got, want) {
			t.Errorf("note %q lacks %q", got, want)
		}
	}
}
