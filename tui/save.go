package tui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/measure/runs"
)

// savedMsg says where a result was written, or why it was not.
type savedMsg struct {
	path string
	err  error
}

// keptMsg says where a finished or cancelled run was kept in the runs
// folder, or why it was not.
type keptMsg struct {
	path string
	err  error
}

// keepRun keeps a run with its timeline in the runs folder, off the update
// loop, and its profiles beside it, so that its why can be drawn again.
func keepRun(store runs.Store, rep *measure.Report, tl *runs.Timeline) tea.Cmd {
	return func() tea.Msg {
		path, err := store.Save(rep, tl)
		if err == nil {
			_, err = runs.WriteProfiles(runs.ProfileDir(path), rep)
		}
		return keptMsg{path: path, err: err}
	}
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
// perflab-data-structures-membership-20261126-134051. The lab and workload
// may come from a file (a replayed run), so the name is cleaned into one
// plain element of a path: a workload of "../x" cannot write elsewhere.
func reportName(rep *measure.Report) string {
	parts := []string{"perflab", rep.Lab, rep.Workload}
	if !rep.Started.IsZero() {
		parts = append(parts, rep.Started.Format("20060102-150405"))
	}
	return report.FileName(strings.Join(parts, "-"))
}

// savedNote is the line about where a run was kept and last saved.
func savedNote(st *Styles, width int, kept keptMsg, saved savedMsg) string {
	switch {
	case kept.err != nil && saved.path == "" && saved.err == nil:
		return st.Error.Render(fitWidth(fmt.Sprintf("✗ not kept in the runs folder: %v", kept.err), width))
	case kept.path != "" && saved.path == "" && saved.err == nil:
		return st.Faint.Render(fitWidth("✓ kept in the runs folder: "+kept.path, width))
	case saved.err != nil:
		return st.Error.Render(fitWidth(fmt.Sprintf("✗ not saved: %v", saved.err), width))
	case saved.path != "":
		return st.Faint.Render(fitWidth("✓ saved "+saved.path, width))
	}
	return ""
}
