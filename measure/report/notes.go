package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/perflab/perflab/measure"
)

// NoteKind is what a note under a comparison table is about.
type NoteKind int

const (
	// NoteReason explains a verdict that is not plain.
	NoteReason NoteKind = iota
	// NoteFigures lists a strategy's own figures.
	NoteFigures
	// NoteWarning is something to know before trusting the figures.
	NoteWarning
)

// A Note is one line under a comparison table.
type Note struct {
	Kind NoteKind
	// Verdict is the verdict a NoteReason explains.
	Verdict measure.Verdict
	Text    string
}

// Notes returns what goes under a report's table, in order: why verdicts
// are not plain, each strategy's own figures, then the warnings, why a
// strategy measured nothing among them. A warning that several strategies share
// word for word is said once, naming them all. v words the findings and
// reasons: CLI for the command line.
func Notes(r *measure.Report, v Voice) []Note {
	var out []Note
	for _, s := range r.Strategies {
		if c := s.VsBaseline; c != nil {
			if why := v.Reason(c); why != "" {
				out = append(out, Note{Kind: NoteReason, Verdict: c.Verdict, Text: fmt.Sprintf("%s: %s because %s", s.Name, c.Verdict, why)})
			}
		}
	}
	for _, s := range r.Strategies {
		if note := throughputNote(r, s); note != "" {
			out = append(out, Note{Kind: NoteFigures, Text: s.Name + ": " + note})
		}
	}
	for _, s := range r.Strategies {
		if len(s.Metrics) > 0 {
			out = append(out, Note{Kind: NoteFigures, Text: s.Name + ": " + FormatFigures(s.Metrics)})
		}
		if note := OpenLoopNote(s); note != "" {
			out = append(out, Note{Kind: NoteFigures, Text: s.Name + ": " + note})
		}
	}
	if processAllocs(r) {
		out = append(out, Note{Kind: NoteFigures, Text: ProcessMark + " allocations of a strategy that runs its own goroutines are the whole process's during its repetitions, divided by its operations: whatever else runs meanwhile counts in them, a live display's drawing included (perflab run measures without one)"})
	}
	if m := meanings(r); m != "" {
		out = append(out, Note{Kind: NoteFigures, Text: m})
	}
	if in := InstancesNote(r); in != "" {
		out = append(out, Note{Kind: NoteFigures, Text: in})
	}
	for _, g := range groupWarnings(r, v) {
		out = append(out, Note{Kind: NoteWarning, Text: strings.Join(g.names, ", ") + ": " + g.text})
	}
	for _, warn := range v.Findings(r.Findings, r.Warnings) {
		out = append(out, Note{Kind: NoteWarning, Text: warn})
	}
	return out
}

// processAllocs reports whether a strategy of r has allocation figures
// that are the whole process's.
func processAllocs(r *measure.Report) bool {
	for _, s := range r.Strategies {
		if s.AllocsPerOp != nil && s.AllocsScope == measure.AllocsOfProcess {
			return true
		}
	}
	return false
}

// meanings explains, once, each figure a strategy of r reports of its own
// whose declaration (see measure.Metric) says what it means, where the
// name alone does not: a pool of 16 that shows 3041 goroutines must say
// whose they are.
func meanings(r *measure.Report) string {
	var parts []string
	seen := map[string]bool{}
	for _, s := range r.Strategies {
		for _, k := range sortedKeys(s.Metrics) {
			if m, ok := measure.LookupMetric(k); ok && m.Of == nil && m.Meaning != "" && !seen[k] {
				seen[k] = true
				parts = append(parts, m.Title()+" is "+m.Meaning)
			}
		}
	}
	return strings.Join(parts, "; ")
}

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// nothingMeasured says why a strategy has no figures, or "" when it has.
func nothingMeasured(r *measure.Report, s *measure.Result) string {
	switch {
	case s.Ops > 0 || s.Errors > 0 || s.NsPerOp.Median > 0:
		return ""
	case r.Cancelled:
		return "nothing measured: the run was cancelled before it finished a repetition"
	}
	return fmt.Sprintf("nothing measured: no operation finished within a repetition of %v; make the duration longer than one operation takes",
		time.Duration(r.RepDurationNs))
}

// A warningGroup is one warning and the strategies that have it.
type warningGroup struct {
	text  string
	names []string
}

// groupWarnings gathers the strategies' warnings, why one measured nothing
// first, each text once with every strategy that has it, in the order they
// first appear.
func groupWarnings(r *measure.Report, v Voice) []warningGroup {
	var groups []warningGroup
	at := map[string]int{}
	for _, s := range r.Strategies {
		warnings := v.Findings(s.Findings, s.Warnings)
		if why := nothingMeasured(r, s); why != "" {
			warnings = append([]string{why}, warnings...)
		}
		for _, w := range warnings {
			i, ok := at[w]
			if !ok {
				i = len(groups)
				at[w] = i
				groups = append(groups, warningGroup{text: w})
			}
			groups[i].names = append(groups[i].names, s.Name)
		}
	}
	return groups
}

// writeNotes writes the notes under a table, each line prefixed.
func writeNotes(w io.Writer, r *measure.Report, prefix string) error {
	notes := Notes(r, CLI)
	if len(notes) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("\n")
	for _, n := range notes {
		mark := ""
		if n.Kind == NoteWarning {
			mark = "warning: "
		}
		fmt.Fprintf(&b, "%s%s%s\n", prefix, mark, n.Text)
	}
	_, err := fmt.Fprint(w, b.String())
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
