package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/perflab/perflab/measure"
)

// WriteTable writes an aligned plain-text table, readable in a pipe.
func WriteTable(w io.Writer, r *measure.Report) error {
	if err := writeHeader(w, r); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "strategy\tns/op\t95% CI\tops/s\tp50\tp99\tmax\tallocs/op\tB/op\terrors\tvs baseline\tp\tn")
	for _, row := range Rows(r) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			row.Name, row.NsPerOp, row.CI, row.Throughput, row.P50, row.P99, row.Max,
			row.Allocs, row.Bytes, row.Errors, row.Vs, row.P, row.N)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := writeNotes(w, r, ""); err != nil {
		return err
	}
	if err := writeWhy(w, r); err != nil {
		return err
	}
	return writeGrowth(w, r.Sweep, false)
}

func writeHeader(w io.Writer, r *measure.Report) error {
	title := strings.Trim(r.Lab+"/"+r.Workload, "/")
	params := FormatParams(r.Params)
	mode := Mode(r)
	_, err := fmt.Fprintf(w, "%s  %s\n%d reps of %v, %s; engine overhead %.1f ns/op timed, %.2f ns/op batched%s\n\n",
		title, params, r.Reps, time.Duration(r.RepDurationNs), mode, r.Overhead.PerOp, r.Overhead.Batched, cancelledNote(r))
	return err
}

func cancelledNote(r *measure.Report) string {
	if r.Cancelled {
		return "\ncancelled: partial results"
	}
	return ""
}
