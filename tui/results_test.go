package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// pages scrolls the results page from top to bottom and returns every line
// it showed.
func pages(m Model) string {
	var b strings.Builder
	for range 40 {
		b.WriteString(screen(m) + "\n")
		if m.results.page.AtBottom() {
			break
		}
		m = press(m, "pgdown")
	}
	return b.String()
}

// TestResultsShowEveryFigureAt80x24 reads the results of a fixed report at
// 80x24, page by page: every figure of every strategy's row is on a page,
// under its column's header, failed operations included.
func TestResultsShowEveryFigureAt80x24(t *testing.T) {
	rep := fakeReport()
	rep.Strategies[2].Errors = 17
	rep.Strategies[1].AllocsPerOp, rep.Strategies[1].BytesPerOp = ptr(3), ptr(104)
	m := runningModel(t, 1)
	m = update(m, reportMsg{id: 1, report: rep})
	m = update(m, tea80x24)
	got := pages(m)
	if first := screen(m); !strings.Contains(first, "✗ operations failed: binary 17 of 30000017") {
		t.Errorf("the failed operations are not in the header:\n%s", first)
	}
	for _, h := range []string{"ns/op", "95% CI", "vs baseline", "ops/s", "p50", "p99", "max", "allocs/op", "B/op", "errors"} {
		if !strings.Contains(got, h) {
			t.Errorf("no %q column on any page at 80x24:\n%s", h, got)
		}
	}
	for _, row := range report.Rows(rep) {
		for _, cell := range []string{row.NsPerOp, row.CI, row.Throughput, row.P50, row.P99, row.Max, row.Allocs, row.Bytes, row.Errors} {
			if !lineWith(got, row.Name, cell) {
				t.Errorf("%s: %q is on no line of its row at 80x24:\n%s", row.Name, cell, got)
			}
		}
	}
}

// lineWith reports whether a line of s holds both name and cell.
func lineWith(s, name, cell string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, name) && strings.Contains(l, cell) {
			return true
		}
	}
	return false
}

// TestResultsHelp checks that the results' help names e, and offers v only
// for results with a second graph.
func TestResultsHelp(t *testing.T) {
	m := runningModel(t, 1)
	m = update(m, reportMsg{id: 1, report: fakeReport()})
	m = update(m, tea160x48)
	got := screen(m)
	if !strings.Contains(got, "e save Markdown") {
		t.Errorf("the results' help does not name e:\n%s", got)
	}
	if strings.Contains(got, "v/tab") {
		t.Errorf("results without a growth curve offer v:\n%s", got)
	}
	if !strings.Contains(ansiStrip(m.help.View(resultsModel{common: m.common}.keys.resultsHelp(true, false, false))), "v/tab") {
		t.Error("results with a growth curve do not offer v")
	}
}

// TestResultsSayAWarningOnceAndWhyNothingWasMeasured shows results in which
// two strategies share a warning word for word and one measured nothing.
func TestResultsSayAWarningOnceAndWhyNothingWasMeasured(t *testing.T) {
	rep := fakeReport()
	same := "timed in batches of 886: percentiles are of batch means, not single operations"
	rep.Strategies[0].Warnings = []string{same}
	rep.Strategies[1].Warnings = []string{same}
	rep.RepDurationNs = 1
	b := rep.Strategies[2]
	b.Ops, b.NsPerOp, b.Spectrum, b.Throughput = 0, measure.Summary{}, nil, 0
	m := runningModel(t, 1)
	m = update(m, reportMsg{id: 1, report: rep})
	m = update(m, tea160x48)
	got := pages(m)
	if n := strings.Count(got, same); n != 1 || !strings.Contains(got, "⚠ slice, map: "+same) {
		t.Errorf("the shared warning is said %d times, want once naming both:\n%s", n, got)
	}
	if !strings.Contains(got, "binary: nothing measured: no operation finished within a repetition of 1ns") {
		t.Errorf("the results do not say why binary measured nothing:\n%s", got)
	}
}

// TestResultsNameTheSetUpsFieldsNotFlags shows results whose findings and
// reason point to a knob: the screen names the set-up's field, never the
// command line's flag.
func TestResultsNameTheSetUpsFieldsNotFlags(t *testing.T) {
	rep := fakeReport()
	rep.Strategies[0].Findings = []measure.Finding{{Kind: measure.FindingStall, StallNs: 4e6, Knob: measure.KnobRate}}
	rep.Findings = []measure.Finding{{Kind: measure.FindingTooFewRounds, Rounds: 3, Need: 6, Alpha: 0.05, Knob: measure.KnobReps}}
	m := runningModel(t, 1)
	m = update(m, reportMsg{id: 1, report: rep})
	m = update(m, tea160x48)
	got := pages(m)
	for _, want := range []string{"start operations at a fixed rate (arrival rate) to see it", "set repetitions to 6 or more"} {
		if !strings.Contains(strings.Join(strings.Fields(got), " "), want) {
			t.Errorf("results do not say %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "--rate") || strings.Contains(got, "--reps") {
		t.Errorf("results name a flag:\n%s", got)
	}
}

// longHeaderReport is fakeReport as threads/io has it: parameters enough to
// fill a 160-column title, and warnings enough to need scrolling, the last
// one saying "the last warning".
func longHeaderReport() *measure.Report {
	rep := fakeReport()
	rep.Lab, rep.Workload = "threads", "io"
	rep.Params = map[string]any{"tasks": 1000, "latency": "2ms", "jitter": "500µs", "pool": 64, "goroutines": 1000,
		"payload_bytes": 4096, "fanout": 16, "timeout": "10s", "retries": 3, "connections": 128, "keepalive": "true"}
	for i := range 12 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("warning %d of the run as a whole, long enough to take a line of its own", i))
	}
	rep.Warnings = append(rep.Warnings, "the last warning")
	return rep
}

// TestResultsKeepTheScrollHintAndEveryLineReachable shows results whose
// title is wider than the screen: the scroll hint stays on the first line,
// and scrolling to the bottom reaches the last warning, at both sizes.
func TestResultsKeepTheScrollHintAndEveryLineReachable(t *testing.T) {
	for _, size := range []tea.WindowSizeMsg{tea80x24, tea160x48} {
		m := runningModel(t, 1)
		m = update(m, reportMsg{id: 1, report: longHeaderReport()})
		m = update(m, size)
		first := strings.SplitN(screen(m), "\n", 2)[0]
		if !strings.Contains(first, "↓ scroll") {
			t.Errorf("%dx%d: the title line has no scroll hint: %q", size.Width, size.Height, first)
		}
		if got := pages(m); !strings.Contains(got, "the last warning") {
			t.Errorf("%dx%d: no page shows the last warning:\n%s", size.Width, size.Height, got)
		}
		for range 40 {
			m = press(m, "pgdown")
		}
		if !strings.Contains(screen(m), "the last warning") {
			t.Errorf("%dx%d: the bottom of the page does not show the last warning:\n%s", size.Width, size.Height, screen(m))
		}
	}
}
