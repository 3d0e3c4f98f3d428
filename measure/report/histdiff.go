package report

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/perflab/perflab/measure"
)

// WriteHistogramDiff writes, for every strategy both runs have, the two
// latency histograms percentile by percentile (p50 to max), old beside new
// with the change, so that a tail that moved while the median held shows.
// The figures are each run's merged histogram: single figures, with no
// test behind the change, which the header says.
func WriteHistogramDiff(w io.Writer, old, new *measure.Report) error {
	ew := &errWriter{w: w}
	fmt.Fprintln(ew, "\nlatency histograms, old → new (each run's merged histogram; no test behind these changes)")
	byName := make(map[string]*measure.Result, len(new.Strategies))
	for _, s := range new.Strategies {
		byName[s.Name] = s
	}
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "strategy\tpercentile\told\tnew\tchange")
	for _, o := range old.Strategies {
		n, ok := byName[o.Name]
		if !ok {
			continue
		}
		for _, p := range histPoints(o, n) {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", o.Name, p.label, FormatNs(float64(p.old)), FormatNs(float64(p.new)), change(p.old, p.new))
		}
	}
	tw.Flush()
	return ew.err
}

// histPoint is one percentile of two histograms.
type histPoint struct {
	label    string
	old, new int64
}

// histPoints lines up the percentiles of two results.
func histPoints(o, n *measure.Result) []histPoint {
	return []histPoint{
		{"p50", o.P50Ns, n.P50Ns},
		{"p90", o.P90Ns, n.P90Ns},
		{"p99", o.P99Ns, n.P99Ns},
		{"p99.9", o.P999Ns, n.P999Ns},
		{"max", o.MaxNs, n.MaxNs},
	}
}

// change is new over old as a signed percentage, "-" without an old figure.
func change(old, new int64) string {
	if old <= 0 {
		return "-"
	}
	return fmt.Sprintf("%+.1f%%", 100*(float64(new)/float64(old)-1))
}
