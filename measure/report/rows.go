package report

import (
	"fmt"
	"strconv"

	"github.com/perflab/perflab/measure"
)

// Row is one strategy's line of a comparison table, formatted for people.
type Row struct {
	Name, NsPerOp, CI, Throughput, P50, P99, Max, Allocs, Bytes, Errors string
	// Vs is the comparison with the baseline: "31.2x faster ± 0.4",
	// "baseline" or "~ no difference".
	Vs      string
	P, N    string
	Verdict measure.Verdict
	Reason  string
}

// ProcessMark marks allocation figures that are the whole process's, not
// the operation's alone.
const ProcessMark = "†"

// Rows formats a report's strategies for a table.
func Rows(r *measure.Report) []Row {
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
			if s.AllocsScope == measure.AllocsOfProcess {
				// The whole process's: a note says what that takes in.
				row.Allocs += ProcessMark
				row.Bytes += ProcessMark
			}
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
			row.Verdict, row.Reason = c.Verdict, CLI.Reason(c)
			row.P = fmt.Sprintf("p=%.3g", c.P)
			row.N = fmt.Sprintf("n=%d+%d", c.N[0], c.N[1])
			row.Vs = Words(c)
		}
		rows[i] = row
	}
	return rows
}
