package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/perflab/perflab/measure"
)

// A DiffWriter writes the comparison of two saved runs in one format. The
// runs come with the diff for the formats that write what each measured,
// as gobench writes every repetition.
type DiffWriter func(w io.Writer, d *measure.Diff, old, new *measure.Report) error

// DiffFormats are the formats of perflab compare by name.
var DiffFormats = map[string]DiffWriter{
	"table":    func(w io.Writer, d *measure.Diff, _, _ *measure.Report) error { return WriteDiffTable(w, d) },
	"json":     func(w io.Writer, d *measure.Diff, _, _ *measure.Report) error { return WriteDiffJSON(w, d) },
	"markdown": func(w io.Writer, d *measure.Diff, _, _ *measure.Report) error { return WriteDiffMarkdown(w, d) },
	"gobench":  WriteDiffGoBench,
}

// DiffFormatNames lists the formats of compare in the order help shows them.
var DiffFormatNames = []string{"table", "json", "markdown", "gobench"}

// DiffCells formats one row of a diff for a table: ns/op with its interval,
// p99 and allocations of each run, and the verdict of new against old.
func DiffCells(r *measure.DiffRow) []string {
	return []string{
		r.Name,
		FormatNs(r.Old.Median), FormatNs(r.Old.Lo) + "–" + FormatNs(r.Old.Hi),
		FormatNs(r.New.Median), FormatNs(r.New.Lo) + "–" + FormatNs(r.New.Hi),
		Words(&r.Vs), DeltaMark(&r.Vs),
		FormatNs(float64(r.OldP99Ns)) + " → " + FormatNs(float64(r.NewP99Ns)),
		optFloat(r.OldAllocs) + " → " + optFloat(r.NewAllocs),
		optFloat(r.OldBytes) + " → " + optFloat(r.NewBytes),
		fmt.Sprintf("p=%.3g", r.Vs.P), fmt.Sprintf("n=%d+%d", r.Vs.N[0], r.Vs.N[1]),
	}
}

// DiffHeader names the columns of DiffCells.
var DiffHeader = []string{"strategy", "old ns/op", "95% CI", "new ns/op", "95% CI", "new vs old", "delta", "p99", "allocs/op", "B/op", "p", "n"}

// optFloat formats an allocation figure, "-" where none was measured.
func optFloat(v *float64) string {
	if v == nil {
		return "-"
	}
	return trimFloat(*v)
}

// WriteDiffTable writes a diff as an aligned plain-text table, with notes
// under it on what the two runs do not share.
func WriteDiffTable(w io.Writer, d *measure.Diff) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "%s/%s\nold: %s\nnew: %s\n", d.Lab, d.Workload, FormatParams(d.OldParams), FormatParams(d.NewParams))
	if m := MachineDiff(d.OldEnv, d.NewEnv); m != "" {
		fmt.Fprintln(ew, m)
	}
	fmt.Fprintln(ew)
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(DiffHeader, "\t"))
	for i := range d.Rows {
		fmt.Fprintln(tw, strings.Join(DiffCells(&d.Rows[i]), "\t"))
	}
	tw.Flush()
	if notes := diffNotes(d); len(notes) > 0 {
		fmt.Fprintln(ew, "\n"+strings.Join(notes, "\n"))
	}
	return ew.err
}

// WriteDiffMarkdown writes a diff as a Markdown table with its notes as a
// list, for a pull request's description.
func WriteDiffMarkdown(w io.Writer, d *measure.Diff) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "### %s/%s: new vs old\n\nold: %s  \nnew: %s\n", d.Lab, d.Workload, FormatParams(d.OldParams), FormatParams(d.NewParams))
	if m := MachineDiff(d.OldEnv, d.NewEnv); m != "" {
		fmt.Fprintf(ew, "\n%s\n", m)
	}
	fmt.Fprintf(ew, "\n| %s |\n|---|%s\n", strings.Join(DiffHeader, " | "), strings.Repeat("--:|", len(DiffHeader)-1))
	for i := range d.Rows {
		fmt.Fprintf(ew, "| %s |\n", strings.Join(DiffCells(&d.Rows[i]), " | "))
	}
	if notes := diffNotes(d); len(notes) > 0 {
		fmt.Fprintln(ew, "\n- "+strings.Join(notes, "\n- "))
	}
	return ew.err
}

// WriteDiffGoBench writes both runs in the Go benchmark format, the old
// run's repetitions under "run: old" and the new run's under "run: new",
// so that benchstat -col run puts them side by side.
func WriteDiffGoBench(w io.Writer, _ *measure.Diff, old, new *measure.Report) error {
	for _, part := range []struct {
		name string
		r    *measure.Report
	}{{"old", old}, {"new", new}} {
		if _, err := fmt.Fprintf(w, "run: %s\n", part.name); err != nil {
			return err
		}
		if err := WriteGoBench(w, part.r); err != nil {
			return err
		}
	}
	return nil
}

// MachineDiff says how the machines of two runs differ (CPUs, Go version,
// OS and architecture), or "" when they match or either is unknown.
func MachineDiff(old, new *measure.Env) string {
	if old == nil || new == nil {
		return ""
	}
	var diffs []string
	if old.CPUs != new.CPUs || old.GOMAXPROCS != new.GOMAXPROCS {
		diffs = append(diffs, fmt.Sprintf("CPUs %d (GOMAXPROCS %d) → %d (GOMAXPROCS %d)", old.CPUs, old.GOMAXPROCS, new.CPUs, new.GOMAXPROCS))
	}
	if old.GoVersion != new.GoVersion {
		diffs = append(diffs, fmt.Sprintf("Go %s → %s", old.GoVersion, new.GoVersion))
	}
	if old.GOOS != new.GOOS || old.GOARCH != new.GOARCH {
		diffs = append(diffs, fmt.Sprintf("OS %s/%s → %s/%s", old.GOOS, old.GOARCH, new.GOOS, new.GOARCH))
	}
	if len(diffs) == 0 {
		return ""
	}
	return "the machines differ: " + strings.Join(diffs, ", ")
}

// diffNotes are DiffNotes of runs called old and new.
func diffNotes(d *measure.Diff) []string { return DiffNotes(d, "old", "new", CLI) }

// DiffNotes lists what a reader of a diff should know beside its rows: why
// a verdict is inconclusive, the strategies only one run has, and whether
// the parameters changed too; the runs are called oldName and newName,
// and v words the reasons.
func DiffNotes(d *measure.Diff, oldName, newName string, v Voice) []string {
	var notes []string
	for _, r := range d.Rows {
		if why := v.Reason(&r.Vs); why != "" {
			notes = append(notes, fmt.Sprintf("%s: %s because %s", r.Name, r.Vs.Verdict, why))
		}
	}
	for _, r := range d.Rows {
		if f := figureChanges(&r); f != "" {
			notes = append(notes, r.Name+": "+f)
		}
	}
	if len(d.OnlyOld) > 0 {
		notes = append(notes, "only in "+oldName+": "+strings.Join(d.OnlyOld, ", "))
	}
	if len(d.OnlyNew) > 0 {
		notes = append(notes, "only in "+newName+": "+strings.Join(d.OnlyNew, ", "))
	}
	if !sameParams(d.OldParams, d.NewParams) {
		notes = append(notes, "the parameters differ: the change is theirs as much as the code's")
	}
	vs := make([]*measure.Comparison, len(d.Rows))
	for i := range d.Rows {
		vs[i] = &d.Rows[i].Vs
	}
	if l := DeltaLegend(vs...); l != "" {
		notes = append(notes, l)
	}
	return notes
}

// figureChanges says how a strategy's own declared figures moved between
// the runs, "peak_threads 12 → 40, peak_rss_mb 31.2 MB → 58 MB", or "" when
// none did: the table's columns already show the figures of every result.
func figureChanges(r *measure.DiffRow) string {
	var parts []string
	for _, m := range measure.DeclaredMetrics() {
		old, okOld := r.OldFigures[m.Name]
		new, okNew := r.NewFigures[m.Name]
		if m.Of != nil || m.Better == measure.Neither || !okOld || !okNew || old == new {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s → %s", m.Title(), withUnit(old, m.Unit), withUnit(new, m.Unit)))
	}
	return strings.Join(parts, ", ")
}

// withUnit writes a figure with its unit, "31.2 MB", or alone.
func withUnit(v float64, unit string) string { return Figure(v, unit) }

// WriteDiffJSON writes a diff as JSON, each reason in the command line's
// words beside its figures and each delta as the table shows it (see
// WriteJSON).
func WriteDiffJSON(w io.Writer, d *measure.Diff) error {
	c := *d
	c.Rows = slices.Clone(d.Rows)
	for i := range c.Rows {
		wordComparison(&c.Rows[i].Vs)
	}
	return writeIndented(w, &c)
}

// sameParams reports whether two parameter sets print the same.
func sameParams(a, b map[string]any) bool {
	return FormatParams(a) == FormatParams(b)
}
