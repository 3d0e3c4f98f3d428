package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

func TestReportJSONRoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, fakeReport()); err != nil {
		t.Fatal(err)
	}
	got, err := ReadJSON(&b)
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
	var b bytes.Buffer
	if err := WriteJSON(&b, fakeReport()); err != nil {
		t.Fatal(err)
	}
	whole := b.String()
	for name, tail := range map[string]string{"garbage": "garbage", "a second value": `{"schema":"x"}`, "a brace": "}"} {
		if _, err := ReadJSON(strings.NewReader(whole + tail)); err == nil {
			t.Errorf("a result followed by %s was accepted", name)
		}
	}
	if _, err := ReadJSON(strings.NewReader(whole + "\n\t \n")); err != nil {
		t.Errorf("a result followed by white space: %v", err)
	}
}
