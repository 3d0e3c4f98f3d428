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
	"github.com/perflab/perflab/labs/lab"
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

// runModel is the run screen: a live graph, a table per strategy and the
// progress, drawn from the newest snapshot. The root model runs the run and
// hands the screen what happens to it; the screen answers its own keys.
type runModel struct {
	common
	spec  labs.Spec
	title string
	// workload is the plan's, for the results to show the parameters
	// that acted on it.
	workload *lab.Workload
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
	// growth holds a sweep's finished points, for the live growth curve.
	growth *measure.Sweep
	bar    progress.Model
	// notice says what the last fault injected did.
	notice string
	// killable says a worker can be killed now, as the run's faults said
	// at the last snapshot. killOffered says one could be at some
	// snapshot of this run: x is offered from then on, and while no
	// worker holds a task it waits for one (killPending) instead of
	// answering that none is at work.
	killable, killOffered, killPending bool
	// rounds and total are the engine's estimates of the rounds planned
	// and of the run's total time, settled (see report.Settled): early on
	// they swing from one snapshot to the next.
	rounds, total report.Settled
	// body caches the graph and the table, drawn when a snapshot, the
	// size or the graph changes: frames in between cost nothing.
	body string
	// generators is how many load generators the run asked for; the
	// screen then shows each one's share and rate (fleetLines).
	generators int
}

// spinnerFrames turn while the run goes on; they advance once a frame.
var spinnerFrames = spinner.MiniDot.Frames

func newRunModel(c common, spec labs.Spec, plan *labs.Plan) runModel {
	r := runModel{
		common:   c,
		spec:     spec,
		title:    runTitle(plan),
		workload: plan.Workload,
		names:    plan.Names,
		sweep:    plan.Sweep,
		bar:      newProgressBar(c),
		// An exposed server's join line is the one place its token is
		// shown.
		notice:     plan.JoinLine(),
		generators: labs.Generators(plan.Values),
	}
	r.render()
	return r
}

// labelled puts label before the run's title: "lesson 2 of 7".
func (r runModel) labelled(label string) runModel {
	if label != "" {
		r.title = label + " · " + r.title
	}
	return r
}

// newProgressBar is the run view's progress bar.
func newProgressBar(c common) progress.Model {
	bar := progress.New(progress.WithSolidFill(c.styles.ProgressFill), progress.WithoutPercentage(),
		progress.WithColorProfile(c.styles.Profile))
	if !c.styles.Color {
		// Without colour the bar still reads: full blocks against dots.
		bar.Empty = '·'
	}
	return bar
}

// runTitle names the plan's workload and the parameters that act on it,
// as set, and its sweep.
func runTitle(plan *labs.Plan) string {
	params := plan.Workload.InEffect(plan.Values.Report())
	sweep := ""
	if sw := plan.Sweep; sw != nil {
		delete(params, sw.Param)
		vals := make([]string, len(sw.Points))
		for i, p := range sw.Points {
			vals[i] = asSet(p.Value)
		}
		sweep = "  sweep " + sw.Param + "=" + strings.Join(vals, ",")
	}
	return strings.TrimSpace(plan.Lab.ID + "/" + plan.Workload.ID + "  " + report.FormatParams(params) + sweep)
}

// asSet writes a swept value as a person sets it: 4096, not 4.1k.
func asSet(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// started marks the lab as set up and measuring.
func (r *runModel) started() {
	if r.phase == phaseStarting {
		r.phase = phaseRunning
	}
}

// isCancelling reports whether the run was cancelled and is stopping.
func (r runModel) isCancelling() bool { return r.phase == phaseCancelling }

// setKillable records whether a worker can be killed now.
func (r *runModel) setKillable(ok bool) {
	r.killable = ok
	r.killOffered = r.killOffered || ok
}

// waitToKill makes x's kill wait for the next snapshot that finds a worker
// holding a task, and says so.
func (r *runModel) waitToKill() {
	r.killPending = true
	r.setNotice("no worker holds a task now: one is killed as soon as one does")
}

// setNotice shows what the last fault injected did.
func (r *runModel) setNotice(text string) {
	r.notice = text
	r.render()
}

// noticeLines is the banner of the last fault injected, wrapped, or "".
func (r runModel) noticeLines() string {
	if r.notice == "" {
		return ""
	}
	return r.styles.Banner.Render(wrap("⚡ "+r.notice, r.width))
}

// apply takes a new snapshot, taken at sweep point point, and draws it.
func (r *runModel) apply(s measure.Snapshot, point int) {
	r.snap, r.have, r.point = s, true, point
	r.rounds.Add(float64(s.Reps))
	r.total.Add(float64(s.Estimate))
	r.spin++
	r.render()
}

// SetSize sets the screen's size and draws it again.
func (r *runModel) SetSize(width, height int) {
	r.common.SetSize(width, height)
	r.render()
}

// Help names the run screen's keys.
func (r runModel) Help() helpKeys {
	return r.keys.runHelp(len(r.views()), r.killOffered, r.killable || r.killPending)
}

// views are the run view's graphs, in the order v cycles them: a sweep adds
// its growth curve, drawn point by point as the points finish.
func (r runModel) views() []graphView {
	if r.sweep != nil {
		return append(liveViews[:len(liveViews):len(liveViews)], viewGrowth)
	}
	return liveViews
}

// setGrowth takes the sweep's finished points, for the live growth curve.
func (r *runModel) setGrowth(sw *measure.Sweep) {
	r.growth = sw
	if r.views()[r.graph] == viewGrowth {
		r.render()
	}
}

// liveGrowth draws the growth curve of the points finished so far, or says
// when it comes.
func (r runModel) liveGrowth(h int) string {
	done, total := 0, 0
	if r.sweep != nil {
		total = len(r.sweep.Points)
	}
	if r.growth != nil {
		done = len(r.growth.Points)
	}
	if done < 2 {
		return fit(r.styles.Faint.Render(fmt.Sprintf("the growth curve draws itself as points finish: %d of %d done, it needs 2", done, total)), r.width, h)
	}
	return growthCurve(r.styles, r.growth, r.width, h)
}

// Run layout: a header line, the graph's tab line, a blank line above the
// table and the progress line; the table and the graph take the rest.
const runChrome = 4

// render draws the graph and the table into the cache.
func (r *runModel) render() {
	if r.styles == nil || r.width < minWidth {
		r.body = ""
		return
	}
	table := r.table()
	if live := r.verdictLines(); len(live) > 0 {
		table += "\n" + strings.Join(live, "\n")
	}
	notice := r.noticeLines()
	if fleet := r.fleetLines(lineCount(table) + lineCount(notice)); fleet != "" {
		table += "\n\n" + fleet
	}
	graphH := r.height - runChrome - lineCount(table) - lineCount(notice)
	var graph string
	if r.views()[r.graph] == viewGrowth {
		graph = r.liveGrowth(graphH)
	} else {
		graph = r.chart().render(r.styles, r.width, graphH)
	}
	r.body = r.tabs() + "\n" + padHeight(graph, max(0, graphH)) + "\n"
	if notice != "" {
		r.body += notice + "\n"
	}
	r.body += table
}

// chart returns the graph on show.
func (r runModel) chart() chart {
	subs := r.subjects()
	switch r.views()[r.graph] {
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
func (r runModel) subjects() []measure.SubjectSnapshot {
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
func (r runModel) tabs() string {
	var parts []string
	for i, v := range r.views() {
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
	switch r.views()[r.graph] {
	case viewLatency:
		note = "line p50, dots p99; log scale"
		if !r.styles.Color {
			note = "lower line p50, upper p99; log scale"
		}
	case viewSpectrum:
		note = "latency at each percentile; log scale"
	case viewThroughput:
		note = "operations a second; log scale"
	case viewGrowth:
		note = "median ns/op at each finished point; log-log"
	}
	return fitWidth(strings.Join(parts, "")+"  "+r.styles.Faint.Render(note), r.width)
}

// rows are the live table's rows, one per strategy.
func (r runModel) rows() [][]string {
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

func (r runModel) snapReps() int {
	if r.have {
		return r.shownRounds()
	}
	return r.spec.Config.Reps
}

// shownRounds is the rounds planned as shown: settled, and never fewer
// than the round under way.
func (r runModel) shownRounds() int {
	return max(int(r.rounds.Value()+0.5), r.snap.Rep)
}

func nsOrDash(ns int64) string {
	if ns <= 0 {
		return "-"
	}
	return report.FormatNs(float64(ns))
}

func (r runModel) table() string {
	t := table{
		headers: []string{"  strategy", "reps", "ops", "ops/s", "p50", "p99", "max", "errors"},
		rows:    r.rows(),
		right:   []bool{false, true, true, true, true, true, true, true},
	}
	return t.render(r.styles, r.width)
}

// View draws the screen: header, cached body, progress.
func (r runModel) View() string {
	return r.header() + "\n" + r.body + "\n" + r.progressLine()
}

// header names the run and says what it is doing.
func (r runModel) header() string {
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
		status = fmt.Sprintf("%s rep %d/%d · %s", spin, r.snap.Rep, r.shownRounds(), r.activeName())
	default:
		status = spin + " measuring…"
	}
	if sw := r.sweep; sw != nil && r.point < len(sw.Points) && r.phase == phaseRunning {
		status = fmt.Sprintf("%s=%s (%d/%d) · %s", sw.Param, asSet(sw.Points[r.point].Value), r.point+1, len(sw.Points), status)
	}
	// The status is what changes: the title gives way to it.
	status = fitWidth(status, r.width)
	left := fitWidth(st.Title.Render("perflab")+"  "+st.Bold.Render(r.title), max(0, r.width-lipgloss.Width(status)-2))
	gap := max(2, r.width-lipgloss.Width(left)-lipgloss.Width(status))
	return fitWidth(left+strings.Repeat(" ", gap)+status, r.width)
}

func (r runModel) activeName() string {
	if r.snap.Active >= 0 && r.snap.Active < len(r.snap.Subjects) {
		return r.snap.Subjects[r.snap.Active].Name
	}
	return ""
}

// progressLine shows the bar with the elapsed and remaining time.
func (r runModel) progressLine() string {
	var elapsed, left time.Duration
	var frac float64
	if r.have {
		est := time.Duration(r.total.Value())
		elapsed, left = r.snap.Elapsed, max(0, est-r.snap.Elapsed)
		if est > 0 {
			frac = min(1, float64(elapsed)/float64(est))
		}
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

// Update handles the run screen's keys: it switches graphs itself, and
// asks the root to cancel the run, kill a worker or quit.
func (r runModel) Update(msg tea.Msg) (runModel, tea.Cmd, intent) {
	switch msg := msg.(type) {
	case runMeasuringMsg:
		r.started()
	case runCancellingMsg:
		r.phase = phaseCancelling
	case startTickMsg:
		r.spin++
	case faultMsg:
		if msg.notReady {
			r.waitToKill()
		} else {
			r.setNotice(msg.text)
		}
	case runFrameMsg:
		r.setKillable(msg.killable)
		if r.sweep != nil && msg.finished != nil && (r.growth == nil || len(r.growth.Points) != len(msg.finished)) {
			r.setGrowth(measure.NewSweep(r.sweep.Param, msg.finished))
		}
		r.apply(msg.snap, msg.point)
		if r.killPending && r.killable {
			// The kill x asked for while no worker held a task: the
			// root kills one now.
			r.killPending = false
			return r, nil, intent{kind: askKillWorker}
		}
	case tea.KeyMsg:
		return r.key(msg)
	}
	return r, nil, intent{}
}

// key handles the run screen's keys.
func (r runModel) key(k tea.KeyMsg) (runModel, tea.Cmd, intent) {
	switch {
	case key.Matches(k, r.keys.Cancel):
		return r, nil, intent{kind: askCancel}
	case key.Matches(k, r.keys.Quit):
		return r, nil, intent{kind: askQuit}
	case key.Matches(k, r.keys.KillWorker):
		if r.killOffered && !r.killable {
			r.waitToKill()
			return r, nil, intent{}
		}
		return r, nil, intent{kind: askKillWorker}
	case key.Matches(k, r.keys.Graph):
		r.showGraph((r.graph + 1) % len(r.views()))
	case key.Matches(k, r.keys.Digit):
		if n := digit(k); n >= 1 && n <= len(r.views()) {
			r.showGraph(n - 1)
		}
	}
	return r, nil, intent{}
}

// showGraph shows live graph i.
func (r *runModel) showGraph(i int) {
	r.graph = i
	r.render()
}
