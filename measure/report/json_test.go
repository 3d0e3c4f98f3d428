package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

func TestReportJSONRoundTrip(t *testing.T) {
	b := written(t, WriteJSON, fakeReport())
	got, err := ReadJSON(strings.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	want := fakeReport()
	if got.Strategies[1].VsBaseline.Verdict != measure.Faster || got.Strategies[1].VsBaseline.Speedup != 150.6 {
		t.Errorf("comparison = %+v", got.Strategies[1].VsBaseline)
	}
	if g, w := got.Strategies[0].Histogram.H, want.Strategies[0].Histogram.H; !g.Equals(w) {
		t.Error("the histogram did not survive the round trip")
	}
	if _, err := ReadJSON(strings.NewReader(`{"schema":"other/v9"}`)); err == nil {
		t.Error("a report of another schema was accepted")
	}
}

func TestReadJSONRefusesMoreAfterTheResult(t *testing.T) {
	whole := written(t, WriteJSON, fakeReport())
	for name, tail := range map[string]string{"garbage": "garbage", "a second value": `{"schema":"x"}`, "a brace": "}"} {
		if _, err := ReadJSON(strings.NewReader(whole + tail)); err == nil {
			t.Errorf("a result followed by %s was accepted", name)
		}
	}
	if _, err := ReadJSON(strings.NewReader(whole + "\n\t \n")); err != nil {
		t.Errorf("a result followed by white space: %v", err)
	}
}

// TestJSONDeltaSaysInconclusiveDistinctly pins the delta of the JSON
// contract to the table's delta column: "?" for inconclusive, never the
// "~" of "no difference" the engine leaves in an undecided comparison.
func TestJSONDeltaSaysInconclusiveDistinctly(t *testing.T) {
	comparisons := map[string]measure.Comparison{
		"-50.00%": {Speedup: 2, Verdict: measure.Faster, Delta: "-50.00%", Decided: true},
		"~":       {Speedup: 1, Verdict: measure.Same, Delta: "~", Decided: true},
		"?":       {Speedup: 1.3, Verdict: measure.Inconclusive, Delta: "~"},
	}
	for want, c := range comparisons {
		r := fakeReport()
		vs := c
		r.Strategies[1].VsBaseline = &vs
		b := written(t, WriteJSON, r)
		got, err := ReadJSON(strings.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if g := got.Strategies[1].VsBaseline.Delta; g != want {
			t.Errorf("%s: run JSON delta = %q, want %q", c.Verdict, g, want)
		}
		if r.Strategies[1].VsBaseline.Delta != c.Delta {
			t.Errorf("%s: writing the JSON changed the report's own delta to %q", c.Verdict, r.Strategies[1].VsBaseline.Delta)
		}
		d := &measure.Diff{Lab: "l", Workload: "w", Rows: []measure.DiffRow{{Name: "s", Vs: c}}}
		var diff bytes.Buffer
		if err := WriteDiffJSON(&diff, d); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(diff.String(), `"delta": "`+want+`"`) {
			t.Errorf("%s: diff JSON lacks delta %q:\n%s", c.Verdict, want, diff.String())
		}
	}
}
