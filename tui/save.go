package tui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// savedMsg says where a result was written, or why it was not.
type savedMsg struct {
	path string
	err  error
}

// saveReport writes rep into dir as the format names it: JSON to reload
// with perflab compare, Markdown to paste into notes. It runs as a command,
// off the update loop, and writes the file atomically.
func saveReport(dir string, rep *measure.Report, format string) tea.Cmd {
	return func() tea.Msg {
		write, ext := report.WriteJSON, ".json"
		if format == "markdown" {
			write, ext = report.WriteMarkdown, ".md"
		}
		path := filepath.Join(dir, reportName(rep)+ext)
		err := report.WriteFile(path, func(w io.Writer) error { return write(w, rep) })
		return savedMsg{path: path, err: err}
	}
}

// reportName names a run's files by what ran and when it started:
// perflab-data-structures-membership-20261126-134051.
func reportName(rep *measure.Report) string {
	parts := []string{"perflab", rep.Lab, rep.Workload}
	if !rep.Started.IsZero() {
		parts = append(parts, rep.Started.Format("20060102-150405"))
	}
	return strings.Join(parts, "-")
}

// savedNote is the results screen's line about the last save.
func (r resultsModel) savedNote() string {
	switch {
	case r.saved.err != nil:
		return r.styles.Error.Render(fitWidth(fmt.Sprintf("✗ not saved: %v", r.saved.err), r.width))
	case r.saved.path != "":
		return r.styles.Faint.Render(fitWidth("✓ saved "+r.saved.path, r.width))
	}
	return ""
}
