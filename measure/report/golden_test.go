package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
)

// update rewrites the golden files from what the writers write now. The
// flag has the name the TUI's goldens already use, so that one command
// line regenerates the goldens of both after a deliberate change:
// go test ./tui ./measure/report -update.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// checkGolden compares got with the golden file testdata/golden/name, or
// writes it under -update. A golden that differs fails the test with both
// texts, so that a reviewer sees what moved.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read the golden file (go test ./measure/report -run Golden -update writes it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden file (after a deliberate change: go test ./measure/report -run Golden -update)\n--- got:\n%s\n--- want:\n%s", path, got, want)
	}
}

// goldenReport is fakeReport with everything a writer may print filled
// in at fixed values: the machine, the start, findings of the run and of a
// strategy, a reason as figures, a strategy's own metrics. The histogram
// is left out: its encoding is compressed, and a change of Go's compressor
// is not a change of perflab's output.
func goldenReport() *measure.Report {
	r := fakeReport()
	r.Design, r.Alpha, r.Margin = "fixed", 0.05, 0.05
	r.Started = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	r.ElapsedNs = 4.2e9
	r.Env = &measure.Env{GoVersion: "go1.26.8", GOOS: "linux", GOARCH: "amd64", CPUs: 2, GOMAXPROCS: 2}
	r.Findings = []measure.Finding{{Kind: measure.FindingBusyWorkers, Workers: 4, CPUs: 2}}
	for _, s := range r.Strategies {
		s.Histogram = nil
	}
	r.Strategies[1].Warnings = nil
	r.Strategies[1].Batch = 600
	r.Strategies[1].Findings = []measure.Finding{{Kind: measure.FindingBatched, Batch: 600}}
	r.Strategies[1].Metrics = map[string]float64{"hit_ratio": 0.5, "keys": 10000}
	noisy := r.Strategies[3].VsBaseline
	noisy.Reason, noisy.Method = "", measure.MethodFixed
	noisy.Why = &measure.Why{Kind: measure.WhyTooFewRounds, Rounds: 3, Need: 6, Alpha: 0.05, Per: "round", Knob: measure.KnobReps}
	return r
}

// goldenSweep is goldenReport swept over n, as sweepReport is fakeReport.
func goldenSweep() *measure.Report {
	r := goldenReport()
	sw := sweepReport()
	for _, p := range sw.Sweep.Points {
		for _, s := range p.Strategies {
			s.Histogram = nil
		}
	}
	r.Sweep, r.Strategies, r.Params = sw.Sweep, sw.Strategies, sw.Params
	return r
}

// TestGoldenFormats pins every format of a run, plain and swept, byte for
// byte: a change to a writer shows as a changed file in review.
func TestGoldenFormats(t *testing.T) {
	for _, name := range FormatNames {
		for _, c := range []struct {
			prefix string
			report func() *measure.Report
		}{{"run", goldenReport}, {"sweep", goldenSweep}} {
			t.Run(c.prefix+"."+name, func(t *testing.T) {
				var b bytes.Buffer
				if err := Formats[name](&b, c.report()); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, c.prefix+"."+name+".golden", b.Bytes())
			})
		}
	}
}

// goldenDiff is a comparison of two kept runs with a verdict of each kind,
// a reason as figures, a strategy's own figure that moved, strategies only
// one run has, and machines and parameters that differ.
func goldenDiff() *measure.Diff {
	one, two := 1.0, 3.0
	return &measure.Diff{
		Schema: measure.DiffSchema, Lab: "data-structures", Workload: "membership",
		OldParams: map[string]any{"n": 10000}, NewParams: map[string]any{"n": 20000},
		OldEnv: &measure.Env{GoVersion: "go1.26.7", GOOS: "linux", GOARCH: "amd64", CPUs: 2, GOMAXPROCS: 2},
		NewEnv: &measure.Env{GoVersion: "go1.26.8", GOOS: "linux", GOARCH: "amd64", CPUs: 4, GOMAXPROCS: 4},
		Rows: []measure.DiffRow{
			{Name: "slice", Old: measure.Summary{Median: 2500, Lo: 2490, Hi: 2510}, New: measure.Summary{Median: 1250, Lo: 1245, Hi: 1255},
				Vs:       measure.Comparison{Speedup: 2, SpeedupLo: 1.99, SpeedupHi: 2.01, P: 0.0002, N: [2]int{8, 8}, Verdict: measure.Faster, Delta: "-50.00%", Method: measure.MethodUnpaired, Decided: true},
				OldP99Ns: 3100, NewP99Ns: 1600, OldAllocs: &one, NewAllocs: &one, OldBytes: &two, NewBytes: &two},
			{Name: "map", Old: measure.Summary{Median: 16.6, Lo: 16.5, Hi: 16.7}, New: measure.Summary{Median: 16.6, Lo: 16.5, Hi: 16.7},
				Vs:       measure.Comparison{Speedup: 1, SpeedupLo: 0.99, SpeedupHi: 1.01, P: 0.8, N: [2]int{8, 8}, Verdict: measure.Same, Delta: "~", Method: measure.MethodUnpaired, Decided: true},
				OldP99Ns: 19, NewP99Ns: 19},
			{Name: "sorted", Old: measure.Summary{Median: 40, Lo: 30, Hi: 50}, New: measure.Summary{Median: 45, Lo: 33, Hi: 60},
				Vs: measure.Comparison{Speedup: 0.89, P: 0.3, N: [2]int{3, 3}, Verdict: measure.Inconclusive,
					Method: measure.MethodUnpaired, Noise: 0.12, MoreRounds: 9,
					Why: &measure.Why{Kind: measure.WhyTooFewRounds, Rounds: 3, Alpha: 0.05, Per: "repetition", Knob: measure.KnobReps}},
				OldP99Ns: 90, NewP99Ns: 120},
		},
		OnlyOld: []string{"map#2"}, OnlyNew: []string{"btree"},
	}
}

// TestGoldenDiffFormats pins every format of perflab compare, the
// gobench one with the two runs it writes in full.
func TestGoldenDiffFormats(t *testing.T) {
	old, new := goldenReport(), goldenReport()
	new.Params = map[string]any{"n": 20000, "hit_ratio": 0.5}
	for _, name := range DiffFormatNames {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := DiffFormats[name](&b, goldenDiff(), old, new); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "diff."+name+".golden", b.Bytes())
		})
	}
}
