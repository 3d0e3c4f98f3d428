package report

import (
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
)

// TestVoiceWordsFindings pins the command line's words for each finding,
// and checks that another voice names its own knobs and no flag.
func TestVoiceWordsFindings(t *testing.T) {
	tui := NewVoice(map[measure.Knob]string{measure.KnobRate: "arrival rate", measure.KnobReps: "repetitions"})
	tests := []struct {
		f        measure.Finding
		cli, tui string
	}{
		{measure.Finding{Kind: measure.FindingFailures, Count: 2, Of: 10, Causes: []string{"refused", "reset"}},
			"2 of 10 operations failed: refused; reset", ""},
		{measure.Finding{Kind: measure.FindingOutliers, Count: 1}, "1 outlier repetition (modified Z-score > 3.5)", ""},
		{measure.Finding{Kind: measure.FindingOutliers, Count: 3}, "3 outlier repetitions (modified Z-score > 3.5)", ""},
		{measure.Finding{Kind: measure.FindingBatched, Batch: 886}, "timed in batches of 886: percentiles are of batch means, not single operations", ""},
		{measure.Finding{Kind: measure.FindingBusyWorkers, Workers: 8, CPUs: 2}, "8 busy workers on 2 CPUs: latency includes waiting for a CPU", ""},
		{measure.Finding{Kind: measure.FindingStall, StallNs: int64(3508 * time.Microsecond), Knob: measure.KnobRate},
			"closed loop: a 3.508ms stall held back the operations behind it, so the tail understates latency (coordinated omission); start operations at a fixed rate (--rate) to see it",
			"closed loop: a 3.508ms stall held back the operations behind it, so the tail understates latency (coordinated omission); start operations at a fixed rate (arrival rate) to see it"},
		{measure.Finding{Kind: measure.FindingStall, StallNs: int64(time.Millisecond), SelfPaced: true}, "closed loop: a 1ms stall held back the operations behind it, so the tail understates latency (coordinated omission); this strategy paces itself, so read its tail as a lower bound (a workload with a rate parameter runs an open loop at it)", ""},
		{measure.Finding{Kind: measure.FindingRateMissed, TargetRate: 1000, AchievedRate: 612}, "open loop: achieved 612/s of the 1000/s target", ""},
		{measure.Finding{Kind: measure.FindingTooFewRounds, Rounds: 3, Need: 6, Alpha: 0.05, Knob: measure.KnobReps},
			"3 rounds: a verdict needs at least 6 at α=0.05; run with --reps 6 or more",
			"3 rounds: a verdict needs at least 6 at α=0.05; set repetitions to 6 or more"},
		{measure.Finding{Kind: measure.FindingNoise, Noise: 0.1, Per: "round", Need: 58, Margin: 0.05, BusyShare: 0.49, StealShare: 0.02},
			"this machine's noise, ±10.0% per round, needs about 58 rounds to see a 5% difference; other processes kept 49% of the CPUs busy and the hypervisor gave 2% of the CPU time to other guests (steal)", ""},
		{measure.Finding{Kind: measure.FindingNoise, Noise: 0.5, Per: "repetition", Need: -1, Margin: 0.05},
			"this machine's noise, ±50.0% per repetition, hides a 5% difference at any practical number of rounds", ""},
		{measure.Finding{Kind: measure.FindingCut, Count: 30, OpNs: int64(301760 * time.Microsecond), RepNs: int64(200 * time.Millisecond)},
			"30 operations in flight when a repetition of 200ms or the run's budget ended cut short, the longest after 301.76ms: counted nowhere", ""},
		{measure.Finding{Kind: measure.FindingLongOp, Count: 4, OpNs: int64(1300 * time.Millisecond), RepNs: int64(time.Millisecond), Uninterruptible: true, Knob: measure.KnobDuration},
			"4 operations took longer than the 1ms repetition (the longest 1.3s), so such a repetition lasted as long as its operation; one operation is never interrupted; run with --duration 2.6s or more",
			"4 operations took longer than the 1ms repetition (the longest 1.3s), so such a repetition lasted as long as its operation; one operation is never interrupted"},
		{measure.Finding{Kind: measure.FindingStartSkew, Count: 1, Of: 10, SkewNs: int64(145123 * time.Microsecond), ToleranceNs: int64(5 * time.Millisecond)},
			"the load generators started up to 145.12ms apart, over the 5ms promised, in 1 of 10 repetitions: their loads overlapped for less of those repetitions than asked", ""},
	}
	for _, tt := range tests {
		if got := CLI.Finding(tt.f); got != tt.cli {
			t.Errorf("CLI %+v:\n got %q\nwant %q", tt.f, got, tt.cli)
		}
		got := tui.Finding(tt.f)
		if tt.tui != "" && got != tt.tui {
			t.Errorf("TUI %+v:\n got %q\nwant %q", tt.f, got, tt.tui)
		}
		if strings.Contains(got, "--") {
			t.Errorf("TUI %+v names a flag: %q", tt.f, got)
		}
	}
}

// TestVoiceWordsReasons pins the words of each reason, with how the run
// ended and what would decide it.
func TestVoiceWordsReasons(t *testing.T) {
	seq, fixed := measure.MethodSequential, measure.MethodFixed
	tests := []struct {
		name string
		c    measure.Comparison
		want string
	}{
		{"no round", measure.Comparison{Method: seq, Why: &measure.Why{Kind: measure.WhyNoRound, Per: "round"}}, "no round finished"},
		{"cancelled before the interval", measure.Comparison{Method: seq, MoreRounds: 7, Noise: 0.031,
			Why: &measure.Why{Kind: measure.WhyTooFewRounds, Rounds: 5, Need: 12, Alpha: 0.05, Per: "round", Ended: measure.EndStopped, EndRound: 5}},
			"the run was stopped after 5 rounds: the interval needs at least 12 at α=0.05: needs about 7 more rounds at this noise (±3.1% per round)"},
		{"one more round", measure.Comparison{Method: seq, MoreRounds: 1, Noise: 0.02, Margin: 0.05,
			Why: &measure.Why{Kind: measure.WhyWide, Lo: 0.97, Hi: 1.06, Per: "round", Ended: measure.EndBudget, EndRound: 1, BudgetNs: int64(30 * time.Second)}},
			"the 30s budget ended after 1 round: the interval 0.970–1.060 is neither inside ±5% nor clear of 1: needs about 1 more round at this noise (±2.0% per round)"},
		{"fixed, too few", measure.Comparison{Method: fixed, MoreRounds: 2,
			Why: &measure.Why{Kind: measure.WhyTooFewRounds, Rounds: 4, Need: 6, Alpha: 0.05, Per: "round", Knob: measure.KnobReps}},
			"4 rounds: an interval needs at least 6; run with --reps 6 or more, or let the run go on until decided"},
		{"unpaired", measure.Comparison{Method: measure.MethodUnpaired, N: [2]int{3, 4}, MoreRounds: -1, Noise: 0.4,
			Why: &measure.Why{Kind: measure.WhyTooFewRounds, Alpha: 0.05, Per: "repetition"}},
			"3 and 4 repetitions: too few for an interval at α=0.05: at this noise (±40% per repetition) no practical number of repetitions in each run would decide"},
		{"failures", measure.Comparison{Method: seq, Why: &measure.Why{Kind: measure.WhyFailures, Failed: 3}}, "3 operations failed: a fast failure is not a fast operation"},
		{"saved before reasons were data", measure.Comparison{Reason: "an old reason, kept"}, "an old reason, kept"},
	}
	for _, tt := range tests {
		if got := CLI.Reason(&tt.c); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestThroughputNoteSaysWhichFigureIsWhich checks that where the verdict's
// speedup and the ratio of the ops/s columns differ (2.60x and 1.87x on
// machines/queue), the notes say which is which, and that they say nothing
// where the two agree.
func TestThroughputNoteSaysWhichFigureIsWhich(t *testing.T) {
	for _, tt := range []struct {
		throughput float64
		want       bool
	}{{187, true}, {258, false}} {
		r := &measure.Report{Strategies: []*measure.Result{
			{Name: "one", Throughput: 100},
			{Name: "four", Throughput: tt.throughput, VsBaseline: &measure.Comparison{Verdict: measure.Faster, Speedup: 2.6, SpeedupLo: 2.4, SpeedupHi: 2.8, Margin: 0.05}},
		}}
		var said string
		for _, n := range Notes(r, CLI) {
			if strings.Contains(n.Text, "median of the per-round ratios") {
				said = n.Text
			}
		}
		if got := said != ""; got != tt.want {
			t.Errorf("ops/s ratio %.2f beside a verdict of 2.6x: note %q, want one: %v", tt.throughput/100, said, tt.want)
		}
		if tt.want && (!strings.Contains(said, "2.60x") || !strings.Contains(said, "1.87x")) {
			t.Errorf("note %q: want it to name both figures, 2.60x and 1.87x", said)
		}
	}
}

// TestJSONWritesWordsBesideFindings checks that the JSON contract keeps its
// strings, in the command line's words, beside the findings, and that a
// run saved before findings existed reads back with its own words.
func TestJSONWritesWordsBesideFindings(t *testing.T) {
	r := &measure.Report{Schema: measure.Schema, Findings: []measure.Finding{{Kind: measure.FindingTooFewRounds, Rounds: 3, Need: 6, Alpha: 0.05, Knob: measure.KnobReps}},
		Strategies: []*measure.Result{{Name: "a", Findings: []measure.Finding{}}, {Name: "b", Findings: []measure.Finding{{Kind: measure.FindingBatched, Batch: 10}},
			VsBaseline: &measure.Comparison{Method: measure.MethodSequential, Why: &measure.Why{Kind: measure.WhyNoRound, Per: "round"}}}}}
	b := written(t, WriteJSON, r)
	for _, want := range []string{`"warnings": [`, `"reason": "no round finished"`, `"kind": "batched"`, `"timed in batches of 10`, `run with --reps 6 or more`} {
		if !strings.Contains(b, want) {
			t.Errorf("JSON lacks %s:\n%s", want, b)
		}
	}
	if r.Warnings != nil || r.Strategies[1].VsBaseline.Reason != "" {
		t.Errorf("WriteJSON wrote its words into the report it was given: %q, %q", r.Warnings, r.Strategies[1].VsBaseline.Reason)
	}
	if strings.Contains(b, `"warnings": null`) {
		t.Errorf("JSON has null warnings, want []:\n%s", b)
	}
	old := `{"schema": "` + measure.Schema + `", "warnings": ["an old warning"], "strategies": [{"name": "a", "warnings": ["its own"], "vs_baseline": {"reason": "an old reason"}}]}`
	got, err := ReadJSON(strings.NewReader(old))
	if err != nil {
		t.Fatal(err)
	}
	if w := CLI.Findings(got.Findings, got.Warnings); len(w) != 1 || w[0] != "an old warning" {
		t.Errorf("old run warnings %q, want its own", w)
	}
	if w := CLI.Reason(got.Strategies[0].VsBaseline); w != "an old reason" {
		t.Errorf("old run reason %q, want its own", w)
	}
}
