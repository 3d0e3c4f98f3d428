package tui

import (
	"math"
	"strconv"
	"time"

	"github.com/perflab/perflab/measure"
)

// graphView is a choice of graph.
type graphView int

// The graphs. The run view cycles through the live ones; the results view
// shows the spectrum, or the growth curve of a sweep.
const (
	viewLatency graphView = iota
	viewSpectrum
	viewThroughput
	viewGrowth
	// viewWhy is the results' why: where two strategies' time per
	// operation went, from a run's profiling rounds (why.go).
	viewWhy
)

// liveViews are the graphs of the run view, in the order v cycles them.
var liveViews = []graphView{viewLatency, viewSpectrum, viewThroughput}

func (g graphView) String() string {
	switch g {
	case viewLatency:
		return "latency over time"
	case viewSpectrum:
		return "percentile spectrum"
	case viewThroughput:
		return "throughput over time"
	case viewGrowth:
		return "growth curve"
	case viewWhy:
		return "why it is faster"
	}
	return "graph " + strconv.Itoa(int(g))
}

// short is the graph's name on a narrow terminal.
func (g graphView) short() string {
	switch g {
	case viewLatency:
		return "latency"
	case viewSpectrum:
		return "spectrum"
	case viewThroughput:
		return "throughput"
	case viewGrowth:
		return "growth"
	case viewWhy:
		return "why"
	}
	return g.String()
}

// spectrumTop is the highest percentile a spectrum is drawn to: past it a
// handful of operations decide the line, and it would dwarf the rest.
const spectrumTop = 99.9

// aggregate says how the points that fall in one column become its value.
type aggregate int

const (
	aggMean aggregate = iota
	aggMax
)

// binTimeline spreads a timeline over cols columns covering (0, span]: a
// column takes the mean or the max of value over the points that ended in
// it, and keeps the last value through columns with none, so that a
// strategy waiting for its turn keeps its line. Values that have no place on
// a log scale (an interval with no operation) are skipped.
func binTimeline(tl []measure.Point, span time.Duration, cols int, value func(measure.Point) float64, agg aggregate) []float64 {
	out := nanSeries(cols)
	if span <= 0 {
		return out
	}
	sum, n := make([]float64, cols), make([]int, cols)
	for _, p := range tl {
		v := value(p)
		if v <= 0 {
			continue
		}
		c := min(cols-1, max(0, int(float64(p.At)*float64(cols)/float64(span))))
		switch agg {
		case aggMax:
			sum[c] = max(sum[c], v)
		default:
			sum[c] += v
		}
		n[c]++
	}
	last := math.NaN()
	for c := range out {
		if n[c] > 0 {
			v := sum[c]
			if agg == aggMean {
				v /= float64(n[c])
			}
			last = math.Log10(v)
		}
		out[c] = last
	}
	return out
}

// timelineSpan is the time the timelines cover: the latest point's time.
func timelineSpan(subs []measure.SubjectSnapshot) time.Duration {
	var span time.Duration
	for _, s := range subs {
		if n := len(s.Timeline); n > 0 {
			span = max(span, s.Timeline[n-1].At)
		}
	}
	return span
}

// maxTicks is the most labels a time axis gets (see chart.render).
const maxTicks = 6

// secondsLabel returns the labeller of a time axis in seconds that spans
// span seconds: with as many decimals as tell its ticks apart, so that a
// short run's axis does not read "0.1s 0.1s".
func secondsLabel(span float64) func(float64) string {
	decimals := 0
	if step := span / (maxTicks - 1); step > 0 && step < 1 {
		decimals = min(3, int(math.Ceil(-math.Log10(step))))
	}
	return func(v float64) string { return strconv.FormatFloat(v, 'f', decimals, 64) + "s" }
}

// latencyChart plots each strategy's p50 (a line) and p99 (dots) over time.
func latencyChart(subs []measure.SubjectSnapshot) chart {
	return timelineChart(subs, nsLabel, []timelineSeries{
		{value: func(p measure.Point) float64 { return float64(p.P50) }, agg: aggMean},
		{value: func(p measure.Point) float64 { return float64(p.P99) }, agg: aggMax, dotted: true},
	})
}

// throughputChart plots each strategy's operations a second over time.
func throughputChart(subs []measure.SubjectSnapshot) chart {
	return timelineChart(subs, rateLabel, []timelineSeries{
		{value: func(p measure.Point) float64 { return p.Throughput }, agg: aggMean},
	})
}

// A timelineSeries is one figure of every strategy's timeline, drawn as a
// line or as dots.
type timelineSeries struct {
	value  func(measure.Point) float64
	agg    aggregate
	dotted bool
}

// timelineChart plots, over the run's time, each series for every strategy
// in turn: the first series of each strategy, then the second, and so on.
// Only the first series names the strategies in the legend.
func timelineChart(subs []measure.SubjectSnapshot, yLabel func(float64) string, series []timelineSeries) chart {
	span := timelineSpan(subs)
	c := chart{
		yLabel: yLabel, xMin: 0, xMax: span.Seconds(), xLabel: secondsLabel(span.Seconds()),
		empty: "waiting for the first interval…",
	}
	for k, ts := range series {
		for i, s := range subs {
			c.strategy = append(c.strategy, i)
			c.dotted = append(c.dotted, ts.dotted)
			if k == 0 {
				c.legends = append(c.legends, s.Name)
			}
		}
	}
	c.columns = func(cols int) [][]float64 {
		data := make([][]float64, 0, len(series)*len(subs))
		for _, ts := range series {
			for _, s := range subs {
				data = append(data, binTimeline(s.Timeline, span, cols, ts.value, ts.agg))
			}
		}
		return data
	}
	return c
}

// spectrumChart plots latency against percentile, up to spectrumTop, for
// each named spectrum.
func spectrumChart(names []string, spectra [][]measure.SpectrumPoint) chart {
	pcts := spectrumPercentiles(spectra)
	c := chart{
		yLabel: nsLabel, xMin: 0, xMax: float64(max(0, len(pcts)-1)),
		xLabel: func(v float64) string {
			i := min(len(pcts)-1, max(0, int(math.Round(v))))
			return "p" + strconv.FormatFloat(pcts[i], 'g', -1, 64)
		},
		empty: "no operation measured yet",
	}
	for i, name := range names {
		c.strategy = append(c.strategy, i)
		c.legends = append(c.legends, name)
	}
	c.columns = func(cols int) [][]float64 {
		data := make([][]float64, len(spectra))
		for i, sp := range spectra {
			ys := make([]float64, 0, len(pcts))
			for _, p := range sp {
				if p.Percentile <= spectrumTop {
					ys = append(ys, logOf(float64(p.Ns)))
				}
			}
			if len(ys) < len(pcts) {
				data[i] = nanSeries(cols)
				continue
			}
			data[i] = resample(ys, cols)
		}
		return data
	}
	return c
}

// spectrumPercentiles returns the percentiles the spectra are read at, up
// to spectrumTop.
func spectrumPercentiles(spectra [][]measure.SpectrumPoint) []float64 {
	for _, sp := range spectra {
		if len(sp) == 0 {
			continue
		}
		var out []float64
		for _, p := range sp {
			if p.Percentile <= spectrumTop {
				out = append(out, p.Percentile)
			}
		}
		return out
	}
	return []float64{0}
}
