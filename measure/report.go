package measure

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// A Writer writes a report in one format.
type Writer func(w io.Writer, r *Report) error

// Formats are the report formats by name, for --format.
var Formats = map[string]Writer{
	"table":    WriteTable,
	"json":     WriteJSON,
	"csv":      WriteCSV,
	"markdown": WriteMarkdown,
	"gobench":  WriteGoBench,
}

// FormatNames lists the formats in the order help shows them.
var FormatNames = []string{"table", "json", "csv", "markdown", "gobench"}

// WriteJSON writes the report as the JSON contract of DESIGN.md.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// ReadJSON reads a report written by WriteJSON.
func ReadJSON(rd io.Reader) (*Report, error) {
	var r Report
	if err := json.NewDecoder(rd).Decode(&r); err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	if r.Schema != Schema {
		return nil, fmt.Errorf("read report: schema %q, want %q", r.Schema, Schema)
	}
	return &r, nil
}

// Row is one strategy's line of a comparison table, formatted for people.
type Row struct {
	Name, NsPerOp, CI, Throughput, P50, P99, Max, Allocs, Bytes, Errors string
	// Vs is the comparison with the baseline: "31.2x faster ± 0.4",
	// "baseline" or "~ (p=0.41)".
	Vs      string
	P, N    string
	Verdict Verdict
	Reason  string
}

// Rows formats a report's strategies for a table.
func Rows(r *Report) []Row {
	rows := make([]Row, len(r.Strategies))
	for i, s := range r.Strategies {
		row := Row{
			Name:       s.Name,
			NsPerOp:    FormatNs(s.NsPerOp.Median),
			CI:         fmt.Sprintf("%s–%s", FormatNs(s.NsPerOp.Lo), FormatNs(s.NsPerOp.Hi)),
			Throughput: FormatRate(s.Throughput),
			P50:        FormatNs(float64(s.P50Ns)),
			P99:        FormatNs(float64(s.P99Ns)),
			Max:        FormatNs(float64(s.MaxNs)),
			Allocs:     "-",
			Bytes:      "-",
			Errors:     strconv.FormatInt(s.Errors, 10),
			Vs:         "baseline",
		}
		if s.AllocsPerOp != nil {
			row.Allocs = trimFloat(*s.AllocsPerOp)
			row.Bytes = trimFloat(*s.BytesPerOp)
		}
		// Show what was not measured as not measured, not as zero: a
		// run cancelled before a strategy finished a repetition.
		if s.NsPerOp.Median == 0 {
			row.NsPerOp, row.CI = "-", "-"
		}
		if s.Ops == 0 {
			row.Throughput, row.P50, row.P99, row.Max = "-", "-", "-", "-"
		}
		if c := s.VsBaseline; c != nil {
			row.Verdict, row.Reason = c.Verdict, c.Reason
			row.P = fmt.Sprintf("p=%.3g", c.P)
			row.N = fmt.Sprintf("n=%d+%d", c.N[0], c.N[1])
			row.Vs = c.Words()
		}
		rows[i] = row
	}
	return rows
}

// Words says the comparison in a few words: "31.2x faster ± 0.4", "~ no
// difference", "inconclusive".
func (c *Comparison) Words() string {
	switch c.Verdict {
	case Faster:
		return fmt.Sprintf("%sx faster ± %s", sig(c.Speedup), sig(c.PlusMinus()))
	case Slower:
		return fmt.Sprintf("%sx slower ± %s", sig(1/c.Speedup), sig(c.PlusMinus()/(c.Speedup*c.Speedup)))
	case Same:
		return "~ no difference"
	}
	return "? inconclusive"
}

// WriteTable writes an aligned plain-text table, readable in a pipe.
func WriteTable(w io.Writer, r *Report) error {
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
	return writeGrowth(w, r.Sweep, false)
}

// writeNotes writes the verdict reasons, metrics and warnings under a table,
// each line prefixed.
func writeNotes(w io.Writer, r *Report, prefix string) error {
	var b strings.Builder
	for _, s := range r.Strategies {
		if c := s.VsBaseline; c != nil && c.Reason != "" {
			fmt.Fprintf(&b, "%s%s: %s because %s\n", prefix, s.Name, c.Verdict, c.Reason)
		}
		if len(s.Metrics) > 0 {
			fmt.Fprintf(&b, "%s%s: %s\n", prefix, s.Name, FormatMetrics(s.Metrics))
		}
		if note := OpenLoopNote(s); note != "" {
			fmt.Fprintf(&b, "%s%s: %s\n", prefix, s.Name, note)
		}
		for _, warn := range s.Warnings {
			fmt.Fprintf(&b, "%swarning: %s: %s\n", prefix, s.Name, warn)
		}
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(&b, "%swarning: %s\n", prefix, warn)
	}
	if b.Len() == 0 {
		return nil
	}
	_, err := fmt.Fprint(w, "\n"+b.String())
	return err
}

func writeHeader(w io.Writer, r *Report) error {
	title := strings.Trim(r.Lab+"/"+r.Workload, "/")
	params := FormatParams(r.Params)
	mode := r.Mode()
	_, err := fmt.Fprintf(w, "%s  %s\n%d reps of %v, %s; engine overhead %.1f ns/op timed, %.2f ns/op batched%s\n\n",
		title, params, r.Reps, time.Duration(r.RepDurationNs), mode, r.Overhead.PerOp, r.Overhead.Batched, cancelledNote(r))
	return err
}

func cancelledNote(r *Report) string {
	if r.Cancelled {
		return "\ncancelled: partial results"
	}
	return ""
}

// Mode says in a few words how the run loaded its subjects: "closed loop",
// "closed loop, 8 engine workers", "open loop at 500/s, up to 8 in flight".
// Strategies that run their own goroutines (a pool of k) say so in their
// own parameters, not here.
func (r *Report) Mode() string {
	switch {
	case r.Rate > 0:
		return fmt.Sprintf("open loop at %s/s, up to %d in flight", trimFloat(r.Rate), r.Workers)
	case r.Workers > 1:
		return fmt.Sprintf("closed loop, %d engine workers", r.Workers)
	}
	return "closed loop"
}

// WriteMarkdown writes the comparison as a Markdown table.
func WriteMarkdown(out io.Writer, r *Report) error {
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
	if err := writeGrowth(w, r.Sweep, true); err != nil {
		return err
	}
	return w.err
}

// WriteCSV writes one line per strategy with raw numbers (times in ns).
func WriteCSV(w io.Writer, r *Report) error {
	// A csv.Writer keeps its first error for Error, after Flush: the
	// writes need no check of their own.
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"lab", "workload", "strategy", "baseline", "reps", "ops", "ns_per_op", "ns_per_op_lo", "ns_per_op_hi",
		"throughput", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "max_ns", "allocs_per_op", "bytes_per_op", "errors",
		"speedup", "speedup_lo", "speedup_hi", "p", "verdict", "reason"})
	for _, s := range r.Strategies {
		rec := []string{r.Lab, r.Workload, s.Name, strconv.FormatBool(s.Baseline), strconv.Itoa(len(s.Reps)),
			strconv.FormatInt(s.Ops, 10), ff(s.NsPerOp.Median), ff(s.NsPerOp.Lo), ff(s.NsPerOp.Hi),
			ff(s.Throughput), i64(s.P50Ns), i64(s.P90Ns), i64(s.P99Ns), i64(s.P999Ns), i64(s.MaxNs),
			optF(s.AllocsPerOp), optF(s.BytesPerOp), i64(s.Errors)}
		if c := s.VsBaseline; c != nil {
			rec = append(rec, ff(c.Speedup), ff(c.SpeedupLo), ff(c.SpeedupHi), ff(c.P), string(c.Verdict), c.Reason)
		} else {
			rec = append(rec, "", "", "", "", "", "")
		}
		_ = cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// WriteGoBench writes one line per measured repetition in the Go benchmark
// format, so that benchstat can read it.
func WriteGoBench(out io.Writer, r *Report) error {
	w := &errWriter{w: out}
	if r.Env != nil {
		fmt.Fprintf(w, "goos: %s\ngoarch: %s\n", r.Env.GOOS, r.Env.GOARCH)
	}
	fmt.Fprintf(w, "pkg: perflab/%s/%s\n", r.Lab, r.Workload)
	for _, s := range r.Strategies {
		name := "Benchmark" + benchName(r.Workload) + "/" + benchName(s.Name)
		for _, rep := range s.Reps {
			if rep.Ops == 0 {
				continue
			}
			line := fmt.Sprintf("%s\t%d\t%s ns/op", name, rep.Ops, ff(rep.NsPerOp))
			if s.AllocsPerOp != nil {
				line += fmt.Sprintf("\t%s B/op\t%s allocs/op",
					ff(rep.BytesPerOp), ff(rep.AllocsPerOp))
			}
			fmt.Fprintln(w, line)
		}
	}
	return w.err
}

// errWriter keeps the first error of the writes through it and fails every
// write after it, so that a writer of many lines checks once, at the end.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// benchName makes a name fit a benchmark name: no spaces, first letter up.
func benchName(s string) string {
	s = strings.NewReplacer(" ", "_", "#", "_").Replace(s)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// FormatNs formats nanoseconds with a unit that keeps three or four digits:
// "12.3ns", "4.56µs", "7.89ms", "1.23s".
func FormatNs(ns float64) string {
	switch {
	case math.IsNaN(ns) || math.IsInf(ns, 0):
		return "-"
	case ns < 1e3:
		return sig(ns) + "ns"
	case ns < 1e6:
		return sig(ns/1e3) + "µs"
	case ns < 1e9:
		return sig(ns/1e6) + "ms"
	}
	return sig(ns/1e9) + "s"
}

// FormatRate formats a rate per second: "412k/s".
func FormatRate(r float64) string {
	switch {
	case r >= 1e9:
		return sig(r/1e9) + "G/s"
	case r >= 1e6:
		return sig(r/1e6) + "M/s"
	case r >= 1e3:
		return sig(r/1e3) + "k/s"
	}
	return sig(r) + "/s"
}

// FormatParams formats parameters as "n=10000 hit_ratio=0.5", sorted.
func FormatParams(p map[string]any) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, p[k])
	}
	return strings.Join(parts, " ")
}

// FormatMetrics formats a subject's own figures, sorted by name:
// "hit_ratio=0.81 peak_threads=12".
func FormatMetrics(m map[string]float64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + trimFloat(m[k])
	}
	return strings.Join(parts, " ")
}

// sig formats x with three significant digits, at least: 1.23, 12.3, 123,
// 1234.
func sig(x float64) string {
	switch ax := math.Abs(x); {
	case ax >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case ax >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}

// trimFloat formats a count with up to four significant digits, and large
// ones whole: 0.01828, 11, 100900.
func trimFloat(x float64) string {
	if math.Abs(x) >= 1000 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}
func ff(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
func i64(x int64) string  { return strconv.FormatInt(x, 10) }

func optF(x *float64) string {
	if x == nil {
		return ""
	}
	return ff(*x)
}
