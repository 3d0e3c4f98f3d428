package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// resultsModel is the results screen: the comparison table with verdicts,
// the final graph and the notes, in a scrollable page.
type resultsModel struct {
	common
	spec   labs.Spec
	report *measure.Report
	// workload, when known, leaves idle parameters out of the header.
	workload *lab.Workload
	// err is the run's error beside a report: a subject that failed.
	err error
	// profileErr is why a kept run's profiles could not be read back.
	profileErr error
	// graph is viewSpectrum or, for a sweep, viewGrowth, or viewWhy.
	graph graphView
	// why is the pair of strategies the why view compares, whyMode how
	// it draws them, and trees their call trees, read once.
	why     whyPair
	whyMode whyMode
	trees   *whyTrees
	page    viewport.Model
	// saveDir is where w and e write; saved is the outcome of the last
	// save or export.
	saveDir string
	saved   savedMsg
	// kept is where the run was kept in the runs folder.
	kept keptMsg
	// fromRuns says the results are of a run replayed from the runs
	// screen, which esc goes back to; s still opens its set-up.
	fromRuns bool
}

func newResults(c common, spec labs.Spec, rep *measure.Report, err error, saveDir string) resultsModel {
	r := resultsModel{common: c, spec: spec, report: rep, err: err, graph: viewSpectrum, saveDir: saveDir, trees: newWhyTrees(rep)}
	if r.hasGrowth() {
		r.graph = viewGrowth
	}
	r.page = viewport.New(0, 0)
	return r
}

// resultsOf shows the results of a run that ended; fromRuns says it was
// replayed from the runs screen, which esc goes back to.
func resultsOf(c common, ended runEndedMsg, fromRuns bool, saveDir string) resultsModel {
	r := newResults(c, ended.spec, ended.report, ended.err, saveDir)
	r.workload, r.fromRuns, r.profileErr = ended.workload, fromRuns, ended.profileErr
	return r
}

// hasGrowth reports whether the results are a sweep's, with a growth curve.
func (r resultsModel) hasGrowth() bool {
	return r.report != nil && r.report.Sweep != nil && len(r.report.Sweep.Points) > 0
}

// SetSize sizes the page and draws its content.
func (r *resultsModel) SetSize(width, height int) {
	r.common.SetSize(width, height)
	r.layout()
}

// layout draws the page again in the screen's size.
func (r *resultsModel) layout() {
	if r.report == nil {
		return
	}
	r.page.Width = r.width
	r.page.Height = max(1, r.height-lineCount(r.header()))
	r.page.SetContent(r.content())
}

// Help names the results screen's keys.
func (r resultsModel) Help() helpKeys {
	return r.keys.resultsHelp(len(r.graphs()) > 1, r.graph == viewWhy, r.fromRuns)
}

// View draws the header and the page.
func (r resultsModel) View() string {
	if r.report == nil {
		return ""
	}
	header := r.header()
	if h := max(1, r.height-lineCount(header)); h != r.page.Height {
		// The header grew or shrank since the page was laid out: the page
		// takes what is left, so that its last line is still the screen's
		// when scrolled to the bottom.
		r.page.Height = h
		r.page.SetContent(r.content())
	}
	return header + "\n" + r.page.View()
}

// header names the run, how it was measured and how it ended.
func (r resultsModel) header() string {
	st := r.styles
	rep := r.report
	params := rep.Params
	if r.workload != nil {
		params = r.workload.InEffect(params)
	}
	title := st.Title.Render("perflab") + "  " + st.Bold.Render(strings.Trim(rep.Lab+"/"+rep.Workload, "/")+"  "+report.FormatParams(params))
	if r.page.TotalLineCount() > r.page.Height && r.page.Height > 0 {
		// The hint is what says there is more below: a long title gives
		// way to it, never the other way round.
		more := fmt.Sprintf("↓ scroll (%.0f%%)", 100*r.page.ScrollPercent())
		title = fitWidth(title, max(0, r.width-lipgloss.Width(more)-2))
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
	if failed := r.failedLine(); failed != "" {
		lines = append(lines, st.Error.Render(fitWidth(failed, r.width)))
	}
	if r.profileErr != nil {
		lines = append(lines, st.Warning.Render(fitWidth(profileErrLine("the run's", r.profileErr), r.width)))
	}
	if note := savedNote(r.styles, r.width, r.kept, r.saved); note != "" {
		lines = append(lines, note)
	}
	return strings.Join(lines, "\n") + "\n"
}

// failedLine names the strategies whose operations failed, in the header,
// where no scrolling can hide them; "" when none failed.
func (r resultsModel) failedLine() string {
	var parts []string
	for _, s := range r.report.Strategies {
		if s.Errors > 0 {
			parts = append(parts, fmt.Sprintf("%s %d of %d", s.Name, s.Errors, s.Errors+s.Ops))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "✗ operations failed: " + strings.Join(parts, ", ") + " (the notes say why)"
}

// content is the scrollable page: table, graph, sweep table and notes.
func (r resultsModel) content() string {
	tbl := r.table()
	graphH := max(10, min(24, r.page.Height-lineCount(tbl)-3))
	parts := []string{tbl, "", r.graphTitle(), r.graphBody(graphH)}
	if r.graph == viewGrowth {
		parts = append(parts, "", sweepTable(r.styles, r.report.Sweep, r.width))
	}
	if notes := r.notes(); notes != "" {
		parts = append(parts, "", notes)
	}
	return strings.Join(parts, "\n")
}

// table is the comparison: baseline first, each strategy's median ns/op
// with its interval, the ratio, p and n, the verdict in words. Beside the
// spectrum, a strategy's name is in its graph colour, or names its glyph;
// the growth curve names its own marks in its legend.
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
		name := row.Name
		if r.graph != viewGrowth {
			name = st.SeriesName(i, row.Name)
		}
		t.rows = append(t.rows, []string{
			name, row.NsPerOp, row.CI, vs, row.P, row.N,
			row.Throughput, row.P50, row.P99, row.Max, row.Allocs, row.Bytes, row.Errors,
		})
	}
	return t.render(st, r.width)
}

func (r resultsModel) graphTitle() string {
	st := r.styles
	if r.graph == viewWhy {
		return st.Bold.Render("why it is faster") + st.Faint.Render(" · where each strategy's time per operation went · m and n pick the two, i the table, icicle or difference")
	}
	if r.graph == viewGrowth {
		// The exponents are what a sweep is for: they head the curve.
		text := "the slope of each line is its exponent"
		if exp := exponents(r.report.Sweep); len(exp) > 0 {
			text += ": " + strings.Join(exp, ", ")
		}
		return wrap(st.Bold.Render("growth curve")+st.Faint.Render(" · "+text), r.width)
	}
	return st.Bold.Render("percentile spectrum") + st.Faint.Render(" · latency at each percentile of the measured repetitions, log scale")
}

// graphBody draws the graph on show, h lines high.
func (r resultsModel) graphBody(h int) string {
	if r.graph == viewWhy {
		return whyScreen(r.styles, r.report, r.trees, r.whyMode, r.why.base, r.why.other(len(r.report.Strategies)), r.width, h)
	}
	if r.graph == viewGrowth {
		return growthCurve(r.styles, r.report.Sweep, r.width, h)
	}
	names := make([]string, len(r.report.Strategies))
	spectra := make([][]measure.SpectrumPoint, len(r.report.Strategies))
	for i, s := range r.report.Strategies {
		names[i], spectra[i] = s.Name, s.Spectrum
	}
	c := spectrumChart(names, spectra)
	c.empty = "nothing was measured: the notes below say why"
	return c.render(r.styles, r.width, h)
}

// notes explain the verdicts and list the metrics and warnings, wrapped:
// the notes perflab run prints, each marked by its kind.
func (r resultsModel) notes() string {
	st := r.styles
	w := max(20, r.width-4)
	var lines []string
	for _, n := range report.Notes(r.report, voice) {
		style, mark := st.Faint, "·"
		switch n.Kind {
		case report.NoteReason:
			style, mark = st.Verdicts[n.Verdict], "?"
		case report.NoteWarning:
			style, mark = st.Warning, "⚠"
		}
		lines = append(lines, style.Render(mark)+" "+strings.ReplaceAll(wrap(n.Text, w), "\n", "\n  "))
	}
	return strings.Join(lines, "\n")
}

// graphs are the results' graphs, in the order v cycles them: the
// spectrum, a sweep's growth curve, and the why of a run with profiles.
func (r resultsModel) graphs() []graphView {
	out := []graphView{viewSpectrum}
	if r.hasGrowth() {
		out = append(out, viewGrowth)
	}
	if hasWhy(r.report) {
		out = append(out, viewWhy)
	}
	return out
}

// switchGraph shows the next of the results' graphs.
func (r *resultsModel) switchGraph() {
	g := r.graphs()
	i := 0
	for j, v := range g {
		if v == r.graph {
			i = j
		}
	}
	r.graph = g[(i+1)%len(g)]
	r.layout()
}

// Update handles the results screen's keys: it switches graphs, saves and
// exports itself, and asks the root for a rerun, the set-up or to quit; the
// other keys scroll the page.
func (r resultsModel) Update(msg tea.Msg) (resultsModel, tea.Cmd, intent) {
	switch msg := msg.(type) {
	case savedMsg:
		r.saved = msg
		r.layout()
		return r, nil, intent{}
	case keptMsg:
		r.kept = msg
		r.layout()
		return r, nil, intent{}
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, r.keys.Rerun):
			return r, nil, intent{kind: askRunAgain, spec: r.spec}
		case r.fromRuns && key.Matches(msg, r.keys.Back):
			return r, nil, intent{kind: askBackToRuns}
		case key.Matches(msg, r.keys.Setup):
			return r, nil, intent{kind: askSetup}
		case key.Matches(msg, r.keys.Quit):
			return r, nil, intent{kind: askQuit}
		case key.Matches(msg, r.keys.Save):
			return r, saveReport(r.saveDir, r.report, "json"), intent{}
		case key.Matches(msg, r.keys.Export):
			return r, saveReport(r.saveDir, r.report, "markdown"), intent{}
		case key.Matches(msg, r.keys.Graph):
			r.switchGraph()
			return r, nil, intent{}
		case r.graph == viewWhy && key.Matches(msg, r.keys.WhyBase, r.keys.WhyOther):
			r.why = r.why.next(len(r.report.Strategies), key.Matches(msg, r.keys.WhyBase))
			r.layout()
			return r, nil, intent{}
		case r.graph == viewWhy && key.Matches(msg, r.keys.WhyMode):
			r.whyMode = r.whyMode.next()
			r.layout()
			return r, nil, intent{}
		}
	}
	var cmd tea.Cmd
	r.page, cmd = r.page.Update(msg)
	return r, cmd, intent{}
}
