package report

import (
	"fmt"
	"strings"

	"github.com/perflab/perflab/measure"
)

// keptWhy says, for each reason a subject is one instance for the run, why
// its set-up was not repeated.
var keptWhy = map[measure.Kept]string{
	measure.KeptShared: "their set-up starts what the run shares (servers, thread pools, worker processes)",
	measure.KeptState:  "their state is what is measured (a cache warming over the run)",
}

// InstancesNote says how many instances of each strategy the run measured,
// so that a verdict is read as what it is about: with fresh instances, the
// strategy, with how much its instances differed; with one, that instance.
// It is empty for a run of one strategy, which has no verdict to qualify.
func InstancesNote(r *measure.Report) string {
	if len(r.Strategies) < 2 {
		return ""
	}
	first := r.Strategies[0].Instances
	if first == nil {
		return ""
	}
	if first.Block > 0 {
		return freshNote(r, first)
	}
	if first.Kept == measure.KeptOwn {
		// A person's own command starts afresh every run, and their
		// service or Python file is the one they asked about.
		return ""
	}
	why := keptWhy[first.Kept]
	if why == "" {
		return "instances: one of each strategy for the whole run, so each verdict is about these instances"
	}
	return "instances: one of each strategy for the whole run, since " + why + ": each verdict is about these instances, not the strategies in general"
}

// freshNote words a run whose strategies were built afresh every block.
func freshNote(r *measure.Report, in *measure.Instances) string {
	every := "every round"
	if in.Block > 1 {
		every = fmt.Sprintf("every %d rounds", in.Block)
	}
	msg := fmt.Sprintf("instances: each strategy built afresh %s (%s each", every, Count(in.Built, "instance", "instances"))
	if in.BuildNs > 0 {
		msg += fmt.Sprintf(", %s to build, outside the clock", FormatNs(float64(in.BuildNs)))
	}
	msg += "); a block is one observation, so each interval covers how instances differ"
	var spreads []string
	for _, s := range r.Strategies[1:] {
		if c := s.VsBaseline; c != nil && c.InstanceSpread != nil {
			spreads = append(spreads, fmt.Sprintf("%s ±%.1f%%", s.Name, 100**c.InstanceSpread))
		}
	}
	if len(spreads) > 0 {
		msg += "; instance spread (how far the ratio moved from block to block beyond the rounds' own noise: instances that differ, or a load on the machine that changed) " + strings.Join(spreads, ", ")
	}
	return msg
}
