package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/perflab/perflab/measure"
)

// WriteJSON writes the report as the JSON result contract, indented for
// people who read it as well as scripts.
func WriteJSON(w io.Writer, r *measure.Report) error { return writeIndented(w, r) }

// ReadJSON reads a report written by WriteJSON, refusing one of another
// schema: a newer or a foreign file would decode into zeros.
func ReadJSON(rd io.Reader) (*measure.Report, error) {
	var r measure.Report
	if err := json.NewDecoder(rd).Decode(&r); err != nil {
		return nil, fmt.Errorf("read report: %w", err)
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
