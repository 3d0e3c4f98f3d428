package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

func newCompareCmd() *cobra.Command {
	var format string
	var margin float64
	cmd := &cobra.Command{
		Use:   "compare OLD.json NEW.json",
		Short: "Compare two saved runs of one workload, strategy by strategy",
		Long: `compare reads two results written by perflab run --format json and says, for every
strategy the two runs share, whether the new run is faster, slower, no different (~) or
inconclusive, as benchstat compares two files: run it before and after a change. The rules
are a run's own: faster or slower when the speedup's interval excludes 1 (p < 0.05), ~ when
it lies inside ±margin, inconclusive otherwise, with what would decide it.`,
		Example: `  perflab run data-structures/membership --format json -o before.json
  # ... change the code, or the machine ...
  perflab run data-structures/membership --format json -o after.json
  perflab compare before.json after.json`,
		Args: exactArgs(2, "two result files, OLD.json NEW.json"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "json" {
				return usage("--format must be table or json, got %q", format)
			}
			if err := checkMargin(margin); err != nil {
				return usageError{err}
			}
			old, err := readReport(args[0])
			if err != nil {
				return err
			}
			new, err := readReport(args[1])
			if err != nil {
				return err
			}
			d, err := measure.NewDiff(old, new, measure.DefaultConfidence, measure.DefaultAlpha, margin)
			if err != nil {
				return usageError{err}
			}
			if format == "json" {
				return report.WriteDiffJSON(cmd.OutOrStdout(), d)
			}
			return report.WriteDiffTable(cmd.OutOrStdout(), d)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	cmd.Flags().Float64Var(&margin, "margin", measure.DefaultMargin, "equivalence margin of ~: 0.05 means no difference larger than ±5%")
	return cmd
}

// readReport reads a saved run; a file that is missing or not a perflab
// result is bad input.
func readReport(path string) (*measure.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usageError{err}
	}
	defer f.Close()
	r, err := report.ReadJSON(f)
	if err != nil {
		return nil, usage("%s: %v", path, err)
	}
	return r, nil
}
