// Package report turns the engine's results into text: aligned tables for a
// terminal or a pipe, CSV, Markdown, the Go benchmark format that benchstat
// reads, the JSON contract, growth tables and charts of a sweep, and the
// table of two saved runs compared. It also writes files atomically, so that
// a saved result is whole or absent.
//
// Every report writer is a Writer, a func(io.Writer, *measure.Report) error,
// listed by name in Formats; the diff writers take a *measure.Diff the same
// way. A writer reads what the engine measured and never changes it: the
// statistics are measure's, the wording is this package's. The Format
// functions and Rows give the same wording to other views, such as the TUI,
// so that a figure reads the same wherever it is shown.
package report
