package report

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/profile"
)

// whyReport is a run of a slice scan against a map whose profiles are
// known: the scan spends 90 % of its time in slices.Contains, the map none,
// and both run under the engine's worker.
func whyReport() *measure.Report {
	worker := "github.com/perflab/perflab/measure.(*subjectState).worker"
	contains := "slices.Contains[go.shape.[]int,go.shape.int]"
	mapaccess := "internal/runtime/maps.(*Map).getWithKeySmall"
	slice := &profile.Summary{Ops: 1000, Samples: 100, PeriodNs: 10_000_000, CPUNsPerOp: 1e6,
		Funcs: []profile.Frame{
			{Func: worker, CumNs: 1e6, CumErr: 1e5, CumSamples: 100, CumShare: 1},
			{Func: contains, FlatNs: 9e5, CumNs: 9e5, CumErr: 9.5e4, FlatSamples: 90, CumSamples: 90, CumShare: 0.9},
		}}
	m := &profile.Summary{Ops: 100000, Samples: 100, PeriodNs: 10_000_000, CPUNsPerOp: 1e4,
		Funcs: []profile.Frame{
			{Func: worker, CumNs: 1e4, CumErr: 1e3, CumSamples: 100, CumShare: 1},
			{Func: mapaccess, FlatNs: 6e3, CumNs: 6e3, CumErr: 7.7e2, FlatSamples: 60, CumSamples: 60, CumShare: 0.6},
		}}
	return &measure.Report{Lab: "data-structures", Workload: "membership", ProfileNs: 2e9,
		Strategies: []*measure.Result{{Name: "slice", Baseline: true, Profile: slice}, {Name: "map", Profile: m}}}
}

func TestWhyNamesWhatTheFasterNoLongerDoes(t *testing.T) {
	out := written(t, writeWhy, whyReport())
	wantAll(t, "the why", out,
		"map against slice:",
		"slices.Contains[go.shape.[]int,go.shape.int]  900µs (90%)",
		"map no longer runs it",
		"internal/runtime/maps.(*Map).getWithKeySmall",
		"only map runs it",
		"slice: 100 samples over 1000 operations, 1.00ms of CPU an operation",
	)
	if strings.Contains(out, "subjectState).worker") {
		t.Errorf("the why lists the frame both strategies run under:\n%s", out)
	}
	// The first row is the largest difference: the slice scan's.
	lines := strings.Split(out, "\n")
	i := lineIndex(lines, "map against slice:")
	if i < 0 || !strings.Contains(lines[i+2], "slices.Contains") {
		t.Errorf("the first difference is not slices.Contains:\n%s", out)
	}
}

func lineIndex(lines []string, s string) int {
	for i, l := range lines {
		if l == s {
			return i
		}
	}
	return -1
}

func TestWhyOnlyWithProfiles(t *testing.T) {
	r := whyReport()
	r.Strategies[0].Profile = nil
	buf := written(t, WriteTable, r)
	if strings.Contains(buf, "why:") {
		t.Errorf("a run without profiles has a why:\n%s", buf)
	}
	buf = written(t, WriteMarkdown, whyReport())
	if !strings.Contains(buf, "```text\nwhy: ") || !strings.Contains(buf, "map no longer runs it") {
		t.Errorf("the Markdown lacks the why in a block:\n%s", buf)
	}
}

func TestShortFunc(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"github.com/perflab/perflab/labs/datastructures.sliceSet.contains", "datastructures.sliceSet.contains"},
		{"slices.Contains[go.shape.[]int,go.shape.int]", "slices.Contains[go.shape.[]int,go.shape.int]"},
		{"example.com/a.F[example.com/b.T]", "a.F[example.com/b.T]"},
		{"runtime.memmove", "runtime.memmove"},
		{"internal/sync.(*Mutex).Unlock", "internal/sync.(*Mutex).Unlock"},
	} {
		if got := ShortFunc(tc.in); got != tc.want {
			t.Errorf("ShortFunc(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWhyLeadSaysWhereTheTimeWent(t *testing.T) {
	rep := whyReport()
	got := WhyLead(rep)
	want := "slice: 90% of its time per operation under slices.Contains[…]; map: 60% under internal/runtime/maps.(*Map).getWithKeySmall, in 1.0% of the slice's time per operation"
	if got != want {
		t.Errorf("WhyLead =\n%s\nwant\n%s", got, want)
	}
	rep.Strategies[1].Profile = nil
	if got := WhyLead(rep); got != "" {
		t.Errorf("without the other's profile: %q, want nothing", got)
	}
}

func TestWhyLeadTakesTheFastest(t *testing.T) {
	rep := whyReport()
	slow := *rep.Strategies[1]
	slow.Name = "sorted"
	rep.Strategies[1].VsBaseline = &measure.Comparison{Speedup: 100}
	slow.VsBaseline = &measure.Comparison{Speedup: 3}
	rep.Strategies = append(rep.Strategies, &slow)
	if got := WhyLead(rep); !strings.Contains(got, "; map: ") {
		t.Errorf("WhyLead = %q, want the map, the fastest", got)
	}
}

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		share float64
		want  string
	}{{0.96, "96%"}, {0.042, "4.2%"}, {0.0025, "0.25%"}, {0.001, "0.1%"}} {
		if got := percent(c.share); got != c.want {
			t.Errorf("percent(%v) = %s, want %s", c.share, got, c.want)
		}
	}
}

// TestWhyOfAStrategyProfiledInItsOwnProcess checks that a strategy profiled
// by its own process (a Python worker) is not said to allocate nothing:
// its allocations were not seen.
func TestWhyOfAStrategyProfiledInItsOwnProcess(t *testing.T) {
	rep := whyReport()
	rep.Strategies[1].Profile.OwnProcess = true
	out := written(t, writeWhy, rep)
	wantAll(t, "the why", out,
		// The map's allocations were not seen; the slice's were.
		"map: 100 samples over 100000 operations, 10.0µs of CPU an operation, profiled in its own process, whose allocations it does not see",
		"slice: 100 samples over 1000 operations, 1.00ms of CPU an operation, 0 B allocated")
}

// TestWhySaysItsRoundsWereCut checks that profiles of profiling rounds a
// stop cut short say so, and that the measured rounds stand.
func TestWhySaysItsRoundsWereCut(t *testing.T) {
	rep := whyReport()
	rep.ProfileCut = true
	wantAll(t, "the why", written(t, writeWhy, rep), "rounds after the measured ones (cut short by a stop or the time bound: the measured rounds above are whole)")
}
