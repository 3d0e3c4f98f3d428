package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/perflab/perflab/measure"
)

// writeNotes writes the verdict reasons, metrics and warnings under a table,
// each line prefixed.
func writeNotes(w io.Writer, r *measure.Report, prefix string) error {
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

// OpenLoopNote says in a line what an open-loop result adds to the table:
// the response time (from the intended start) beside the service time (from
// the actual start), and the target rate beside the achieved one with the
// late and dropped operations. It is empty for a closed-loop result.
func OpenLoopNote(s *measure.Result) string {
	if s.OpenLoop == nil || s.Service == nil {
		return ""
	}
	o := s.OpenLoop
	return fmt.Sprintf("open loop: response p50 %s p99 %s max %s, service p50 %s p99 %s max %s; target %s, achieved %s, %d late, %d dropped",
		FormatNs(float64(s.P50Ns)), FormatNs(float64(s.P99Ns)), FormatNs(float64(s.MaxNs)),
		FormatNs(float64(s.Service.P50Ns)), FormatNs(float64(s.Service.P99Ns)), FormatNs(float64(s.Service.MaxNs)),
		FormatRate(o.TargetRate), FormatRate(o.AchievedRate), o.Late, o.Dropped)
}
