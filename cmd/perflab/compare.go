package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/labs/own"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/measure/runs"
)

// compareFlags are the flags of perflab compare.
type compareFlags struct {
	format     string
	margin     float64
	failIf     []string
	histograms bool
}

func newCompareCmd() *cobra.Command {
	var f compareFlags
	cmd := &cobra.Command{
		Use:   "compare OLD.json NEW.json",
		Short: "Compare two saved runs of one workload, strategy by strategy",
		Long: `compare reads two results written by perflab run --format json and says, for every
strategy the two runs share, whether the new run is faster, slower, no different (~) or
inconclusive, as benchstat compares two files: run it before and after a change. The rules
are a run's own: faster or slower when the speedup's interval excludes 1 (p < 0.05), ~ when
it lies inside ±margin, inconclusive otherwise, with what would decide it. p99, allocs/op
and B/op of each run stand beside ns/op; --histograms adds both latency histograms,
percentile by percentile. Two sweeps compare point by point: every value both swept, each
under a line that names it (table or markdown format). When both runs hold profiles (perflab
run --profile), the table and the Markdown say why, under the figures: for each strategy both
profiled, the functions whose time per operation differs most between the runs. Two results of
perflab bench over several benchmarks compare benchmark by benchmark, by name, and one
benchmark's result with its namesake in such a file.

--fail-if makes compare a CI gate: it exits 1, naming each strategy and rule, when a rule
is broken, and 0 otherwise. The rules are METRIC>LIMIT, several joined by commas or the flag
repeated:
  slower>5%    ns/op significantly slower (the verdict is "slower") by more than 5 %
  p99>10%      the 99th percentile grown by more than 10 % (one figure per run, no test)
  allocs>0     allocations per operation grown at all (or allocs>5% for a share)
  bytes>1024   bytes per operation grown by more than 1024 (or bytes>5%)`,
		Example: `  perflab run data-structures/membership --format json -o before.json
  # ... change the code, or the machine ...
  perflab run data-structures/membership --format json -o after.json
  perflab compare before.json after.json
  perflab compare before.json after.json --fail-if 'slower>5%,allocs>0'`,
		Args: exactArgs(2, "two result files, OLD.json NEW.json"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(f, args[0], args[1], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "table", "output format: "+strings.Join(report.DiffFormatNames, ", "))
	fl.Float64Var(&f.margin, "margin", measure.DefaultMargin, "equivalence margin of ~: 0.05 means no difference larger than ±5%")
	fl.StringArrayVar(&f.failIf, "fail-if", nil, "exit 1 when a rule is broken: `slower>5%`, p99>10%, allocs>0, bytes>5% (commas join rules)")
	fl.BoolVar(&f.histograms, "histograms", false, "also diff the two latency histograms, percentile by percentile (table format)")
	return cmd
}

func runCompare(f compareFlags, oldPath, newPath string, stdout, stderr io.Writer) error {
	write, ok := report.DiffFormats[f.format]
	if !ok {
		return usage("--format must be one of %s, got %q", strings.Join(report.DiffFormatNames, ", "), f.format)
	}
	if err := checkMargin(f.margin); err != nil {
		return usageError{err}
	}
	if f.histograms && f.format != "table" {
		return usage("--histograms goes with --format table, got %q", f.format)
	}
	gate, err := measure.ParseGate(f.failIf)
	if err != nil {
		return usage("--fail-if: %v", err)
	}
	oldFile, err := readResults(oldPath, stderr)
	if err != nil {
		return err
	}
	newFile, err := readResults(newPath, stderr)
	if err != nil {
		return err
	}
	if oldFile.set || newFile.set || f.format == "gobench" && oldFile.benchmarks() && newFile.benchmarks() {
		return compareBenchmarks(f, gate, oldFile, newFile, stdout, stderr)
	}
	old, new := oldFile.reps[0], newFile.reps[0]
	if old.Sweep != nil || new.Sweep != nil {
		return compareSweeps(f, gate, old, new, stdout, stderr)
	}
	d, err := measure.NewDiff(old, new, measure.DefaultConfidence, measure.DefaultAlpha, f.margin)
	if err != nil {
		return usageError{err}
	}
	if err := write(stdout, d, old, new); err != nil {
		return err
	}
	if err := writeDiffWhy(f.format, stdout, old, new); err != nil {
		return err
	}
	if f.histograms {
		if err := report.WriteHistogramDiff(stdout, old, new); err != nil {
			return err
		}
	}
	return checkGate(gate, d, stderr)
}

// compareSweeps compares two sweeps point by point: each value both swept
// is compared as two runs are, under a line that names it, and the gate
// holds at every point. A sweep and a single run are not compared: which
// point would stand for the sweep is not the reader's to guess.
func compareSweeps(f compareFlags, gate measure.Gate, old, new *measure.Report, stdout, stderr io.Writer) error {
	switch {
	case old.Sweep == nil || new.Sweep == nil:
		return usage("one file is a sweep and the other a single run: compare a sweep with a sweep, point by point")
	case old.Sweep.Param != new.Sweep.Param:
		return usage("the sweeps vary different parameters, %s and %s: nothing to compare point by point", old.Sweep.Param, new.Sweep.Param)
	case f.format != "table" && f.format != "markdown":
		return usage("two sweeps compare point by point in --format table or markdown, not %s", f.format)
	}
	param := old.Sweep.Param
	newAt := map[float64]int{}
	for i, p := range new.Sweep.Points {
		newAt[p.Value] = i
	}
	var pairs [][2]*measure.Report
	var only []string
	for i, p := range old.Sweep.Points {
		j, ok := newAt[p.Value]
		if !ok {
			only = append(only, fmt.Sprintf("%s=%v", param, p.Value))
			continue
		}
		delete(newAt, p.Value)
		pairs = append(pairs, [2]*measure.Report{old.Point(i), new.Point(j)})
	}
	for _, p := range new.Sweep.Points {
		if _, left := newAt[p.Value]; left {
			only = append(only, fmt.Sprintf("%s=%v", param, p.Value))
		}
	}
	if len(pairs) == 0 {
		return usage("the sweeps share no value of %s: nothing to compare point by point", param)
	}
	if len(only) > 0 {
		fmt.Fprintf(stderr, "perflab: %s swept in one run only: not compared\n", strings.Join(only, ", "))
	}
	write := report.DiffFormats[f.format]
	var breaches []string
	checked := 0
	for i, pair := range pairs {
		d, err := measure.NewDiff(pair[0], pair[1], measure.DefaultConfidence, measure.DefaultAlpha, f.margin)
		if err != nil {
			return usageError{err}
		}
		at := fmt.Sprintf("%s=%v", param, pair[0].Params[param])
		fmt.Fprintf(stdout, "sweep over %s, point %d of %d: %s\n", param, i+1, len(pairs), at)
		if err := write(stdout, d, pair[0], pair[1]); err != nil {
			return err
		}
		if err := writeDiffWhy(f.format, stdout, pair[0], pair[1]); err != nil {
			return err
		}
		if f.histograms {
			if err := report.WriteHistogramDiff(stdout, pair[0], pair[1]); err != nil {
				return err
			}
		}
		if len(gate) > 0 {
			res := gate.Check(d)
			for _, u := range res.Unchecked {
				fmt.Fprintf(stderr, "perflab: --fail-if at %s: %s\n", at, u)
			}
			for _, b := range res.Breaches {
				breaches = append(breaches, "at "+at+": "+b)
			}
			checked += len(d.Rows)
		}
	}
	if len(breaches) > 0 {
		return gateError{breaches}
	}
	if len(gate) > 0 {
		fmt.Fprintf(stderr, "perflab: --fail-if: passed, %d strategies checked at %d points\n", checked, len(pairs))
	}
	return nil
}

// writeDiffWhy writes, under the table or the Markdown of two kept runs,
// the why of every strategy both ran with profiles; the other formats
// carry figures only.
func writeDiffWhy(format string, w io.Writer, old, new *measure.Report) error {
	switch format {
	case "table":
		return report.WriteDiffWhy(w, old, new)
	case "markdown":
		return report.WriteDiffWhyMarkdown(w, old, new)
	}
	return nil
}

// A gateError is a broken --fail-if rule: it exits with status 1, as a
// failed test does, and names every breach.
type gateError struct{ breaches []string }

func (e gateError) Error() string {
	return fmt.Sprintf("--fail-if: %d broken:\n  %s", len(e.breaches), strings.Join(e.breaches, "\n  "))
}

// checkGate holds a diff to the gate's rules. It says on stderr which rules
// it could not check, and that the gate passed, so that a CI log shows what
// was held to what; a breach is the error.
func checkGate(gate measure.Gate, d *measure.Diff, stderr io.Writer) error {
	if len(gate) == 0 {
		return nil
	}
	res := gate.Check(d)
	for _, u := range res.Unchecked {
		fmt.Fprintln(stderr, "perflab: --fail-if:", u)
	}
	if len(res.Breaches) > 0 {
		return gateError{res.Breaches}
	}
	rules := make([]string, len(gate))
	for i, t := range gate {
		rules[i] = t.Text
	}
	fmt.Fprintf(stderr, "perflab: --fail-if %s: passed, %d strategies checked\n", strings.Join(rules, ","), len(d.Rows))
	return nil
}

// readReport reads a saved run; a file that is missing, not a regular
// file, larger than a result or not a perflab result is bad input.
func readReport(path string) (*measure.Report, error) {
	saved, err := readSaved(path)
	if err != nil {
		return nil, err
	}
	return saved.Report, nil
}

// readSaved is readReport with what is kept beside the report.
func readSaved(path string) (*runs.Saved, error) {
	saved, err := runs.Load(path)
	if err != nil {
		return nil, usageError{err}
	}
	// A Python file's runs kept by an older perflab python as python/MODULE
	// are own/python, as they are now.
	own.Canonical(saved.Report)
	return saved, nil
}
