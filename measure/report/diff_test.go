package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

func TestWriteDiffTableSaysEveryVerdictAndWhatIsNotShared(t *testing.T) {
	d := &measure.Diff{
		Lab: "data-structures", Workload: "membership",
		OldParams: map[string]any{"n": 10000}, NewParams: map[string]any{"n": 10000},
		Rows: []measure.DiffRow{
			{Name: "slice", Old: measure.Summary{Median: 2500, Lo: 2490, Hi: 2510}, New: measure.Summary{Median: 1250, Lo: 1245, Hi: 1255},
				Vs: measure.Comparison{Speedup: 2, SpeedupLo: 1.99, SpeedupHi: 2.01, P: 0.0002, N: [2]int{8, 8}, Verdict: measure.Faster, Delta: "-50.00%"}},
			{Name: "map", Old: measure.Summary{Median: 16.6, Lo: 16.5, Hi: 16.7}, New: measure.Summary{Median: 16.6, Lo: 16.5, Hi: 16.7},
				Vs: measure.Comparison{Speedup: 1, SpeedupLo: 0.99, SpeedupHi: 1.01, P: 0.8, N: [2]int{8, 8}, Verdict: measure.Same, Delta: "~"}},
		},
		OnlyOld: []string{"map#2"}, OnlyNew: []string{"btree"},
	}
	var b bytes.Buffer
	if err := WriteDiffTable(&b, d); err != nil {
		t.Fatal(err)
	}
	wantAll(t, "table", b.String(), "2.00x faster", "~ no difference", "only in old: map#2", "only in new: btree")
	if strings.Contains(b.String(), "parameters differ") {
		t.Errorf("the parameters are the same, but the table says they differ:\n%s", b.String())
	}
	d.NewParams = map[string]any{"n": 20000}
	b.Reset()
	if err := WriteDiffTable(&b, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "the parameters differ") {
		t.Errorf("table lacks the note that the parameters differ:\n%s", b.String())
	}
}

func TestMachineDiff(t *testing.T) {
	a := &measure.Env{GoVersion: "go1.23.0", GOOS: "linux", GOARCH: "amd64", CPUs: 8, GOMAXPROCS: 8}
	b := &measure.Env{GoVersion: "go1.24.1", GOOS: "darwin", GOARCH: "arm64", CPUs: 10, GOMAXPROCS: 10}
	tests := []struct {
		old, new *measure.Env
		want     string
	}{
		{a, a, ""},
		{a, nil, ""},
		{a, b, "the machines differ: CPUs 8 (GOMAXPROCS 8) → 10 (GOMAXPROCS 10), Go go1.23.0 → go1.24.1, OS linux/amd64 → darwin/arm64"},
	}
	for _, tt := range tests {
		if got := MachineDiff(tt.old, tt.new); got != tt.want {
			t.Errorf("MachineDiff = %q, want %q", got, tt.want)
		}
	}
}

// TestDiffNotesSayHowDeclaredFiguresMoved checks that a strategy's own
// figure, declared with a direction, is put side by side in a diff's notes
// when it moved, and left out when it did not.
func TestDiffNotesSayHowDeclaredFiguresMoved(t *testing.T) {
	measure.DeclareMetric(measure.Metric{Name: "test_threads", Better: measure.Lower, Meaning: "threads"})
	d := &measure.Diff{Rows: []measure.DiffRow{
		{Name: "pool", OldFigures: map[string]float64{"test_threads": 12}, NewFigures: map[string]float64{"test_threads": 40}},
		{Name: "seq", OldFigures: map[string]float64{"test_threads": 3}, NewFigures: map[string]float64{"test_threads": 3}},
	}}
	notes := strings.Join(DiffNotes(d, "old", "new", CLI), "\n")
	if !strings.Contains(notes, "pool: test_threads 12 → 40") || strings.Contains(notes, "seq:") {
		t.Errorf("notes %q, want pool's threads 12 → 40 and nothing of seq", notes)
	}
}
