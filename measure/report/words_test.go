package report

import (
	"testing"

	"github.com/perflab/perflab/measure"
)

func TestWordsSayTheVerdict(t *testing.T) {
	tests := []struct {
		c    measure.Comparison
		want string
	}{
		{measure.Comparison{Speedup: 31.2, SpeedupLo: 30.8, SpeedupHi: 31.6, Verdict: measure.Faster}, "31.2x faster ± 0.40"},
		{measure.Comparison{Speedup: 0.5, SpeedupLo: 0.45, SpeedupHi: 0.55, Verdict: measure.Slower}, "2.00x slower ± 0.20"},
		{measure.Comparison{Speedup: 1, Verdict: measure.Same}, "~ no difference"},
		{measure.Comparison{Verdict: measure.Inconclusive}, "? inconclusive"},
	}
	for _, tt := range tests {
		if got := Words(&tt.c); got != tt.want {
			t.Errorf("Words(%+v) = %q, want %q", tt.c, got, tt.want)
		}
	}
}

func TestSymbolPrintsSameAsATilde(t *testing.T) {
	for v, want := range map[measure.Verdict]string{
		measure.Faster: "faster", measure.Slower: "slower", measure.Same: "~", measure.Inconclusive: "inconclusive",
	} {
		if got := Symbol(v); got != want {
			t.Errorf("Symbol(%s) = %q, want %q", v, got, want)
		}
	}
}

func TestModeSaysHowTheRunLoadedItsSubjects(t *testing.T) {
	tests := []struct {
		r    measure.Report
		want string
	}{
		{measure.Report{Workers: 1}, "closed loop"},
		{measure.Report{Workers: 8}, "closed loop, 8 engine workers"},
		{measure.Report{Workers: 8, Rate: 500}, "open loop at 500/s, up to 8 in flight"},
	}
	for _, tt := range tests {
		if got := Mode(&tt.r); got != tt.want {
			t.Errorf("Mode(workers %d, rate %g) = %q, want %q", tt.r.Workers, tt.r.Rate, got, tt.want)
		}
	}
}
