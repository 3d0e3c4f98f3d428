package measure

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// fakeReport is a fixed report, as if measured, for the writers' tests.
func fakeReport() *Report {
	zero := 0.0
	h := NewHistogram()
	for i := int64(1); i <= 100; i++ {
		_ = h.RecordValue(i * 100)
	}
	return &Report{
		Schema: Schema, Lab: "data-structures", Workload: "membership",
		Params: map[string]any{"n": 10000, "hit_ratio": 0.5}, Reps: 10, RepDurationNs: 1e8, Workers: 1,
		Overhead: Overhead{PerOp: 41, Batched: 0.2},
		Strategies: []*Result{
			{Name: "slice", Baseline: true, Ops: 123456, NsPerOp: Summary{2500, 2480, 2530}, Throughput: 400000,
				P50Ns: 2490, P90Ns: 2600, P99Ns: 3100, P999Ns: 5200, MaxNs: 90000, AllocsPerOp: &zero, BytesPerOp: &zero,
				Warnings: []string{}, Reps: []Rep{{Ops: 1000, ElapsedNs: 2.5e6, NsPerOp: 2500}}, Histogram: &Histogram{H: h}},
			{Name: "map", Ops: 9e6, NsPerOp: Summary{16.6, 16.4, 16.9}, Throughput: 6e7, P50Ns: 16, P90Ns: 17, P99Ns: 19,
				P999Ns: 25, MaxNs: 900, AllocsPerOp: &zero, BytesPerOp: &zero, Warnings: []string{"timed in batches of 600"},
				Reps:       []Rep{{Ops: 600000, ElapsedNs: 1e7, NsPerOp: 16.6}},
				VsBaseline: &Comparison{Speedup: 150.6, SpeedupLo: 146.7, SpeedupHi: 154.3, P: 0.0002, N: [2]int{10, 10}, Verdict: Faster, Delta: "-99.34%"}},
			{Name: "map#2", NsPerOp: Summary{16.7, 16.4, 17.0}, Warnings: []string{},
				VsBaseline: &Comparison{Speedup: 1.0, SpeedupLo: 0.97, SpeedupHi: 1.03, P: 0.41, N: [2]int{10, 10}, Verdict: Same, Delta: "~"}},
			{Name: "noisy", NsPerOp: Summary{17, 9, 30}, Warnings: []string{},
				VsBaseline: &Comparison{Speedup: 147, P: 0.2, N: [2]int{3, 3}, Verdict: Inconclusive, Reason: "3 repetitions: a confidence interval needs at least 6 of each"}},
		},
		Warnings: []string{},
	}
}

func TestWordsSayTheVerdict(t *testing.T) {
	tests := []struct {
		c    Comparison
		want string
	}{
		{Comparison{Speedup: 31.2, SpeedupLo: 30.8, SpeedupHi: 31.6, Verdict: Faster}, "31.2x faster ± 0.40"},
		{Comparison{Speedup: 0.5, SpeedupLo: 0.45, SpeedupHi: 0.55, Verdict: Slower}, "2.00x slower ± 0.20"},
		{Comparison{Speedup: 1, Verdict: Same}, "~ no difference"},
		{Comparison{Verdict: Inconclusive}, "? inconclusive"},
	}
	for _, tt := range tests {
		if got := tt.c.Words(); got != tt.want {
			t.Errorf("Words(%+v) = %q, want %q", tt.c, got, tt.want)
		}
	}
}

func TestFormatNs(t *testing.T) {
	for ns, want := range map[float64]string{0.42: "0.42ns", 16.6: "16.6ns", 2500: "2.50µs", 1.5e6: "1.50ms", 2.25e9: "2.25s", 123456: "123µs"} {
		if got := FormatNs(ns); got != want {
			t.Errorf("FormatNs(%g) = %q, want %q", ns, got, want)
		}
	}
	if got := FormatRate(6e7); got != "60.0M/s" {
		t.Errorf("FormatRate(6e7) = %q", got)
	}
}

func TestWriteTableIsAlignedAndComplete(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTable(&b, fakeReport()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	lines := strings.Split(out, "\n")
	var header string
	var rows []string
	for i, l := range lines {
		if strings.HasPrefix(l, "strategy") {
			header, rows = l, lines[i+1:i+5]
			break
		}
	}
	// Columns are aligned in characters, not bytes ("µs", "–").
	runeIndex := func(s, sub string) int {
		i := strings.Index(s, sub)
		if i < 0 {
			return -1
		}
		return utf8.RuneCountInString(s[:i])
	}
	col := runeIndex(header, "vs baseline")
	if col < 0 {
		t.Fatalf("no header in:\n%s", out)
	}
	for _, want := range []string{"baseline", "151x faster ± 3.80", "~ no difference", "? inconclusive"} {
		found := false
		for _, r := range rows {
			if runeIndex(r, want) == col {
				found = true
			}
		}
		if !found {
			t.Errorf("no row has %q under the vs baseline column:\n%s", want, out)
		}
	}
	for _, want := range []string{"n=10000", "noisy: inconclusive because 3 repetitions", "warning: map: timed in batches", "p=0.0002"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

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
	if got.Strategies[1].VsBaseline.Verdict != Faster || got.Strategies[1].VsBaseline.Speedup != 150.6 {
		t.Errorf("comparison = %+v", got.Strategies[1].VsBaseline)
	}
	if g, w := got.Strategies[0].Histogram.H, want.Strategies[0].Histogram.H; !equalHist(g, w) {
		t.Error("the histogram did not survive the round trip")
	}
	if _, err := ReadJSON(strings.NewReader(`{"schema":"other/v9"}`)); err == nil {
		t.Error("a report of another schema was accepted")
	}
}

func TestWriteGoBenchFeedsBenchstat(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGoBench(&b, fakeReport()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"BenchmarkMembership/Slice\t1000\t2500 ns/op\t0 B/op\t0 allocs/op", "BenchmarkMembership/Map\t600000\t16.6 ns/op"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("gobench output lacks %q:\n%s", want, b.String())
		}
	}
}

func TestWriteCSVAndMarkdown(t *testing.T) {
	var c, m bytes.Buffer
	if err := WriteCSV(&c, fakeReport()); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(c.String(), "\n"); lines != 5 {
		t.Errorf("CSV has %d lines, want a header and 4 rows:\n%s", lines, c.String())
	}
	if err := WriteMarkdown(&m, fakeReport()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.String(), "| map | 16.6ns |") {
		t.Errorf("markdown lacks the map row:\n%s", m.String())
	}
}

// failingWriter fails every write, as a full disk or a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestWritersReportAFailedWrite writes a report with no notes, warnings or
// sweep, whose last line is a table row, in every format to a writer that
// fails: every format must say so rather than succeed with nothing written.
func TestWritersReportAFailedWrite(t *testing.T) {
	r := fakeReport()
	r.Strategies = r.Strategies[:2]
	r.Strategies[1].Warnings = nil
	for _, name := range FormatNames {
		if err := Formats[name](failingWriter{}, r); err == nil {
			t.Errorf("%s: writing to a failing writer returned no error", name)
		}
	}
	r.Sweep = NewSweep("n", []SweepPoint{{Value: 16, Strategies: r.Strategies}, {Value: 256, Strategies: r.Strategies}})
	for _, markdown := range []bool{false, true} {
		if err := writeGrowth(failingWriter{}, r.Sweep, markdown); err == nil {
			t.Errorf("growth table (markdown %v): no error from a failing writer", markdown)
		}
	}
}
