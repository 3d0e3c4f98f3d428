package tui

import (
	"fmt"
	"strconv"

	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// growthCurve draws a sweep's growth curve in at most w x h cells: the
// engine's own chart, the one perflab run prints, from the same series. The
// engine sizes the chart by its plot, and its labels, axis and legend come
// on top, so a first draw at w x h measures what they take.
func growthCurve(st *Styles, sw *measure.Sweep, w, h int) string {
	first := report.GrowthChart(sw, w, h)
	if first == "" {
		return fit(st.Faint.Render("the sweep measured nothing"), w, h)
	}
	cols := w - (lipgloss.Width(first) - w)
	rows := h - (lineCount(first) - h)
	if cols < minPlotCols || rows < minPlotRows {
		return fit(st.Faint.Render("(no room for the graph)"), w, h)
	}
	out := report.GrowthChart(sw, cols, rows)
	// The labels of the vertical axis depend on its ticks, which depend
	// on the height: narrow the plot if they came out wider.
	if over := lipgloss.Width(out) - w; over > 0 {
		out = report.GrowthChart(sw, cols-over, rows)
	}
	return fit(out, w, h)
}

// exponents names each strategy's growth exponent: "slice ∝ n^0.98".
func exponents(sw *measure.Sweep) []string {
	var out []string
	for _, name := range sw.Names() {
		if e, ok := sw.Exponents[name]; ok {
			out = append(out, fmt.Sprintf("%s ∝ %s^%.2f", name, sw.Param, e))
		}
	}
	return out
}

// sweepTable lists the median ns/op of each strategy at each swept value,
// in the order measured.
func sweepTable(st *Styles, sw *measure.Sweep, w int) string {
	names := sw.Names()
	t := table{headers: append([]string{sw.Param}, names...)}
	medians := make([]map[float64]float64, len(names))
	for i, name := range names {
		values, ns := sw.Series(name)
		medians[i] = make(map[float64]float64, len(values))
		for j, v := range values {
			medians[i][v] = ns[j]
		}
	}
	for range t.headers {
		t.right = append(t.right, true)
	}
	for _, p := range sw.Points {
		row := []string{strconv.FormatFloat(p.Value, 'g', -1, 64)}
		for i := range names {
			cell := "-"
			if ns, ok := medians[i][p.Value]; ok {
				cell = report.FormatNs(ns)
			}
			row = append(row, cell)
		}
		t.rows = append(t.rows, row)
	}
	return t.render(st, w)
}
