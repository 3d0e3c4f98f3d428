package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// benchBarWidth is the width of a row's interval bar: room for the margin
// and three times it either side, as the run screen draws it.
const benchBarWidth = 21

// View draws the benchmarks' rows, the selected one's ns/op over its
// rounds and, once it has ended, its results; the keys at the bottom.
func (m BenchModel) View() string {
	if m.width < minWidth || m.height < minHeight {
		return fit(fmt.Sprintf("perflab bench needs a terminal of at least %dx%d (this one is %dx%d)", minWidth, minHeight, m.width, m.height), m.width, m.height)
	}
	st := m.styles
	head := fitWidth(st.Title.Render("perflab bench")+"  "+st.Faint.Render(m.status()), m.width)
	rows := m.rowsView()
	results := m.resultsView()
	keys := fitWidth(m.help.ShortHelpView(m.benchHelp()), m.width)
	used := lineCount(head) + 1 + lineCount(rows) + 1 + lineCount(results) + 1 + lineCount(keys)
	graph := m.graphView(max(0, m.height-used))
	body := strings.Join([]string{head, "", rows, "", graph, results, "", keys}, "\n")
	if results == "" {
		body = strings.Join([]string{head, "", rows, "", graph, "", keys}, "\n")
	}
	return fit(body, m.width, m.height)
}

// status says how far the bench run is.
func (m BenchModel) status() string {
	ended := 0
	for _, r := range m.rows {
		if r.ended() {
			ended++
		}
	}
	if m.done {
		return fmt.Sprintf("%d of %d benchmarks raced; each is kept in the runs folder (perflab runs, perflab replay)", ended, len(m.rows))
	}
	return fmt.Sprintf("racing: %d of %d benchmarks done, one budget shared", ended, len(m.rows))
}

// rowsView is one line per benchmark: the cursor, its name, its interval
// on a bar around 1, and where its race stands. A benchmark of more than
// two revisions shows its widest comparison, the one furthest from decided.
func (m BenchModel) rowsView() string {
	st := m.styles
	nameW := m.nameWidth()
	lines := make([]string, 0, len(m.rows))
	for i, r := range m.rows {
		cursor := "  "
		if i == m.sel {
			cursor = st.Cursor.Render("> ")
		}
		name := fitWidth(r.name, nameW)
		name += strings.Repeat(" ", nameW-lipgloss.Width(name))
		lines = append(lines, fitWidth(cursor+name+"  "+m.rowState(r), m.width))
	}
	return strings.Join(lines, "\n")
}

// rowState is where one benchmark's race stands, in words and on a bar.
func (m BenchModel) rowState(r benchRow) string {
	st := m.styles
	switch {
	case r.err != nil:
		return st.Error.Render("failed: " + r.err.Error())
	case r.snap == nil && r.rep == nil:
		return st.Faint.Render("waiting")
	}
	c, name, ok := m.comparison(r)
	if !ok {
		return st.Faint.Render("warming up")
	}
	interval := "no interval yet"
	if c.SpeedupLo > 0 {
		interval = fmt.Sprintf("%.3f–%.3f", c.SpeedupLo, c.SpeedupHi)
	}
	state := fmt.Sprintf("round %d", c.N[0])
	switch {
	case c.Decided:
		state = fmt.Sprintf("decided at round %d: %s", max(c.DecidedRound, 1), report.Words(&c))
	case r.rep != nil && r.rep.Cancelled:
		state = "cancelled: " + report.Words(&c)
	case r.rep != nil && r.rep.Design == "sequential":
		state = "cut by the budget: " + report.Words(&c)
	case r.rep != nil:
		state = report.Words(&c)
	}
	head := fmt.Sprintf("%-8s %-13s ", name, interval)
	// The bar takes what the words leave of the line, and is left out
	// where too little is left.
	room := m.width - m.nameWidth() - 4 - lipgloss.Width(head) - lipgloss.Width(state) - 1
	if bar := intervalBar(c, min(benchBarWidth, room-2)); bar != "" {
		head += bar + " "
	}
	return head + st.Verdict(c.Verdict, state)
}

// nameWidth is the width of the benchmarks' column: the longest name, at
// most a third of the screen.
func (m BenchModel) nameWidth() int {
	w := 0
	for _, r := range m.rows {
		w = max(w, lipgloss.Width(r.name))
	}
	return min(w, m.width/3)
}

// comparison is the benchmark's comparison to show, from its result once
// it has one, else from its last snapshot, with the revision compared.
func (m BenchModel) comparison(r benchRow) (measure.Comparison, string, bool) {
	if r.rep != nil {
		var best *measure.Result
		for _, s := range r.rep.Strategies {
			if c := s.VsBaseline; c != nil && (best == nil || !c.Decided) {
				best = s
			}
		}
		if best == nil {
			return measure.Comparison{}, "", false
		}
		return *best.VsBaseline, best.Name, true
	}
	if len(r.snap.Compare) == 0 {
		return measure.Comparison{}, "", false
	}
	i := 0
	for j, c := range r.snap.Compare {
		if !c.Decided {
			i = j
			break
		}
	}
	name := ""
	if i+1 < len(r.snap.Subjects) {
		name = r.snap.Subjects[i+1].Name
	}
	return r.snap.Compare[i], name, true
}

// graphView draws the selected benchmark's ns/op over its rounds, each
// revision a line (each round is one run of its binary, whose ns/op is the
// repetition's), in h lines.
func (m BenchModel) graphView(h int) string {
	if h < 1 || len(m.rows) == 0 {
		return ""
	}
	r := m.rows[m.sel]
	title := m.styles.Subtitle.Render("ns/op over the rounds of " + r.name)
	if r.snap == nil {
		return fit(title+"\n"+m.styles.Faint.Render("waiting for its race"), m.width, h)
	}
	return padHeight(title+"\n"+nsPerOpChart(r.snap.Subjects).render(m.styles, m.width, h-1), h)
}

// nsPerOpChart plots each revision's ns/op over time, one point a round:
// a round is one run of the binary, recorded as one mean, so its p99 is
// its p50 and is not drawn.
func nsPerOpChart(subs []measure.SubjectSnapshot) chart {
	c := latencyChart(subs)
	n := len(subs)
	c.strategy, c.dotted = c.strategy[:n], c.dotted[:n]
	all := c.columns
	c.columns = func(cols int) [][]float64 { return all(cols)[:n] }
	return c
}

// resultsView is the selected benchmark's result once its race has ended:
// each revision's median ns/op and its verdict against the baseline.
func (m BenchModel) resultsView() string {
	if len(m.rows) == 0 {
		return ""
	}
	r := m.rows[m.sel]
	if r.rep == nil {
		return ""
	}
	st := m.styles
	t := table{headers: []string{"revision", "ns/op", "95% CI", "vs baseline"}, right: []bool{false, true, true, false}}
	for _, s := range r.rep.Strategies {
		vs := "baseline"
		if c := s.VsBaseline; c != nil {
			vs = st.Verdict(c.Verdict, report.Words(c))
		}
		t.rows = append(t.rows, []string{s.Name, report.FormatNs(s.NsPerOp.Median),
			report.FormatNs(s.NsPerOp.Lo) + "–" + report.FormatNs(s.NsPerOp.Hi), vs})
	}
	return t.render(st, m.width)
}
