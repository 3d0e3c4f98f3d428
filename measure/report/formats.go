package report

import (
	"io"

	"github.com/perflab/perflab/measure"
)

// A Writer writes a report in one format.
type Writer func(w io.Writer, r *measure.Report) error

// Formats are the report formats by name, for --format.
var Formats = map[string]Writer{
	"table":    WriteTable,
	"json":     WriteJSON,
	"csv":      WriteCSV,
	"markdown": WriteMarkdown,
	"gobench":  WriteGoBench,
}

// FormatNames lists the formats in the order help shows them.
var FormatNames = []string{"table", "json", "csv", "markdown", "gobench"}

// errWriter keeps the first error of the writes through it and fails every
// write after it, so that a writer of many lines checks once, at the end.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
