package tui

import (
	"fmt"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// verdictLines draws, under the live table, each comparison's interval as
// it narrows round by round, and for a run that goes on until decided its
// time budget and the time left: the moment a comparison is decided its
// line says so. Before the first snapshot, and for a single strategy, there
// is nothing to draw.
func (r runModel) verdictLines() []string {
	if !r.have || len(r.snap.Compare) == 0 {
		return nil
	}
	st := r.styles
	var lines []string
	if b := r.snap.MaxTime; b > 0 {
		left := max(0, b-r.snap.Elapsed)
		lines = append(lines, fitWidth(st.Faint.Render(fmt.Sprintf("  until decided: budget %s, %s left", roundDuration(b), roundDuration(left.Round(time.Second)))), r.width))
	}
	names := r.subjects()
	margin, bars := 0.0, false
	for i, c := range r.snap.Compare {
		name := ""
		if i+1 < len(names) {
			name = names[i+1].Name
		}
		line, bar := r.verdictLine(name, c)
		lines = append(lines, fitWidth(line, r.width))
		margin, bars = max(margin, marginOf(c)), bars || bar
	}
	if bars {
		lines = append(lines, fitWidth(st.Faint.Render(barLegend(margin)), r.width))
	}
	return lines
}

// barLegend says how to read the interval bars, whose axis runs from 1-3
// margins to 1+3 margins of speed-up.
func barLegend(m float64) string {
	return fmt.Sprintf("  bar %.2f–%.2fx: | no change · - within ±%.0f%% (~) · = interval so far",
		1-3*m, 1+3*m, 100*m)
}

// marginOf is c's equivalence margin, the default where c has none.
func marginOf(c measure.Comparison) float64 {
	if c.Margin <= 0 {
		return measure.DefaultMargin
	}
	return c.Margin
}

// verdictLine is one comparison: its interval in figures and on a bar
// around 1 whose shaded part is the margin of "~", and where it stands. It
// reports whether there was room for the bar.
func (r runModel) verdictLine(name string, c measure.Comparison) (string, bool) {
	st := r.styles
	interval := "no interval yet"
	if c.SpeedupLo > 0 {
		interval = fmt.Sprintf("%.3f–%.3f ±%.1f%%", c.SpeedupLo, c.SpeedupHi, 100*c.PlusMinus()/c.Speedup)
	}
	state := fmt.Sprintf("round %d", c.N[0])
	if c.Decided {
		state = fmt.Sprintf("decided at round %d: %s", max(c.DecidedRound, 1), report.Words(&c))
	}
	head := fmt.Sprintf("  %-10s %-24s ", name, interval)
	bar := intervalBar(c, max(0, min(41, r.width-lipgloss.Width(head)-lipgloss.Width(state)-3)))
	return head + bar + " " + st.Verdict(c.Verdict, state), bar != ""
}

// intervalBar draws lo–hi on an axis from 1-3 margins to 1+3 margins:
// '·' outside the margin, '-' inside it, '|' at 1, and '=' over the
// interval; an interval past an end of the axis runs off it.
func intervalBar(c measure.Comparison, w int) string {
	if w < 7 {
		return ""
	}
	m := marginOf(c)
	axisLo, axisHi := 1-3*m, 1+3*m
	pos := func(x float64) int {
		return min(w-1, max(0, int(float64(w-1)*(x-axisLo)/(axisHi-axisLo)+0.5)))
	}
	b := make([]rune, w)
	for i := range b {
		x := axisLo + (axisHi-axisLo)*float64(i)/float64(w-1)
		b[i] = '·'
		if x >= 1-m && x <= 1+m {
			b[i] = '-'
		}
	}
	b[pos(1)] = '|'
	if c.SpeedupLo > 0 {
		for i := pos(c.SpeedupLo); i <= pos(c.SpeedupHi); i++ {
			b[i] = '='
		}
	}
	return "[" + string(b) + "]"
}

// fleetGraph is the fewest lines the graph keeps when the run's load
// generators are listed under the table: past it, generators keeping up
// are counted instead of listed.
const fleetGraph = 6

// fleetLines draws the run's load generators, for a run that has them,
// under the table and its verdict lines, which take used lines: each
// generator's share, target and achieved rates, and whether it is behind
// or lost.
func (r runModel) fleetLines(used int) string {
	t, ok := newFleetTable(r.subjects(), r.generators)
	if !ok {
		return ""
	}
	// The blank line above, the summary, the header and the total take
	// 4 lines; a narrow screen may split the table into blocks, which
	// take more: rows shrink until it fits, and past one row the graph
	// gives way, since a generator behind matters more.
	room := r.height - runChrome - used - fleetGraph - 1
	rows := room - 3
	out := t.render(r.styles, r.width, rows)
	for rows > 1 && lineCount(out) > room {
		rows--
		out = t.render(r.styles, r.width, rows)
	}
	return out
}
