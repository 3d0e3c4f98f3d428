package tui

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/profile"
	"github.com/perflab/perflab/measure/report"
)

// The why view's marks tell a change's kind by glyph as well as colour:
// what the compared strategy no longer runs, what only it runs, and what
// takes it less or more time per operation than the baseline.
const (
	markGone   = "−"
	markNew    = "+"
	markLess   = "▼"
	markMore   = "▲"
	whyBarCell = "█"
	whyBarMore = "▒"
)

// whyColumns are the widths of the why table's figure columns; the
// function's name takes what is left, and a bar of the difference is drawn
// when at least whyBarMin cells remain beside it (see whyLayout).
const (
	whyMarkCols = 2
	whyTimeCols = 13
	whyDiffCols = 19
	whyNameMin  = 16
	whyNameRoom = 40
	whyBarMin   = 10
	whyBarMax   = 30
)

// whyLayout splits a width between the function's name and the bar of the
// difference: the name takes up to whyNameRoom cells first, since a table of
// cut names says little, and a bar is drawn only in what is left past it.
func whyLayout(w int) (name, bar int) {
	avail := w - whyMarkCols - 2*whyTimeCols - whyDiffCols
	if avail-whyNameRoom-1 < whyBarMin {
		return max(whyNameMin, avail), 0
	}
	bar = min(whyBarMax, avail-whyNameRoom-1)
	return avail - bar - 1, bar
}

// hasWhy says the report holds profiles of two strategies at least.
func hasWhy(rep *measure.Report) bool {
	if rep == nil {
		return false
	}
	n := 0
	for _, s := range rep.Strategies {
		if s.Profile != nil {
			n++
		}
	}
	return n >= 2
}

// whyView draws, in at most w x h cells, where strategy other's time per
// operation went against strategy base's: the functions that tell them
// apart, most different first, side by side with the difference.
func whyView(st *Styles, rep *measure.Report, base, other, w, h int) string {
	n := len(rep.Strategies)
	if !hasWhy(rep) || base < 0 || other < 0 || base >= n || other >= n || base == other {
		return fit(st.Faint.Render("no profiles: a run with profiling rounds (perflab run --profile) has them"), w, h)
	}
	a, b := rep.Strategies[base], rep.Strategies[other]
	if a.Profile == nil || b.Profile == nil {
		return fit(whySource(st, a)+st.Faint.Render("  ·  ")+whySource(st, b), w, h)
	}
	lines := []string{
		st.Bold.Render(b.Name+" against "+a.Name) + st.Faint.Render(" · time per operation, from profiling rounds after the verdict; ± one standard error"),
		whySource(st, a) + st.Faint.Render("  ·  ") + whySource(st, b),
		"",
	}
	changes := report.WhyChanges(a, b)
	name, bar := whyLayout(w)
	header := fmt.Sprintf("%*s%-*s%*s%*s%*s", whyMarkCols, "", name, "function", whyTimeCols, a.Name, whyTimeCols, b.Name, whyDiffCols, "difference")
	lines = append(lines, st.TableHeader.Render(header))
	legend := st.Faint.Render(fmt.Sprintf("%s %s no longer runs it  %s only %s runs it  %s less time  %s more time", markGone, b.Name, markNew, b.Name, markLess, markMore))
	rows := max(0, h-len(lines)-2)
	if len(changes) == 0 {
		lines = append(lines, st.Faint.Render("the profiles show no function apart from the frames both run under"))
	}
	scale := 0.0
	for _, c := range changes[:min(rows, len(changes))] {
		scale = max(scale, math.Abs(c.DeltaCumNs))
	}
	for _, c := range changes[:min(rows, len(changes))] {
		lines = append(lines, whyRow(st, c, name, bar, scale))
	}
	lines = append(lines, "", legend)
	return fit(strings.Join(lines, "\n"), w, h)
}

// profileErrLine says in one line that a kept run's profiles could not be
// read back (runs.Saved.ProfileErr), whose is the run's ("its", "A's"):
// its why is missing for that reason, not for want of profiling.
func profileErrLine(whose string, err error) string {
	return "⚠ " + whose + " profiles could not be read back, so the why leaves them out: " + strings.ReplaceAll(err.Error(), "\n", "; ")
}

// whySource says what one strategy's profile rests on.
func whySource(st *Styles, r *measure.Result) string {
	p := r.Profile
	if p == nil {
		return st.Bold.Render(r.Name) + st.Faint.Render(": no profile")
	}
	return st.Bold.Render(r.Name) + st.Faint.Render(fmt.Sprintf(": %d samples, %s CPU/op", p.Samples, report.FormatNs(p.CPUNsPerOp)))
}

// whyRow draws one function's line: its mark, its name cut to name cells,
// both times, the difference with its ± and, when bar > 0, a bar of the
// difference against scale.
func whyRow(st *Styles, c profile.Change, name, bar int, scale float64) string {
	mark, style := whyMark(st, c)
	fn := report.ShortFunc(c.Func)
	if lipgloss.Width(fn) > name-1 {
		fn = fitWidth(fn, name-1)
	}
	diff := fmt.Sprintf("%s ± %s", signed(c.DeltaCumNs), report.FormatNs(c.CumErr))
	row := style.Render(fmt.Sprintf("%-*s", whyMarkCols, mark)) + fmt.Sprintf("%-*s%*s%*s", name, fn,
		whyTimeCols, whyTime(c.ACumNs, c.AShare), whyTimeCols, whyTime(c.BCumNs, c.BShare)) +
		style.Render(fmt.Sprintf("%*s", whyDiffCols, diff))
	if bar > 0 && scale > 0 {
		n := max(1, int(math.Round(float64(bar)*math.Abs(c.DeltaCumNs)/scale)))
		cell := whyBarCell
		if c.DeltaCumNs > 0 {
			cell = whyBarMore
		}
		row += " " + style.Render(strings.Repeat(cell, n))
	}
	return row
}

// whyMark returns a change's glyph and style: red for what costs the
// compared strategy more, green for what it saves.
func whyMark(st *Styles, c profile.Change) (string, lipgloss.Style) {
	switch {
	case c.OnlyA:
		return markGone, st.Verdicts[measure.Faster]
	case c.OnlyB:
		return markNew, st.Verdicts[measure.Slower]
	case c.DeltaCumNs < 0:
		return markLess, st.Verdicts[measure.Faster]
	}
	return markMore, st.Verdicts[measure.Slower]
}

// whyTime is a function's time per operation and its share of the
// strategy, or a dash where the strategy does not run it.
func whyTime(ns, share float64) string {
	if share == 0 {
		return "-"
	}
	return fmt.Sprintf("%s %3.0f%%", report.FormatNs(ns), 100*share)
}

// signed formats a difference of times with its sign.
func signed(ns float64) string {
	if ns < 0 {
		return "−" + report.FormatNs(-ns)
	}
	return "+" + report.FormatNs(ns)
}

// A whyPair is the two strategies the why view compares, by their place in
// the report: base, and the one off places after it, counting round, so
// that the zero pair is the baseline against the next strategy and the two
// are never one.
type whyPair struct{ base, off int }

// other is the compared strategy's place among n.
func (p whyPair) other(n int) int { return (p.base + 1 + p.off) % max(1, n) }

// next moves to the next pair among n strategies: the next baseline when
// base is set, else the next strategy compared with it.
func (p whyPair) next(n int, base bool) whyPair {
	switch {
	case n < 2:
		return p
	case base:
		p.base = (p.base + 1) % n
	default:
		p.off = (p.off + 1) % (n - 1)
	}
	return p
}
