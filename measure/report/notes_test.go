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

// TestNotesSayAWarningOnce gives three strategies warnings, two of them
// word for word the same: that one is said once, naming both.
func TestNotesSayAWarningOnce(t *testing.T) {
	r := fakeReport()
	co := "closed loop: a 10ms stall held back the operations behind it"
	r.Strategies[0].Warnings = []string{co, "noisy: ns/op varies 14%"}
	r.Strategies[1].Warnings = []string{"noisy: ns/op varies 19%"}
	r.Strategies[2].Warnings = []string{co}
	var got []string
	for _, n := range Notes(r, CLI) {
		if n.Kind == NoteWarning {
			got = append(got, n.Text)
		}
	}
	want := []string{"slice, map#2: " + co, "slice: noisy: ns/op varies 14%", "map: noisy: ns/op varies 19%"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNotesSayWhyNothingWasMeasured checks the note of a strategy with no
// operation: a repetition too short, or a run cancelled too soon.
func TestNotesSayWhyNothingWasMeasured(t *testing.T) {
	r := fakeReport()
	r.RepDurationNs = 1
	r.Strategies = r.Strategies[2:3] // map#2 has no operations
	r.Strategies[0].NsPerOp = measure.Summary{}
	notes := Notes(r, CLI)
	if len(notes) == 0 || !strings.Contains(notes[0].Text, "map#2: nothing measured: no operation finished within a repetition of 1ns; make the duration longer") {
		t.Errorf("notes %+v, want why map#2 measured nothing", notes)
	}
	r.Cancelled = true
	if notes := Notes(r, CLI); !strings.Contains(notes[0].Text, "cancelled before it finished a repetition") {
		t.Errorf("notes of a cancelled run %+v", notes)
	}
}

// TestNotesSayWhatADeclaredFigureIs checks that a strategy's own figure
// is explained once, in the words of its declaration, the one place that
// says what it means (the probe declares peak_goroutines so).
func TestNotesSayWhatADeclaredFigureIs(t *testing.T) {
	measure.DeclareMetric(measure.Metric{Name: "test_peak_goroutines", Meaning: "the most goroutines of the whole process at once"})
	r := fakeReport()
	r.Strategies[0].Metrics = map[string]float64{"test_peak_goroutines": 3041}
	r.Strategies[1].Metrics = map[string]float64{"test_peak_goroutines": 20, "hit_ratio": 0.8}
	var got []string
	for _, n := range Notes(r, CLI) {
		if strings.Contains(n.Text, "test_peak_goroutines is") {
			got = append(got, n.Text)
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "test_peak_goroutines is the most goroutines of the whole process at once") || strings.Contains(got[0], "hit_ratio is") {
		t.Errorf("notes explaining test_peak_goroutines: %q, want it once, in its declaration's words", got)
	}
}

// TestProcessAllocationsAreMarked checks that allocation figures that are the
// whole process's carry a mark, and a note says what they take in.
func TestProcessAllocationsAreMarked(t *testing.T) {
	r := fakeReport()
	r.Strategies[1].AllocsScope = measure.AllocsOfProcess
	rows := Rows(r)
	if rows[0].Allocs != "0" || rows[1].Allocs != "0"+ProcessMark || rows[1].Bytes != "0"+ProcessMark {
		t.Errorf("allocs %q and %q, want the process-wide one marked", rows[0].Allocs, rows[1].Allocs)
	}
	found := false
	for _, n := range Notes(r, CLI) {
		found = found || strings.HasPrefix(n.Text, ProcessMark+" allocations of a strategy that runs its own goroutines")
	}
	if !found {
		t.Error("no note says what the marked allocations are")
	}
}
