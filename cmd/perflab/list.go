package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/labs/lab"
)

func newListCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the labs, their workloads, strategies and parameters",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch format {
			case "text":
				return listText(cmd.OutOrStdout(), catalogue())
			case "json":
				return listJSON(cmd.OutOrStdout(), catalogue())
			}
			return usage("--format must be text or json, got %q", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

func listText(w io.Writer, all []*lab.Lab) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range all {
		status := ""
		if !l.Runnable() {
			status = "  (not built yet)"
		}
		fmt.Fprintf(tw, "%d. %s — %s%s\n", l.Number, l.ID, l.Title, status)
		for _, wl := range l.Workloads {
			fmt.Fprintf(tw, "   %s/%s\t%s%s\n", l.ID, wl.ID, wl.Title, langMark(wl))
			ids := make([]string, len(wl.Strategies))
			for i, s := range wl.Strategies {
				ids[i] = s.ID
			}
			fmt.Fprintf(tw, "     strategies:\t%s\n", strings.Join(ids, ", "))
			for _, p := range wl.Params {
				fmt.Fprintf(tw, "     --param %s=%s\t%s%s\n", p.Name, p.Default, p.Help, bounds(p))
			}
		}
	}
	return tw.Flush()
}

// langMark marks a workload that does not run in Go, after a space.
func langMark(w *lab.Workload) string {
	if w.Language() == lab.LangGo {
		return ""
	}
	return "  [" + w.Language() + "]"
}

// bounds is the parameter's bounds for help text, after a space.
func bounds(p lab.Param) string {
	if b := p.Bounds(); b != "" {
		return " " + b
	}
	return ""
}

// The catalogue as JSON, for scripts: labs, their workloads, strategies and
// parameters with defaults and bounds. Scripts rely on these names.
type (
	catalogJSON struct {
		Labs []labJSON `json:"labs"`
	}
	labJSON struct {
		Number    int            `json:"number"`
		ID        string         `json:"id"`
		Title     string         `json:"title"`
		Runnable  bool           `json:"runnable"`
		Lesson    string         `json:"lesson"`
		Workloads []workloadJSON `json:"workloads"`
	}
	workloadJSON struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		// Lang is the language the strategies run in: "go" or "python".
		Lang       string         `json:"lang"`
		Strategies []strategyJSON `json:"strategies"`
		Params     []paramJSON    `json:"params"`
	}
	strategyJSON struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Help  string `json:"help"`
	}
	paramJSON struct {
		Name    string   `json:"name"`
		Kind    string   `json:"kind"`
		Default any      `json:"default"`
		Min     any      `json:"min"`
		Max     any      `json:"max"`
		Choices []string `json:"choices,omitempty"`
		Help    string   `json:"help"`
	}
)

func listJSON(w io.Writer, all []*lab.Lab) error {
	out := catalogJSON{Labs: []labJSON{}}
	for _, l := range all {
		lj := labJSON{Number: l.Number, ID: l.ID, Title: l.Title, Runnable: l.Runnable(), Lesson: l.Lesson, Workloads: []workloadJSON{}}
		for _, wl := range l.Workloads {
			wj := workloadJSON{ID: wl.ID, Title: wl.Title, Lang: wl.Language(), Strategies: []strategyJSON{}, Params: []paramJSON{}}
			for _, s := range wl.Strategies {
				wj.Strategies = append(wj.Strategies, strategyJSON{ID: s.ID, Title: s.Title, Help: s.Help})
			}
			for _, p := range wl.Params {
				wj.Params = append(wj.Params, paramJSON{
					Name: p.Name, Kind: p.Kind.String(), Default: jsonValue(p, p.Default),
					Min: jsonValue(p, p.Min), Max: jsonValue(p, p.Max), Choices: p.Choices, Help: p.Help,
				})
			}
			lj.Workloads = append(lj.Workloads, wj)
		}
		out.Labs = append(out.Labs, lj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// jsonValue returns a parameter's bound or default as JSON shows it: numbers
// as numbers, durations and text as strings, no bound as null.
func jsonValue(p lab.Param, s string) any {
	if s == "" {
		return nil
	}
	v, err := p.Parse(s)
	if err != nil {
		return s
	}
	switch x := v.(type) {
	case int, float64, bool:
		return x
	}
	return s
}
