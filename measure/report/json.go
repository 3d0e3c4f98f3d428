package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/perflab/perflab/measure"
)

// WriteJSON writes the report as the JSON result contract, indented for
// people who read it as well as scripts: the warnings and reasons in the
// command line's words (see Word) beside the findings they come from.
//
// A comparison's "delta" is the table's delta column (see DeltaMark): the
// change in ns/op of a faster or slower verdict ("-47.10%"), "~" for no
// difference, and "?" for inconclusive, so that a script reading the delta
// alone never takes an undecided comparison for "no difference".
func WriteJSON(w io.Writer, r *measure.Report) error {
	return writeIndented(w, Worded(r))
}

// Worded returns a copy of r with its words written (see Word), leaving r
// as it was: a screen may be drawing it while a save writes it.
func Worded(r *measure.Report) *measure.Report {
	c := *r
	c.Strategies = copyResults(r.Strategies)
	if r.Sweep != nil {
		sw := *r.Sweep
		sw.Points = make([]measure.SweepPoint, len(r.Sweep.Points))
		for i, p := range r.Sweep.Points {
			sw.Points[i] = measure.SweepPoint{Value: p.Value, Strategies: copyResults(p.Strategies)}
		}
		c.Sweep = &sw
	}
	Word(&c)
	return &c
}

// copyResults copies results and their comparisons, the parts Word writes.
func copyResults(results []*measure.Result) []*measure.Result {
	out := make([]*measure.Result, len(results))
	for i, s := range results {
		cp := *s
		if s.VsBaseline != nil {
			vs := *s.VsBaseline
			cp.VsBaseline = &vs
		}
		out[i] = &cp
	}
	return out
}

// Word writes r's findings and reasons in the command line's words into
// its Warnings and Reason, the strings of the JSON contract, at every sweep
// point too. A report saved before findings existed keeps its own words.
func Word(r *measure.Report) {
	if r.Findings != nil {
		r.Warnings = CLI.Findings(r.Findings, r.Warnings)
	}
	wordResults(r.Strategies)
	if r.Sweep != nil {
		for _, p := range r.Sweep.Points {
			wordResults(p.Strategies)
		}
	}
}

func wordResults(results []*measure.Result) {
	for _, s := range results {
		if s.Findings != nil {
			s.Warnings = CLI.Findings(s.Findings, s.Warnings)
		}
		if c := s.VsBaseline; c != nil {
			wordComparison(c)
		}
	}
}

// wordComparison writes a comparison's reason in the command line's words
// and its delta as the table's delta column shows it. The engine leaves "~"
// in an undecided comparison's Delta, and runs saved before this read so
// too: "~" means "no difference" everywhere else in the contract.
func wordComparison(c *measure.Comparison) {
	c.Reason = CLI.Reason(c)
	c.Delta = DeltaMark(c)
}

// ReadJSON reads a report written by WriteJSON, refusing one of another
// schema: a newer or a foreign file would decode into zeros. The report is
// all the reader holds: anything but white space after it is refused, as a
// file that is not one result, whole.
func ReadJSON(rd io.Reader) (*measure.Report, error) {
	var r measure.Report
	dec := json.NewDecoder(rd)
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	if err := dec.Decode(&json.RawMessage{}); !errors.Is(err, io.EOF) {
		return nil, errors.New("read report: more after the result's JSON")
	}
	if r.Schema != measure.Schema {
		return nil, fmt.Errorf("read report: schema %q, want %q", r.Schema, measure.Schema)
	}
	return &r, nil
}

// writeIndented writes v as JSON indented by two spaces, the one layout of
// every JSON file perflab writes.
func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
