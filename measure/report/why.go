package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/profile"
)

// whyRows is how many functions the command line's why table lists per
// comparison.
const whyRows = 8

// WhyChanges returns the functions that tell strategy r from the
// baseline, baseline as a and r as b, most different first: the
// functions everything runs under left out, since their difference is the
// whole difference and says nothing of where it lies. Nil when either has
// no profile.
func WhyChanges(base, r *measure.Result) []profile.Change {
	if base.Profile == nil || r.Profile == nil {
		return nil
	}
	var out []profile.Change
	for _, c := range profile.Diff(*base.Profile, *r.Profile) {
		if !c.Root() {
			out = append(out, c)
		}
	}
	return out
}

// writeWhy writes, under the comparison table, where each strategy's time
// per operation went against the baseline's, from the profiling rounds.
func writeWhy(w io.Writer, r *measure.Report) error {
	if len(r.Strategies) == 0 || r.Strategies[0].Profile == nil {
		return nil
	}
	base := r.Strategies[0]
	cut := ""
	if r.ProfileCut {
		cut = " (cut short by a stop or the time bound: the measured rounds above are whole)"
	}
	if _, err := fmt.Fprintf(w, "\nwhy: CPU profiles from %s of rounds after the measured ones%s; time per operation, ± one standard error of the samples\n",
		time.Duration(r.ProfileNs).Round(time.Millisecond), cut); err != nil {
		return err
	}
	for _, s := range r.Strategies {
		if err := writeProfileLine(w, s); err != nil {
			return err
		}
	}
	for _, s := range r.Strategies[1:] {
		changes := WhyChanges(base, s)
		if len(changes) == 0 {
			continue
		}
		if _, err := fmt.Fprintf(w, "\n%s against %s:\n", s.Name, base.Name); err != nil {
			return err
		}
		if err := writeChanges(w, base.Name, s.Name, changes); err != nil {
			return err
		}
	}
	return nil
}

// writeChanges writes the functions that tell b from a, most different
// first, each with its cumulative time per operation in both and the
// difference.
func writeChanges(w io.Writer, a, b string, changes []profile.Change) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  function\t%s cum\t%s cum\tdifference\t\n", a, b)
	for _, c := range changes[:min(whyRows, len(changes))] {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s ± %s\t%s\n", ShortFunc(c.Func), perOp(c.ACumNs, c.AShare), perOp(c.BCumNs, c.BShare),
			signedNs(c.DeltaCumNs), FormatNs(c.CumErr), onlyNote(c, b))
	}
	return tw.Flush()
}

// writeWhyMarkdown writes the why of writeWhy as a block of preformatted
// text, whose columns a Markdown table of long function names would lose.
func writeWhyMarkdown(w io.Writer, r *measure.Report) error {
	if len(r.Strategies) == 0 || r.Strategies[0].Profile == nil {
		return nil
	}
	if _, err := fmt.Fprint(w, "\n```text"); err != nil {
		return err
	}
	if err := writeWhy(w, r); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "```")
	return err
}

// writeProfileLine says what one strategy's profile rests on.
func writeProfileLine(w io.Writer, s *measure.Result) error {
	p := s.Profile
	if p == nil {
		_, err := fmt.Fprintf(w, "  %s: no profile\n", s.Name)
		return err
	}
	outside := ""
	if p.Outside {
		outside = " (its work runs outside perflab's process: this is perflab's side of it)"
	}
	allocs := fmt.Sprintf("%s allocated in %s allocations", formatBytes(p.BytesPerOp), sig(p.AllocsPerOp))
	if p.OwnProcess {
		allocs = "profiled in its own process, whose allocations it does not see"
	}
	_, err := fmt.Fprintf(w, "  %s: %d samples over %d operations, %s of CPU an operation, %s%s\n",
		s.Name, p.Samples, p.Ops, FormatNs(p.CPUNsPerOp), allocs, outside)
	return err
}

// perOp formats a function's time per operation with its share of its
// strategy, or a dash where the strategy does not run it.
func perOp(ns, share float64) string {
	if share == 0 {
		return "-"
	}
	return fmt.Sprintf("%s (%.0f%%)", FormatNs(ns), 100*share)
}

// signedNs formats a difference of times with its sign.
func signedNs(ns float64) string {
	if ns < 0 {
		return "-" + FormatNs(-ns)
	}
	return "+" + FormatNs(ns)
}

// onlyNote says which of the two runs the function alone.
func onlyNote(c profile.Change, b string) string {
	switch {
	case c.OnlyA:
		return b + " no longer runs it"
	case c.OnlyB:
		return "only " + b + " runs it"
	}
	return ""
}

// ShortFunc names a function of a module without its module's path, as
// pprof's graphs do: datastructures.sliceSet.contains. A function of the
// standard library keeps its whole path (internal/sync.(*Mutex).Unlock),
// which is short and tells it from its namesake (sync.(*Mutex).Unlock).
func ShortFunc(name string) string {
	// The path ends at the last slash before the first bracket (a type
	// argument's path is not the function's).
	head := name
	if i := strings.IndexByte(head, '['); i >= 0 {
		head = head[:i]
	}
	first, _, _ := strings.Cut(head, "/")
	if !strings.Contains(first, ".") {
		return name
	}
	if i := strings.LastIndexByte(head, '/'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// WhyLead says in one sentence, from a run's profiles, where the
// baseline's time per operation went and what the fastest strategy that
// was profiled runs instead, and how its time compares: "slice: 90% of
// its time per operation under slices.Contains[…]; map: 60% under
// maps.(*Map).getWithKeySmall, in 1.0% of the slice's time per
// operation". It is what a reveal leads its why with, before the written
// lesson; "" when the baseline or every other strategy has no profile.
func WhyLead(r *measure.Report) string {
	if len(r.Strategies) < 2 || r.Strategies[0].Profile == nil {
		return ""
	}
	base := r.Strategies[0]
	other := leadStrategy(r)
	if other == nil {
		return ""
	}
	changes := WhyChanges(base, other)
	lead := base.Name + ": "
	if a, ok := leadChange(changes, true); ok {
		lead += fmt.Sprintf("%s of its time per operation under %s", percent(a.AShare), readableFunc(a.Func))
	} else {
		lead += "no function stands out of its time per operation"
	}
	lead += "; " + other.Name + ": "
	if b, ok := leadChange(changes, false); ok {
		lead += fmt.Sprintf("%s under %s, in ", percent(b.BShare), readableFunc(b.Func))
	}
	if base.Profile.CPUNsPerOp > 0 {
		lead += fmt.Sprintf("%s of the %s's time per operation", percent(other.Profile.CPUNsPerOp/base.Profile.CPUNsPerOp), base.Name)
	} else {
		lead += "no time the profile saw"
	}
	return lead
}

// leadStrategy is the strategy a reveal's why compares with the baseline:
// the one profiled with the greatest speedup, or the first profiled.
func leadStrategy(r *measure.Report) *measure.Result {
	var best *measure.Result
	for _, s := range r.Strategies[1:] {
		if s.Profile == nil {
			continue
		}
		if best == nil || speedupOf(s) > speedupOf(best) {
			best = s
		}
	}
	return best
}

func speedupOf(s *measure.Result) float64 {
	if s.VsBaseline == nil {
		return 0
	}
	return s.VsBaseline.Speedup
}

// leadChange picks the function that says most of where one side's time
// went: of the functions only that side runs, the one with the most time
// in itself (flat: the frame that does the work, not a wrapper above
// it); failing those, the one whose own time grew most on that side.
func leadChange(changes []profile.Change, a bool) (profile.Change, bool) {
	side := func(c profile.Change) (alone bool, flat, grew float64) {
		if a {
			return c.OnlyA, c.AFlatNs, -c.DeltaFlat
		}
		return c.OnlyB, c.BFlatNs, c.DeltaFlat
	}
	for _, onlyAlone := range []bool{true, false} {
		var best profile.Change
		score := 0.0
		for _, c := range changes {
			alone, flat, grew := side(c)
			s := grew
			if onlyAlone {
				if !alone {
					continue
				}
				s = flat
			}
			if s > score {
				best, score = c, s
			}
		}
		if score > 0 {
			return best, true
		}
	}
	return profile.Change{}, false
}

// percent formats a share as a percentage with the figures it merits:
// 90%, 4.2%, 0.25%.
func percent(share float64) string {
	p := 100 * share
	switch {
	case p >= 10:
		return fmt.Sprintf("%.0f%%", p)
	case p >= 1:
		return fmt.Sprintf("%.1f%%", p)
	}
	return fmt.Sprintf("%.2g%%", p)
}

// readableFunc is a function's short name with its type arguments cut
// ("slices.Contains[…]"), which a room reads from the back row.
func readableFunc(name string) string {
	s := ShortFunc(name)
	if i := strings.IndexByte(s, '['); i >= 0 {
		if j := strings.LastIndexByte(s, ']'); j > i {
			return s[:i] + "[…]" + s[j+1:]
		}
	}
	return s
}
