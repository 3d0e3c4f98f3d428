package measure

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/guptarohit/asciigraph"
)

// NewSweep returns the sweep of param over points, with each strategy's
// growth exponent fitted on its median ns/op at every point.
func NewSweep(param string, points []SweepPoint) *Sweep {
	s := &Sweep{Param: param, Points: points, Exponents: map[string]float64{}}
	for _, name := range s.Names() {
		x, y := s.Series(name)
		if k, ok := FitExponent(x, y); ok {
			s.Exponents[name] = k
		}
	}
	return s
}

// Names returns the strategies of the sweep in the order they were first
// measured.
func (s *Sweep) Names() []string {
	var names []string
	seen := map[string]bool{}
	for _, p := range s.Points {
		for _, r := range p.Strategies {
			if !seen[r.Name] {
				seen[r.Name] = true
				names = append(names, r.Name)
			}
		}
	}
	return names
}

// Series returns one strategy's growth curve: the swept values at which it
// was measured and its median ns/op at each.
func (s *Sweep) Series(name string) (values, nsPerOp []float64) {
	for _, p := range s.Points {
		for _, r := range p.Strategies {
			if r.Name == name {
				values = append(values, p.Value)
				nsPerOp = append(nsPerOp, r.NsPerOp.Median)
			}
		}
	}
	return values, nsPerOp
}

// FitExponent returns k of y ≈ c·x^k: the least-squares slope of log y
// against log x. A straight line on a log-log plot is a power law, and its
// slope is the power, so an O(n) cost fits near 1, O(1) near 0 and O(n²)
// near 2. Points with a non-positive x or y cannot sit on a log scale and
// are left out; ok is false when fewer than two distinct x remain.
func FitExponent(x, y []float64) (k float64, ok bool) {
	var lx, ly []float64
	for i := range min(len(x), len(y)) {
		if x[i] > 0 && y[i] > 0 && !math.IsInf(x[i], 0) && !math.IsInf(y[i], 0) {
			lx = append(lx, math.Log(x[i]))
			ly = append(ly, math.Log(y[i]))
		}
	}
	if len(lx) < 2 {
		return 0, false
	}
	mx, my := mean(lx), mean(ly)
	var sxy, sxx float64
	for i := range lx {
		sxy += (lx[i] - mx) * (ly[i] - my)
		sxx += (lx[i] - mx) * (lx[i] - mx)
	}
	if sxx == 0 {
		return 0, false
	}
	return sxy / sxx, true
}

func mean(v []float64) float64 {
	var sum float64
	for _, x := range v {
		sum += x
	}
	return sum / float64(len(v))
}

// writeGrowth writes the sweep as a table, one row per swept value and one
// column of median ns/op per strategy, closed by each strategy's exponent.
func writeGrowth(out io.Writer, s *Sweep, markdown bool) error {
	if s == nil || len(s.Points) == 0 {
		return nil
	}
	w := &errWriter{w: out}
	names := s.Names()
	head := append([]string{s.Param}, names...)
	rows := make([][]string, 0, len(s.Points)+1)
	for _, p := range s.Points {
		row := []string{formatValue(p.Value)}
		for _, name := range names {
			row = append(row, growthCell(p, name))
		}
		rows = append(rows, row)
	}
	exp := []string{"exponent"}
	for _, name := range names {
		if k, ok := s.Exponents[name]; ok {
			exp = append(exp, fmt.Sprintf("%.2f", k))
		} else {
			exp = append(exp, "-")
		}
	}
	rows = append(rows, exp)

	if markdown {
		fmt.Fprintf(w, "\n#### ns/op as %s grows\n\nThe table above is the last point, %s=%s. Exponent: slope of log ns/op against log %s (0 flat, 1 linear, 2 quadratic).\n\n| %s |\n|%s\n",
			s.Param, s.Param, formatValue(s.Points[len(s.Points)-1].Value), s.Param, strings.Join(head, " | "), strings.Repeat("--:|", len(head)))
		for _, row := range rows {
			fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
		}
		return w.err
	}
	fmt.Fprintf(w, "\nns/op as %s grows (the table above is the last point, %s=%s)\nexponent: slope of log ns/op against log %s; 0 flat, 1 linear, 2 quadratic\n\n",
		s.Param, s.Param, formatValue(s.Points[len(s.Points)-1].Value), s.Param)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, row := range append([][]string{head}, rows...) {
		fmt.Fprintf(tw, "%s\t\n", strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if chart := GrowthChart(s, 64, 12); chart != "" {
		fmt.Fprintf(w, "\n%s\n", chart)
	}
	return w.err
}

// formatValue formats a swept value in full when it is whole (65536, not
// 6.554e+04) and with four significant digits otherwise.
func formatValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return trimFloat(v)
}

// roundTick rounds an axis label to a whole number from 10 up, where the
// fraction is only the error of 10^log10(v).
func roundTick(v float64) float64 {
	if math.Abs(v) >= 10 {
		return math.Round(v)
	}
	return math.Round(v*1000) / 1000
}

func growthCell(p SweepPoint, name string) string {
	for _, r := range p.Strategies {
		if r.Name == name {
			return FormatNs(r.NsPerOp.Median)
		}
	}
	return "-"
}

// seriesMarks tell the strategies apart in a chart drawn without colour.
var seriesMarks = []string{"•", "+", "x", "o", "#", "*", "=", "%"}

// GrowthChart draws the sweep as plain text: median ns/op against the swept
// value, one line per strategy, both axes on a log scale so that a power law
// is a straight line whose slope is its exponent. Each strategy is drawn
// with its own mark, named in a legend under the chart. It returns "" when
// the sweep has fewer than two positive values.
func GrowthChart(s *Sweep, width, height int) string {
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
