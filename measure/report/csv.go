package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/perflab/perflab/measure"
)

// WriteCSV writes one line per strategy with raw numbers (times in ns).
func WriteCSV(w io.Writer, r *measure.Report) error {
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
