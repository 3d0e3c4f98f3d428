package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/perflab/perflab/measure"
)

// WriteDiffTable writes a diff as an aligned plain-text table, with notes
// under it on what the two runs do not share.
func WriteDiffTable(w io.Writer, d *measure.Diff) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "%s/%s\nold: %s\nnew: %s\n\n", d.Lab, d.Workload, FormatParams(d.OldParams), FormatParams(d.NewParams))
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "strategy\told ns/op\t95% CI\tnew ns/op\t95% CI\tnew vs old\tdelta\tp\tn")
	for _, r := range d.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s–%s\t%s\t%s–%s\t%s\t%s\tp=%.3g\tn=%d+%d\n",
			r.Name, FormatNs(r.Old.Median), FormatNs(r.Old.Lo), FormatNs(r.Old.Hi),
			FormatNs(r.New.Median), FormatNs(r.New.Lo), FormatNs(r.New.Hi),
			Words(&r.Vs), r.Vs.Delta, r.Vs.P, r.Vs.N[0], r.Vs.N[1])
	}
	tw.Flush()
	if notes := diffNotes(d); len(notes) > 0 {
		fmt.Fprintln(ew, "\n"+strings.Join(notes, "\n"))
	}
	return ew.err
}

// diffNotes lists what a reader of a diff should know beside its rows: why
// a verdict is inconclusive, the strategies only one run has, and whether
// the parameters changed too.
func diffNotes(d *measure.Diff) []string {
	var notes []string
	for _, r := range d.Rows {
		if r.Vs.Reason != "" {
			notes = append(notes, fmt.Sprintf("%s: %s because %s", r.Name, r.Vs.Verdict, r.Vs.Reason))
		}
	}
	if len(d.OnlyOld) > 0 {
		notes = append(notes, "only in old: "+strings.Join(d.OnlyOld, ", "))
	}
	if len(d.OnlyNew) > 0 {
		notes = append(notes, "only in new: "+strings.Join(d.OnlyNew, ", "))
	}
	if !sameParams(d.OldParams, d.NewParams) {
		notes = append(notes, "the parameters differ: the change is theirs as much as the code's")
	}
	return notes
}

// WriteDiffJSON writes a diff as JSON.
func WriteDiffJSON(w io.Writer, d *measure.Diff) error { return writeIndented(w, d) }

// sameParams reports whether two parameter sets print the same.
func sameParams(a, b map[string]any) bool {
	return FormatParams(a) == FormatParams(b)
}
