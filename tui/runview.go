package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// runPhase is where a run stands.
type runPhase int

const (
	phaseStarting runPhase = iota
	phaseRunning
	phaseCancelling
)

// runView is the run screen: a live graph, a table per strategy and the
// progress, drawn from the newest snapshot.
type runView struct {
	*common
	spec  labs.Spec
	title string
	// names label the strategies before the first snapshot names them.
	names []string
	phase runPhase
	snap  measure.Snapshot
	have  bool
	graph int
	spin  int
	// sweep names the swept parameter and its values, for a sweep; point
	// is the one being measured.
	sweep *labs.SweepPlan
	point int
	// helpLines is the height the help takes below the view.
	helpLines int
	bar       progress.Model
	// notice says what the last fault injected did.
	notice string
	// body caches the graph and the table, drawn when a snapshot, the
	// size or the graph changes: frames in between cost nothing.
	body string
}

// spinnerFrames turn while the run goes on; they advance once a frame.
var spinnerFrames = spinner.MiniDot.Frames

func newRunView(c *common, spec labs.Spec, plan *labs.Plan) runView {
	r := runView{
		common: c,
		spec:   spec,
		title:  runTitle(plan),
		names:  plan.Names,
		sweep:  plan.Sweep,
		bar: progress.New(progress.WithSolidFill("212"), progress.WithoutPercentage(),
			progress.WithColorProfile(c.styles.Profile)),
	}
	if !c.styles.Color {
		// Without colour the bar still reads: full blocks against dots.
		r.bar.Empty = '·'
	}
	r.render()
	return r
}

// runTitle names the plan's workload and parameters, and its sweep.
func runTitle(plan *labs.Plan) string {
	params := plan.Values.Report()
	sweep := ""
	if sw := plan.Sweep; sw != nil {
		delete(params, sw.Param)
		vals := make([]string, len(sw.Points))
		for i, p := range sw.Points {
			vals[i] = formatCount(p.Value)
		}
		sweep = "  sweep " + sw.Param + "=" + strings.Join(vals, ",")
	}
	return strings.TrimSpace(plan.Lab.ID + "/" + plan.Workload.ID + "  " + report.FormatParams(params) + sweep)
}

// started marks the lab as set up and measuring.
func (r *runView) started() {
	if r.phase == phaseStarting {
		r.phase = phaseRunning
	}
}

// cancelling marks the run as cancelled and waiting to stop.
func (r *runView) cancelling() { r.phase = phaseCancelling }

// apply takes a new snapshot and draws it.
func (r *runView) apply(s measure.Snapshot) {
	r.snap, r.have = s, true
	r.spin++
	r.render()
}

// layout redraws for a new size or help height.
func (r *runView) layout(helpLines int) {
	r.helpLines = helpLines
	r.render()
}

// Run layout: a header line, the graph's tab line, a blank line above the
// table, the table's header, the progress line; the graph takes the rest.
const runChrome = 5

// render draws the graph and the table into the cache.
func (r *runView) render() {
	if r.common == nil || r.width < minWidth {
		r.body = ""
		return
	}
	table := r.table()
	graphH := r.height - r.helpLines - runChrome - len(r.rows())
	r.body = r.tabs() + "\n" + padHeight(r.chart().render(r.styles, r.width, graphH), max(0, graphH)) + "\n" + table
}

// chart returns the graph on show.
func (r *runView) chart() chart {
	subs := r.subjects()
	switch liveViews[r.graph] {
	case viewSpectrum:
		names := make([]string, len(subs))
		spectra := make([][]measure.SpectrumPoint, len(subs))
		for i, s := range subs {
			names[i], spectra[i] = s.Name, s.Spectrum
		}
		return spectrumChart(names, spectra)
	case viewThroughput:
		return throughputChart(subs)
	}
	return latencyChart(subs)
}

// subjects returns the snapshot's subjects, or empty ones named after the
// plan before the first snapshot.
func (r *runView) subjects() []measure.SubjectSnapshot {
	if r.have {
		return r.snap.Subjects
	}
	subs := make([]measure.SubjectSnapshot, len(r.names))
	for i, n := range r.names {
		subs[i].Name = n
	}
	return subs
}

// wideTabs is the width from which the graph tabs have their long names.
const wideTabs = 110

// tabs names the graphs, the one on show underlined, and says how to read
// it.
func (r *runView) tabs() string {
	var parts []string
	for i, v := range liveViews {
		name := v.String()
		if r.width < wideTabs {
			name = v.short()
		}
		label := strconv.Itoa(i+1) + " " + name
		if i == r.graph {
			parts = append(parts, r.styles.ActiveTab.Render("["+label+"]"))
		} else {
			parts = append(parts, r.styles.Tab.Render(label))
		}
	}
	note := ""
	switch liveViews[r.graph] {
	case viewLatency:
		note = "line p50, dots p99; log scale"
		if !r.styles.Color {
			note = "lower line p50, upper p99; log scale"
		}
	case viewSpectrum:
		note = "latency at each percentile; log scale"
	case viewThroughput:
		note = "operations a second; log scale"
	}
	return fitWidth(strings.Join(parts, "")+"  "+r.styles.Faint.Render(note), r.width)
}

// rows are the live table's rows, one per strategy.
func (r *runView) rows() [][]string {
	var rows [][]string
	for i, s := range r.subjects() {
		mark := "  "
		if r.have && i == r.snap.Active && r.phase == phaseRunning {
			mark = r.styles.Cursor.Render("▶ ")
		}
		errs := strconv.FormatInt(s.Errors, 10)
		if s.Errors > 0 {
			errs = r.styles.Error.Render(errs)
		}
		rows = append(rows, []string{
			mark + r.styles.SeriesName(i, s.Name),
			fmt.Sprintf("%d/%d", s.RepsDone, r.snapReps()),
			strconv.FormatInt(s.Ops, 10),
			report.FormatRate(s.Throughput),
			nsOrDash(s.Latency.P50), nsOrDash(s.Latency.P99), nsOrDash(s.Latency.Max),
			errs,
		})
	}
	return rows
}

func (r *runView) snapReps() int {
	if r.have {
		return r.snap.Reps
	}
	return r.spec.Config.Reps
}

func nsOrDash(ns int64) string {
	if ns <= 0 {
		return "-"
	}
	return report.FormatNs(float64(ns))
}

func (r *runView) table() string {
	t := table{
		headers: []string{"  strategy", "reps", "ops", "ops/s", "p50", "p99", "max", "errors"},
		rows:    r.rows(),
		right:   []bool{false, true, true, true, true, true, true, true},
	}
	return t.render(r.styles, r.width)
}

// view draws the screen: header, cached body, progress.
func (r runView) view() string {
	return r.header() + "\n" + r.body + "\n" + r.progressLine()
}

// header names the run and says what it is doing.
func (r runView) header() string {
	st := r.styles
	spin := spinnerFrames[r.spin%len(spinnerFrames)]
	var status string
	switch {
	case r.phase == phaseStarting:
		status = spin + " setting the lab up…"
	case r.phase == phaseCancelling:
		status = st.Banner.Render(spin + " cancelling: stopping everything the run started…")
	case r.have && r.snap.Warmup:
		status = fmt.Sprintf("%s warm-up · %s", spin, r.activeName())
	case r.have:
		status = fmt.Sprintf("%s rep %d/%d · %s", spin, r.snap.Rep, r.snap.Reps, r.activeName())
	default:
		status = spin + " measuring…"
	}
	if r.notice != "" {
		status = r.notice + " · " + status
	}
	if sw := r.sweep; sw != nil && r.point < len(sw.Points) && r.phase == phaseRunning {
		status = fmt.Sprintf("%s=%s (%d/%d) · %s", sw.Param, formatCount(sw.Points[r.point].Value), r.point+1, len(sw.Points), status)
	}
	// The status is what changes: the title gives way to it.
	status = fitWidth(status, r.width)
	left := fitWidth(st.Title.Render("perflab")+"  "+st.Bold.Render(r.title), max(0, r.width-lipgloss.Width(status)-2))
	gap := max(2, r.width-lipgloss.Width(left)-lipgloss.Width(status))
	return fitWidth(left+strings.Repeat(" ", gap)+status, r.width)
}

func (r runView) activeName() string {
	if r.snap.Active >= 0 && r.snap.Active < len(r.snap.Subjects) {
		return r.snap.Subjects[r.snap.Active].Name
	}
	return ""
}

// progressLine shows the bar with the elapsed and remaining time.
func (r runView) progressLine() string {
	var elapsed, left time.Duration
	var frac float64
	if r.have {
		elapsed, left, frac = r.snap.Elapsed, max(0, r.snap.Estimate-r.snap.Elapsed), r.snap.Progress()
	}
	text := fmt.Sprintf(" %3.0f%%  %s elapsed · %s left", 100*frac, roundDuration(elapsed), roundDuration(left))
	bar := r.bar
	bar.Width = max(10, r.width-lipgloss.Width(text))
	return fitWidth(bar.ViewAs(frac)+text, r.width)
}

// roundDuration rounds d for a person: tenths of a second under a minute.
func roundDuration(d time.Duration) time.Duration {
	if d < time.Minute {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Second)
}

// updateRunView handles the run screen's keys: switch graph, cancel, quit.
func (m Model) updateRunView(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(k, m.keys.Cancel):
		if m.active == nil {
			// Nothing runs any more: the cancelled run's report was
			// dropped, so go back to the set-up.
			m.state = stateSetup
			return m, nil
		}
		return m.cancelRun(), nil
	case key.Matches(k, m.keys.Quit):
		m, cmd := m.quit()
		return m, cmd
	case key.Matches(k, m.keys.KillWorker):
		if m.active != nil {
			return m, injectKill(m.active.id, m.active.faults)
		}
	case key.Matches(k, m.keys.View):
		m.run.graph = (m.run.graph + 1) % len(liveViews)
		m.run.render()
	case key.Matches(k, m.keys.Digit):
		if n := int(k.String()[0] - '0'); n >= 1 && n <= len(liveViews) {
			m.run.graph = n - 1
			m.run.render()
		}
	}
	return m, nil
}
