package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// resultsModel is the results screen: the comparison table with verdicts,
// the final graph and the notes, in a scrollable page.
type resultsModel struct {
	*common
	spec   labs.Spec
	report *measure.Report
	// err is the run's error beside a report: a subject that failed.
	err error
	// graph is viewSpectrum or, for a sweep, viewGrowth.
	graph     graphView
	helpLines int
	page      viewport.Model
	// saved is the outcome of the last save or export.
	saved savedMsg
}

func newResults(c *common, spec labs.Spec, rep *measure.Report, err error) resultsModel {
	r := resultsModel{common: c, spec: spec, report: rep, err: err, graph: viewSpectrum}
	if rep.Sweep != nil && len(rep.Sweep.Points) > 0 {
		r.graph = viewGrowth
	}
	r.page = viewport.New(0, 0)
	return r
}

// layout sizes the page and draws its content.
func (r *resultsModel) layout(helpLines int) {
	if r.common == nil || r.report == nil {
		return
	}
	r.helpLines = helpLines
	r.page.Width = r.width
	r.page.Height = max(1, r.height-helpLines-lineCount(r.header()))
	r.page.SetContent(r.content())
}

// view draws the header and the page.
func (r resultsModel) view() string {
	if r.report == nil {
		return ""
	}
	return r.header() + "\n" + r.page.View()
}

// header names the run, how it was measured and how it ended.
func (r resultsModel) header() string {
	st := r.styles
	rep := r.report
	title := st.Title.Render("perflab") + "  " + st.Bold.Render(strings.Trim(rep.Lab+"/"+rep.Workload, "/")+"  "+report.FormatParams(rep.Params))
	if r.page.TotalLineCount() > r.page.Height && r.page.Height > 0 {
		more := fmt.Sprintf("↓ scroll (%.0f%%)", 100*r.page.ScrollPercent())
		title += strings.Repeat(" ", max(2, r.width-lipgloss.Width(title)-lipgloss.Width(more))) + st.Faint.Render(more)
	}
	sub := st.Subtitle.Render(fmt.Sprintf("%d reps of %v · %s · %s · engine overhead %.1f ns/op timed, %.2f batched",
		rep.Reps, time.Duration(rep.RepDurationNs), report.Mode(rep), roundDuration(time.Duration(rep.ElapsedNs)), rep.Overhead.PerOp, rep.Overhead.Batched))
	lines := []string{fitWidth(title, r.width), fitWidth(sub, r.width)}
	switch {
	case rep.Cancelled:
		lines = append(lines, st.Banner.Render(fitWidth(fmt.Sprintf("⚠ cancelled after %v: partial results, from the finished repetitions only", roundDuration(time.Duration(rep.ElapsedNs))), r.width)))
	case r.err != nil:
		lines = append(lines, st.Error.Render(fitWidth("✗ the run failed: "+r.err.Error(), r.width)))
	}
	if note := r.savedNote(); note != "" {
		lines = append(lines, note)
	}
	return strings.Join(lines, "\n") + "\n"
}

// content is the scrollable page: table, graph, sweep table and notes.
func (r resultsModel) content() string {
	st := r.styles
	tbl := r.table()
	graphH := max(10, min(24, r.page.Height-lineCount(tbl)-3))
	parts := []string{tbl, "", r.graphTitle(), r.chart().render(st, r.width, graphH)}
	if r.graph == viewGrowth {
		parts = append(parts, "", r.sweepTable())
	}
	if notes := r.notes(); notes != "" {
		parts = append(parts, "", notes)
	}
	return strings.Join(parts, "\n")
}

// table is the comparison: baseline first, each strategy's median ns/op
// with its interval, the ratio, p and n, the verdict in words.
func (r resultsModel) table() string {
	st := r.styles
	t := table{
		headers: []string{"strategy", "ns/op", "95% CI", "vs baseline", "p", "n", "ops/s", "p50", "p99", "max", "allocs/op", "B/op", "errors"},
		right:   []bool{false, true, true, false, true, true, true, true, true, true, true, true, true},
	}
	for i, row := range report.Rows(r.report) {
		vs := st.Faint.Render(row.Vs)
		if row.Verdict != "" {
			vs = st.Verdict(row.Verdict, row.Vs)
		}
		t.rows = append(t.rows, []string{
			st.SeriesName(i, row.Name), row.NsPerOp, row.CI, vs, row.P, row.N,
			row.Throughput, row.P50, row.P99, row.Max, row.Allocs, row.Bytes, row.Errors,
		})
	}
	return t.render(st, r.width)
}

func (r resultsModel) graphTitle() string {
	st := r.styles
	switch r.graph {
	case viewGrowth:
		return st.Bold.Render("growth curve") + st.Faint.Render(" · median ns/op against "+r.report.Sweep.Param+", both log scales: the slope is the exponent")
	}
	return st.Bold.Render("percentile spectrum") + st.Faint.Render(" · latency at each percentile of the measured repetitions, log scale")
}

// chart returns the graph on show.
func (r resultsModel) chart() chart {
	if r.graph == viewGrowth {
		return growthChart(r.report.Sweep)
	}
	names := make([]string, len(r.report.Strategies))
	spectra := make([][]measure.SpectrumPoint, len(r.report.Strategies))
	for i, s := range r.report.Strategies {
		names[i], spectra[i] = s.Name, s.Spectrum
	}
	return spectrumChart(names, spectra)
}

// sweepTable lists the median ns/op of each strategy at each swept value.
func (r resultsModel) sweepTable() string {
	sw := r.report.Sweep
	t := table{headers: []string{sw.Param}, right: []bool{true}}
	var names []string
	if len(sw.Points) > 0 {
		for _, s := range sw.Points[0].Strategies {
			names = append(names, s.Name)
			t.headers = append(t.headers, s.Name)
			t.right = append(t.right, true)
		}
	}
	for _, p := range sw.Points {
		row := []string{strconv.FormatFloat(p.Value, 'g', -1, 64)}
		for _, n := range names {
			cell := "-"
			if res := resultNamed(p.Strategies, n); res != nil {
				cell = report.FormatNs(res.NsPerOp.Median)
			}
			row = append(row, cell)
		}
		t.rows = append(t.rows, row)
	}
	exp := make([]string, 0, len(names))
	for _, n := range names {
		if e, ok := sw.Exponents[n]; ok {
			exp = append(exp, fmt.Sprintf("%s ∝ %s^%.2f", n, sw.Param, e))
		}
	}
	out := t.render(r.styles, r.width)
	if len(exp) > 0 {
		out += "\n" + r.styles.Faint.Render(fitWidth("growth: "+strings.Join(exp, ", "), r.width))
	}
	return out
}

// notes explain the verdicts and list the metrics and warnings, wrapped.
func (r resultsModel) notes() string {
	st := r.styles
	w := max(20, r.width-4)
	var lines []string
	add := func(style lipgloss.Style, mark, text string) {
		lines = append(lines, style.Render(mark)+" "+strings.ReplaceAll(wrap(text, w), "\n", "\n  "))
	}
	for _, s := range r.report.Strategies {
		if c := s.VsBaseline; c != nil && c.Reason != "" {
			add(st.Verdicts[c.Verdict], "?", fmt.Sprintf("%s is %s: %s", s.Name, c.Verdict, c.Reason))
		}
	}
	for _, s := range r.report.Strategies {
		if len(s.Metrics) > 0 {
			add(st.Faint, "·", s.Name+": "+report.FormatMetrics(s.Metrics))
		}
		if note := report.OpenLoopNote(s); note != "" {
			add(st.Faint, "·", s.Name+": "+note)
		}
	}
	for _, s := range r.report.Strategies {
		for _, warn := range s.Warnings {
			add(st.Warning, "⚠", s.Name+": "+warn)
		}
	}
	for _, warn := range r.report.Warnings {
		add(st.Warning, "⚠", warn)
	}
	return strings.Join(lines, "\n")
}

// updateResults handles the results screen's keys: rerun, back to the
// set-up, switch graph, quit; the rest scroll the page.
func (m Model) updateResults(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, m.keys.Rerun):
			return m.beginRun(m.results.spec)
		case key.Matches(k, m.keys.Setup):
			m.state = stateSetup
			return m, m.setup.focusCmd()
		case key.Matches(k, m.keys.Quit):
			return m, tea.Quit
		case key.Matches(k, m.keys.Save):
			return m, saveReport(m.saveDir, m.results.report, "json")
		case key.Matches(k, m.keys.Export):
			return m, saveReport(m.saveDir, m.results.report, "markdown")
		case key.Matches(k, m.keys.Graph):
			if m.results.report.Sweep != nil && len(m.results.report.Sweep.Points) > 0 {
				if m.results.graph == viewGrowth {
					m.results.graph = viewSpectrum
				} else {
					m.results.graph = viewGrowth
				}
				m.results.layout(m.results.helpLines)
			}
			return m, nil
		}
	}
	if saved, ok := msg.(savedMsg); ok {
		m.results.saved = saved
		m.results.layout(m.results.helpLines)
		return m, nil
	}
	var cmd tea.Cmd
	m.results.page, cmd = m.results.page.Update(msg)
	return m, cmd
}
