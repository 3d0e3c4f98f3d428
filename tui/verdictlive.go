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
	for i, c := range r.snap.Compare {
		name := ""
		if i+1 < len(names) {
			name = names[i+1].Name
		}
		lines = append(lines, fitWidth(r.verdictLine(name, c), r.width))
	}
	return lines
}

// verdictLine is one comparison: its interval in figures and on a bar
// around 1 whose shaded part is the margin of "~", and where it stands.
func (r runModel) verdictLine(name string, c measure.Comparison) string {
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
	barW := max(0, min(41, r.width-lipgloss.Width(head)-lipgloss.Width(state)-3))
	return head + intervalBar(c, barW) + " " + st.Verdict(c.Verdict, state)
}

// intervalBar draws lo–hi on an axis from 1-3 margins to 1+3 margins:
// '·' outside the margin, '-' inside it, '|' at 1, and '=' over the
// interval; an interval past an end of the axis runs off it.
func intervalBar(c measure.Comparison, w int) string {
	if w < 7 {
		return ""
	}
	m := c.Margin
	if m <= 0 {
		m = measure.DefaultMargin
	}
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
