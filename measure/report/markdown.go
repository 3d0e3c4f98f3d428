package report

import (
	"fmt"
	"io"
	"time"

	"github.com/perflab/perflab/measure"
)

// WriteMarkdown writes the comparison as a Markdown table.
func WriteMarkdown(out io.Writer, r *measure.Report) error {
	w := &errWriter{w: out}
	fmt.Fprintf(w, "### %s/%s\n\n%s, %d reps of %v\n\n", r.Lab, r.Workload, FormatParams(r.Params), r.Reps, time.Duration(r.RepDurationNs))
	fmt.Fprintln(w, "| strategy | ns/op | 95% CI | ops/s | p50 | p99 | max | allocs/op | B/op | errors | vs baseline | p | n |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|")
	for _, row := range Rows(r) {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			row.Name, row.NsPerOp, row.CI, row.Throughput, row.P50, row.P99, row.Max,
			row.Allocs, row.Bytes, row.Errors, row.Vs, row.P, row.N)
	}
	if err := writeNotes(w, r, "- "); err != nil {
		return err
	}
	if err := writeWhyMarkdown(w, r); err != nil {
		return err
	}
	if err := writeGrowth(w, r.Sweep, true); err != nil {
		return err
	}
	return w.err
}
