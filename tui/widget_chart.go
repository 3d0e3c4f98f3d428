package tui

import (
	"fmt"
	"math"

	"github.com/charmbracelet/x/ansi"
	"github.com/guptarohit/asciigraph"

	"github.com/perflab/perflab/measure/report"
)

// A chart is one asciigraph plot, described independently of its size:
// render fits it to the space it is given.
type chart struct {
	// columns returns the series for a plot cols wide, one value per
	// column, NaN where a series has no value. Values are in plot units
	// (log10 of a latency or a rate).
	columns func(cols int) [][]float64
	// strategy maps each series to its strategy, for colour and glyph;
	// dotted marks series drawn with dots (a p99 beside its p50).
	strategy []int
	dotted   []bool
	// legends name the first len(legends) series.
	legends []string
	// yLabel formats a value of the vertical axis; xMin, xMax and xLabel
	// label the horizontal one.
	yLabel     func(float64) string
	xMin, xMax float64
	xLabel     func(float64) string
	// empty is shown while there is nothing to plot.
	empty string
}

// Graph layout: labels of the vertical axis are padded to yLabelWidth so
// that the plot's width is known before the data is; the axis and its
// label then take two more cells, and the last label of the x axis, centred
// on the last column, needs xLabelRoom more on the right. Below the plot
// come the x axis (two lines) and the legend (a blank line and the legend
// line).
const (
	yLabelWidth = 7
	xLabelRoom  = 4
	yAxisCells  = yLabelWidth + 2 + xLabelRoom
	graphBelow  = 4
	graphOffset = 2
	minPlotRows = 2
	minPlotCols = 8
)

// render draws the chart in at most w x h cells.
func (c chart) render(st *Styles, w, h int) string {
	cols, rows := w-yAxisCells, h-1-graphBelow
	if cols < minPlotCols || rows < minPlotRows {
		return fit(st.Faint.Render("(no room for the graph)"), w, h)
	}
	data := c.columns(cols)
	lo, hi, ok := finiteRange(data)
	if !ok {
		return fit(st.Faint.Render(c.empty), w, h)
	}
	lo, hi = padRange(lo, hi)
	opts := []asciigraph.Option{
		asciigraph.Height(rows),
		asciigraph.Offset(graphOffset),
		asciigraph.LowerBound(lo),
		asciigraph.UpperBound(hi),
		asciigraph.YAxisValueFormatter(func(v float64) string { return fmt.Sprintf("%*s", yLabelWidth, c.yLabel(v)) }),
		asciigraph.XAxisRange(c.xMin, c.xMax),
		asciigraph.XAxisTickCount(max(2, min(maxTicks, cols/14))),
		asciigraph.XAxisValueFormatter(c.xLabel),
		asciigraph.SeriesLegends(c.legendsFor(st)...),
		asciigraph.SeriesChars(c.charSets(st)...),
	}
	if st.Color {
		colors := make([]asciigraph.AnsiColor, len(data))
		for i := range data {
			colors[i] = st.SeriesColor(c.strategy[i])
		}
		opts = append(opts, asciigraph.SeriesColors(colors...))
	}
	out := asciigraph.PlotMany(data, opts...)
	if !st.Color {
		// asciigraph writes a colour reset around legend boxes even
		// with no colour set: without colour, no escape codes at all.
		out = ansi.Strip(out)
	}
	return fit(out, w, h)
}

// legendsFor returns the legends, each followed by its glyph when there is
// no colour to tell the lines apart.
func (c chart) legendsFor(st *Styles) []string {
	if st.Color {
		return c.legends
	}
	out := make([]string, len(c.legends))
	for i, l := range c.legends {
		out[i] = l + " (" + seriesMark(c.strategy[i]) + ")"
	}
	return out
}

// charSets picks each series' line glyphs: dots for a p99, and without
// colour a glyph per strategy so that the lines stay apart.
func (c chart) charSets(st *Styles) []asciigraph.CharSet {
	sets := make([]asciigraph.CharSet, len(c.strategy))
	for i, s := range c.strategy {
		switch g := seriesGlyph(s); {
		case !st.Color && g != "":
			sets[i] = asciigraph.CreateCharSet(g)
		case i < len(c.dotted) && c.dotted[i]:
			sets[i] = asciigraph.CreateCharSet("·")
		default:
			sets[i] = asciigraph.DefaultCharSet
		}
	}
	return sets
}

// finiteRange returns the least and greatest finite values in data.
func finiteRange(data [][]float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range data {
		for _, v := range s {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi, ok = min(lo, v), max(hi, v), true
			}
		}
	}
	return lo, hi, ok
}

// padRange widens a range narrower than a third of a decade around its
// middle, so that a flat line sits in the plot instead of on its edge and
// noise a few percent wide does not fill the whole height.
func padRange(lo, hi float64) (float64, float64) {
	const least = 1.0 / 3
	if hi-lo >= least {
		return lo, hi
	}
	mid := (lo + hi) / 2
	return mid - least/2, mid + least/2
}

// logOf maps a positive figure to plot units; zero (an empty interval) has
// no place on a log scale.
func logOf(v float64) float64 {
	if v <= 0 || math.IsNaN(v) {
		return math.NaN()
	}
	return math.Log10(v)
}

// fromLog maps plot units back to a figure.
func fromLog(v float64) float64 { return math.Pow(10, v) }

// nanSeries returns n NaNs.
func nanSeries(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// resample spreads points evenly over cols columns, interpolating between
// them, for figures indexed by position rather than time (a spectrum).
func resample(points []float64, cols int) []float64 {
	out := nanSeries(cols)
	switch {
	case len(points) == 0:
		return out
	case len(points) == 1 || cols == 1:
		for i := range out {
			out[i] = points[0]
		}
		return out
	}
	for i := range out {
		x := float64(i) * float64(len(points)-1) / float64(cols-1)
		j := min(int(x), len(points)-2)
		out[i] = points[j] + (points[j+1]-points[j])*(x-float64(j))
	}
	return out
}

// nsLabel and rateLabel label log-scaled axes.
func nsLabel(v float64) string   { return report.FormatNs(fromLog(v)) }
func rateLabel(v float64) string { return report.FormatRate(fromLog(v)) }
