package measure

import "fmt"

// OpenLoopNote says in a line what an open-loop result adds to the table:
// the response time (from the intended start) beside the service time (from
// the actual start), and the target rate beside the achieved one with the
// late and dropped operations. It is empty for a closed-loop result.
func OpenLoopNote(s *Result) string {
	if s.OpenLoop == nil || s.Service == nil {
		return ""
	}
	o := s.OpenLoop
	return fmt.Sprintf("open loop: response p50 %s p99 %s max %s, service p50 %s p99 %s max %s; target %s, achieved %s, %d late, %d dropped",
		FormatNs(float64(s.P50Ns)), FormatNs(float64(s.P99Ns)), FormatNs(float64(s.MaxNs)),
		FormatNs(float64(s.Service.P50Ns)), FormatNs(float64(s.Service.P99Ns)), FormatNs(float64(s.Service.MaxNs)),
		FormatRate(o.TargetRate), FormatRate(o.AchievedRate), o.Late, o.Dropped)
}
