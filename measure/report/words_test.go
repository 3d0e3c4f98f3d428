package report

import (
	"bytes"
	"strings"
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

// An inconclusive comparison's delta is "?", not the "~" the engine leaves
// in it: "~" means "no difference" everywhere else, and the legend under
// the table says which is which.
func TestDiffTableMarksInconclusiveDeltaWithQuestionMark(t *testing.T) {
	d := &measure.Diff{
		Lab: "data-structures", Workload: "membership",
		Rows: []measure.DiffRow{
			{Name: "map", Vs: measure.Comparison{Speedup: 1, P: 0.8, N: [2]int{8, 8}, Verdict: measure.Same, Delta: "~", Margin: 0.05}},
			{Name: "binary", Vs: measure.Comparison{Speedup: 1.3, P: 0.3, N: [2]int{3, 3}, Verdict: measure.Inconclusive, Delta: "~"}},
		},
	}
	if got := DiffCells(&d.Rows[1])[6]; got != "?" {
		t.Errorf("the inconclusive row's delta reads %q, want ?", got)
	}
	if got := DiffCells(&d.Rows[0])[6]; got != "~" {
		t.Errorf("the row with no difference reads %q in its delta, want ~", got)
	}
	var b bytes.Buffer
	if err := WriteDiffTable(&b, d); err != nil {
		t.Fatal(err)
	}
	if want := "delta: ~ no difference (inside ±5%), ? inconclusive"; !strings.Contains(b.String(), want) {
		t.Errorf("the table lacks the legend %q:\n%s", want, b.String())
	}
}

func TestDeltaMark(t *testing.T) {
	for _, tc := range []struct {
		c    measure.Comparison
		want string
	}{
		{measure.Comparison{Verdict: measure.Faster, Delta: "-50.00%"}, "-50.00%"},
		{measure.Comparison{Verdict: measure.Slower, Delta: "+10.00%"}, "+10.00%"},
		{measure.Comparison{Verdict: measure.Same, Delta: "~"}, "~"},
		{measure.Comparison{Verdict: measure.Inconclusive, Delta: "~"}, "?"},
		{measure.Comparison{Verdict: measure.Inconclusive}, "?"},
	} {
		if got := DeltaMark(&tc.c); got != tc.want {
			t.Errorf("DeltaMark(%s, %q) = %q, want %q", tc.c.Verdict, tc.c.Delta, got, tc.want)
		}
	}
}
