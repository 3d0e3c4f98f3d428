package main

import (
	"fmt"
	"io"
	"time"

	"github.com/perflab/perflab/labs/own"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// writeGenerators prints, under the comparison, each generator's share of
// each URL's load and the rate it achieved, so that a generator that could
// not keep up is seen rather than averaged into the total.
func writeGenerators(w io.Writer, results []*measure.Result) {
	for _, r := range results {
		n := int(r.Metrics[own.MetricGenerators])
		if n == 0 {
			continue
		}
		fmt.Fprintf(w, "\ngenerators: %s (%d, started together within %s, tolerance %s; %.0f reports/s each)\n", r.Name, n,
			report.FormatNs(r.Metrics[own.MetricSkewMax]), time.Duration(r.Metrics[own.MetricSkewTolerance]), r.Metrics[own.MetricMessages])
		fmt.Fprintf(w, "%-10s  %6s  %10s  %10s  %5s\n", "generator", "share", "target/s", "achieved/s", "reps")
		for i := 1; i <= n; i++ {
			name := fmt.Sprintf("gen%d", i)
			target := "closed"
			if v, ok := r.Metrics[own.GeneratorMetric(name, "target_rate")]; ok {
				target = fmt.Sprintf("%.0f", v)
			}
			fmt.Fprintf(w, "%-10s  %5.0f%%  %10s  %10.0f  %5.0f\n", name, 100*r.Metrics[own.GeneratorMetric(name, "share")], target,
				r.Metrics[own.GeneratorMetric(name, "achieved_rate")], r.Metrics[own.GeneratorMetric(name, "reps")])
		}
		fmt.Fprintf(w, "%-10s  %6s  %10s  %10.0f\n", "total", "100%", "", r.Metrics[own.MetricFleetRate])
	}
}
