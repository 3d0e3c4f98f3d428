package report

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// written returns what write writes of r, and fails the test if write
// fails: every writer's test starts so.
func written(t *testing.T, write func(io.Writer, *measure.Report) error, r *measure.Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// wantAll fails the test for each of wants that out, the output named
// what, lacks.
func wantAll(t *testing.T, what, out string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, out)
		}
	}
}

// fakeReport is a fixed report, as if measured, for the writers' tests.
func fakeReport() *measure.Report {
	zero := 0.0
	h := measure.NewHistogram()
	for i := int64(1); i <= 100; i++ {
		_ = h.RecordValue(i * 100)
	}
	return &measure.Report{
		Schema: measure.Schema, Lab: "data-structures", Workload: "membership",
		Params: map[string]any{"n": 10000, "hit_ratio": 0.5}, Reps: 10, RepDurationNs: 1e8, Workers: 1,
		Overhead: measure.Overhead{PerOp: 41, Batched: 0.2},
		Strategies: []*measure.Result{
			{Name: "slice", Baseline: true, Ops: 123456, NsPerOp: measure.Summary{Median: 2500, Lo: 2480, Hi: 2530}, Throughput: 400000,
				P50Ns: 2490, P90Ns: 2600, P99Ns: 3100, P999Ns: 5200, MaxNs: 90000, AllocsPerOp: &zero, BytesPerOp: &zero,
				Warnings: []string{}, Reps: []measure.Rep{{Ops: 1000, ElapsedNs: 2.5e6, NsPerOp: 2500}}, Histogram: &measure.Histogram{H: h}},
			{Name: "map", Ops: 9e6, NsPerOp: measure.Summary{Median: 16.6, Lo: 16.4, Hi: 16.9}, Throughput: 6e7, P50Ns: 16, P90Ns: 17, P99Ns: 19,
				P999Ns: 25, MaxNs: 900, AllocsPerOp: &zero, BytesPerOp: &zero, Warnings: []string{"timed in batches of 600"},
				Reps:       []measure.Rep{{Ops: 600000, ElapsedNs: 1e7, NsPerOp: 16.6}},
				VsBaseline: &measure.Comparison{Speedup: 150.6, SpeedupLo: 146.7, SpeedupHi: 154.3, P: 0.0002, N: [2]int{10, 10}, Verdict: measure.Faster, Delta: "-99.34%"}},
			{Name: "map#2", NsPerOp: measure.Summary{Median: 16.7, Lo: 16.4, Hi: 17.0}, Warnings: []string{},
				VsBaseline: &measure.Comparison{Speedup: 1.0, SpeedupLo: 0.97, SpeedupHi: 1.03, P: 0.41, N: [2]int{10, 10}, Verdict: measure.Same, Delta: "~"}},
			{Name: "noisy", NsPerOp: measure.Summary{Median: 17, Lo: 9, Hi: 30}, Warnings: []string{},
				VsBaseline: &measure.Comparison{Speedup: 147, P: 0.2, N: [2]int{3, 3}, Verdict: measure.Inconclusive, Reason: "3 repetitions: a confidence interval needs at least 6 of each"}},
		},
		Warnings: []string{},
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
	r.Sweep = measure.NewSweep("n", []measure.SweepPoint{{Value: 16, Strategies: r.Strategies}, {Value: 256, Strategies: r.Strategies}})
	for _, markdown := range []bool{false, true} {
		if err := writeGrowth(failingWriter{}, r.Sweep, markdown); err == nil {
			t.Errorf("growth table (markdown %v): no error from a failing writer", markdown)
		}
	}
}

func TestEveryFormatIsNamed(t *testing.T) {
	if len(FormatNames) != len(Formats) {
		t.Fatalf("%d names for %d formats", len(FormatNames), len(Formats))
	}
	for _, name := range FormatNames {
		if Formats[name] == nil {
			t.Errorf("format %q is named but has no writer", name)
		}
	}
}
