package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/guptarohit/asciigraph"

	"github.com/perflab/perflab/measure"
)

// seriesMarks tell the strategies apart in a chart drawn without colour.
var seriesMarks = []string{"•", "+", "x", "o", "#", "*", "=", "%"}

// GrowthChart draws the sweep as plain text: median ns/op against the swept
// value, one line per strategy, both axes on a log scale so that a power law
// is a straight line whose slope is its exponent. Each strategy is drawn
// with its own mark, named in a legend under the chart. It returns "" when
// the sweep has fewer than two positive values.
func GrowthChart(s *measure.Sweep, width, height int) string {
	names := s.Names()
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range s.Points {
		if p.Value > 0 {
			lo, hi = min(lo, math.Log10(p.Value)), max(hi, math.Log10(p.Value))
		}
	}
	if len(names) == 0 || !(hi > lo) || width < 2 {
		return ""
	}
	data := make([][]float64, len(names))
	var charSets []asciigraph.CharSet
	legend := make([]string, len(names))
	for i, name := range names {
		x, y := s.Series(name)
		data[i] = logSamples(x, y, lo, hi, width)
		mark := seriesMarks[i%len(seriesMarks)]
		charSets = append(charSets, asciigraph.CreateCharSet(mark))
		legend[i] = mark + " " + name
	}
	if !anyFinite(data) {
		return ""
	}
	ticks := min(len(s.Points), max(2, width/10))
	chart := asciigraph.PlotMany(data,
		asciigraph.Height(height),
		asciigraph.SeriesChars(charSets...),
		asciigraph.YAxisValueFormatter(func(v float64) string { return FormatNs(math.Pow(10, v)) }),
		asciigraph.XAxisRange(lo, hi),
		asciigraph.XAxisTickCount(ticks),
		asciigraph.XAxisValueFormatter(func(v float64) string { return formatValue(roundTick(math.Pow(10, v))) }),
	)
	return fmt.Sprintf("ns/op (log scale) against %s (log scale)\n%s\n%s", s.Param, chart, strings.Join(legend, "   "))
}

// roundTick rounds an axis label to a whole number from 10 up, where the
// fraction is only the error of 10^log10(v).
func roundTick(v float64) float64 {
	if math.Abs(v) >= 10 {
		return math.Round(v)
	}
	return math.Round(v*1000) / 1000
}

// logSamples resamples a curve at width evenly spaced points of log x from
// lo to hi, interpolating log y linearly between measured points: straight
// segments on the log-log chart. Outside the measured range it is NaN,
// which the chart leaves blank.
func logSamples(x, y []float64, lo, hi float64, width int) []float64 {
	type pt struct{ lx, ly float64 }
	var pts []pt
	for i := range x {
		if x[i] > 0 && y[i] > 0 {
			pts = append(pts, pt{math.Log10(x[i]), math.Log10(y[i])})
		}
	}
	// Values may have been swept in any order; the curve joins them from
	// the smallest up.
	slices.SortFunc(pts, func(a, b pt) int { return cmp.Compare(a.lx, b.lx) })
	lx, ly := make([]float64, len(pts)), make([]float64, len(pts))
	for i, p := range pts {
		lx[i], ly[i] = p.lx, p.ly
	}
	out := make([]float64, width)
	for j := range out {
		out[j] = math.NaN()
		at := lo + (hi-lo)*float64(j)/float64(width-1)
		for i := range lx {
			if math.Abs(lx[i]-at) < 1e-9 {
				out[j] = ly[i]
				break
			}
			if i+1 < len(lx) && between(at, lx[i], lx[i+1]) {
				f := (at - lx[i]) / (lx[i+1] - lx[i])
				out[j] = ly[i] + f*(ly[i+1]-ly[i])
				break
			}
		}
	}
	return out
}

// between reports whether v lies between a and b, in either order.
func between(v, a, b float64) bool { return (a <= v && v <= b) || (b <= v && v <= a) }

func anyFinite(data [][]float64) bool {
	for _, s := range data {
		for _, v := range s {
			if !math.IsNaN(v) {
				return true
			}
		}
	}
	return false
}
