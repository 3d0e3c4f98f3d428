package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/perflab/perflab/measure"
)

// WriteCSV writes one line per strategy with raw numbers (times in ns). A
// sweep writes one line per strategy at every point, with a column named
// after the swept parameter holding its value.
func WriteCSV(w io.Writer, r *measure.Report) error {
	// A csv.Writer keeps its first error for Error, after Flush: the
	// writes need no check of their own.
	cw := csv.NewWriter(w)
	head := []string{"lab", "workload"}
	sw := r.Sweep
	if sw != nil && len(sw.Points) == 0 {
		sw = nil
	}
	if sw != nil {
		head = append(head, sw.Param)
	}
	_ = cw.Write(append(head, "strategy", "baseline", "reps", "ops", "ns_per_op", "ns_per_op_lo", "ns_per_op_hi",
		"throughput", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "max_ns", "allocs_per_op", "bytes_per_op", "errors",
		"speedup", "speedup_lo", "speedup_hi", "p", "verdict", "reason"))
	if sw == nil {
		for _, s := range r.Strategies {
			_ = cw.Write(append([]string{r.Lab, r.Workload}, csvRecord(s)...))
		}
	} else {
		for _, p := range sw.Points {
			for _, s := range p.Strategies {
				_ = cw.Write(append([]string{r.Lab, r.Workload, ff(p.Value)}, csvRecord(s)...))
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvRecord is a strategy's cells from its name on.
func csvRecord(s *measure.Result) []string {
	rec := []string{s.Name, strconv.FormatBool(s.Baseline), strconv.Itoa(len(s.Reps)),
		strconv.FormatInt(s.Ops, 10), ff(s.NsPerOp.Median), ff(s.NsPerOp.Lo), ff(s.NsPerOp.Hi),
		ff(s.Throughput), i64(s.P50Ns), i64(s.P90Ns), i64(s.P99Ns), i64(s.P999Ns), i64(s.MaxNs),
		optF(s.AllocsPerOp), optF(s.BytesPerOp), i64(s.Errors)}
	if c := s.VsBaseline; c != nil {
		return append(rec, ff(c.Speedup), ff(c.SpeedupLo), ff(c.SpeedupHi), ff(c.P), string(c.Verdict), CLI.Reason(c))
	}
	return append(rec, "", "", "", "", "", "")
}

// ff formats a float exactly, with as few digits as read back the same: CSV
// and the Go benchmark format are for programs.
func ff(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func i64(x int64) string { return strconv.FormatInt(x, 10) }

// optF formats a figure that may not have been measured as an empty cell.
func optF(x *float64) string {
	if x == nil {
		return ""
	}
	return ff(*x)
}
