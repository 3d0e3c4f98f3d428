package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/measure/runs"
)

func newRunsCmd() *cobra.Command {
	var hist historyFlags
	var lab, format string
	cmd := &cobra.Command{
		Use:   "runs",
		Short: "List the runs kept in the runs folder, newest first",
		Long: `runs lists the runs perflab has kept: every run of perflab run, exec and http, and
of the TUI, finished or cancelled, unless --no-save. Each file is a result that perflab
compare reads, with the run's timeline, which perflab replay draws again.`,
		Example: `  perflab runs
  perflab runs --lab data-structures
  perflab compare $(perflab runs --format paths | head -2 | tac)   # the last two runs, older first`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" && format != "paths" {
				return usage("--format must be table, json or paths, got %q", format)
			}
			store, err := hist.folder()
			if err != nil {
				return usageError{err}
			}
			entries, skipped, err := store.List()
			if errors.Is(err, runs.ErrNotFolder) {
				return usage("--runs-dir %v", err)
			} else if err != nil {
				return err
			}
			if lab != "" && !knownLab(lab, entries) {
				return usage("--lab %s: no such lab (see perflab list)", lab)
			}
			entries = filterLab(entries, lab)
			for _, name := range skipped {
				fmt.Fprintf(cmd.ErrOrStderr(), "perflab: %s in %s is not a saved run: skipped\n", report.Printable(name), report.Printable(store.Dir))
			}
			return writeRuns(cmd.OutOrStdout(), entries, format, store.Dir, outputWidth(cmd.OutOrStdout()))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&hist.runsDir, "runs-dir", "", "the runs folder (default $XDG_DATA_HOME/perflab/runs)")
	fl.StringVar(&lab, "lab", "", "list only this lab's runs")
	fl.StringVar(&format, "format", "table", "output format: table, json or paths (one file a line)")
	return cmd
}

// wideRuns is the narrowest width at which perflab runs lists the
// strategies beside the verdicts.
const wideRuns = 100

// knownLab reports whether id is a lab of the catalogue or of a kept run:
// perflab python and exec keep runs of labs the catalogue does not hold.
func knownLab(id string, entries []runs.Entry) bool {
	for _, l := range catalogue() {
		if l.ID == id {
			return true
		}
	}
	return slices.ContainsFunc(entries, func(e runs.Entry) bool { return e.Lab == id })
}

// filterLab keeps the entries of one lab; every entry when lab is "".
func filterLab(entries []runs.Entry, lab string) []runs.Entry {
	if lab == "" {
		return entries
	}
	var kept []runs.Entry
	for _, e := range entries {
		if e.Lab == lab {
			kept = append(kept, e)
		}
	}
	return kept
}

// runLine is one run as perflab runs --format json lists it.
type runLine struct {
	Path       string `json:"path"`
	Lab        string `json:"lab"`
	Workload   string `json:"workload"`
	Started    string `json:"started"`
	Params     string `json:"params"`
	Strategies string `json:"strategies"`
	Verdicts   string `json:"verdicts"`
	Machine    string `json:"machine"`
	Cancelled  bool   `json:"cancelled"`
	Replayable bool   `json:"replayable"`
	// Sweep is the swept parameter and its points, for a sweep; the
	// other fields then speak of its last point.
	Sweep *sweepLine `json:"sweep,omitempty"`
}

// sweepLine is a sweep as perflab runs --format json lists it.
type sweepLine struct {
	Param  string    `json:"param"`
	Points []float64 `json:"points"`
}

// sweepOf lists e's sweep, nil for a run that is not one.
func sweepOf(e runs.Entry) *sweepLine {
	if e.Sweep == nil {
		return nil
	}
	s := &sweepLine{Param: e.Sweep.Param, Points: []float64{}}
	for _, p := range e.Sweep.Points {
		s.Points = append(s.Points, p.Value)
	}
	return s
}

func writeRuns(w io.Writer, entries []runs.Entry, format, dir string, width int) error {
	switch format {
	case "paths":
		for _, e := range entries {
			if _, err := fmt.Fprintln(w, e.Path); err != nil {
				return err
			}
		}
		return nil
	case "json":
		lines := make([]runLine, len(entries))
		for i, e := range entries {
			lines[i] = runLine{Path: e.Path, Lab: e.Lab, Workload: e.Workload, Started: e.Started.Format("2006-01-02T15:04:05Z07:00"),
				Params: e.Params(), Strategies: e.Strategies(), Verdicts: e.Verdicts(), Machine: e.Machine(),
				Cancelled: e.Cancelled, Replayable: e.Frames > 0, Sweep: sweepOf(e)}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"runs": lines})
	}
	if len(entries) == 0 {
		_, err := fmt.Fprintf(w, "no runs kept in %s yet: perflab run or the TUI keep every run there\n", report.Printable(dir))
		return err
	}
	// The table fits the width: the columns a person scans (when, what,
	// parameters, strategies, verdicts) cut with … where they must; the
	// machine and the file are in --format json and paths.
	rows := [][]string{{"when", "lab/workload", "parameters", "strategies", "verdicts"}}
	for _, e := range entries {
		rows = append(rows, []string{e.When(), e.What(), e.Params(), e.Strategies(), e.Verdicts()})
	}
	if width < wideRuns {
		// The verdicts name every strategy but the baseline: a narrow
		// table leaves the strategies out to keep the rest readable.
		for i, r := range rows {
			rows[i] = append(r[:3], r[4])
		}
	}
	fitColumns(rows, width, runsGap, 2)
	for _, r := range rows {
		if _, err := fmt.Fprintln(w, strings.TrimRight(strings.Join(r, strings.Repeat(" ", runsGap)), " ")); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d runs in %s; their files: --format paths, everything: --format json\n", len(entries), report.Printable(dir))
	return err
}
