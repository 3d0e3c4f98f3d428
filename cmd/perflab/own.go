package main

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// outputFlags are the flags perflab exec and perflab http share with perflab
// run: how to write the result, and a sweep.
type outputFlags struct {
	format string
	output string
	sweep  string
	// history says where the run is kept.
	history historyFlags
}

func (f *outputFlags) add(cmd *cobra.Command, sweepHelp string) {
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "table", "output format: "+strings.Join(report.FormatNames, ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the result to this file (atomically) instead of standard output")
	fl.StringVar(&f.sweep, "sweep", "", sweepHelp)
	f.history.addFlags(fl)
}

// check reads the format, the output file and the sweep before anything
// runs.
func (f *outputFlags) check() (report.Writer, *labs.SweepSpec, error) {
	write, ok := report.Formats[f.format]
	if !ok {
		return nil, nil, usage("--format must be one of %s, got %q", strings.Join(report.FormatNames, ", "), f.format)
	}
	if err := checkOutput(f.output); err != nil {
		return nil, nil, usageError{err}
	}
	if err := checkSweepText(f.sweep); err != nil {
		return nil, nil, usageError{err}
	}
	sw, err := labs.ParseSweep(f.sweep)
	if err != nil {
		return nil, nil, usage("--%v", err)
	}
	return write, sw, nil
}

// runOwn plans and runs the one workload of a "your own" lab with every
// strategy it has, and returns its report.
func runOwn(ctx context.Context, l *lab.Lab, cfg measure.Config, sw *labs.SweepSpec, f *outputFlags, write report.Writer, stdout, stderr io.Writer) (*measure.Report, error) {
	return runOwnParams(ctx, l, nil, cfg, sw, f, write, stdout, stderr)
}

// runOwnParams is runOwn with the workload's parameters set.
func runOwnParams(ctx context.Context, l *lab.Lab, params map[string]string, cfg measure.Config, sw *labs.SweepSpec, f *outputFlags, write report.Writer, stdout, stderr io.Writer) (*measure.Report, error) {
	spec := labs.Spec{Path: l.ID + "/" + l.Workloads[0].ID, Params: params, Config: cfg, Sweep: sw}
	plan, err := spec.PlanIn([]*lab.Lab{l})
	if err != nil {
		return nil, usageError{err}
	}
	store, err := f.history.store()
	if err != nil {
		return nil, usageError{err}
	}
	return runPlan(ctx, plan, write, f.output, store, stdout, stderr)
}

// results returns every result of a report: each point's of a sweep, or
// the run's own.
func results(rep *measure.Report) []*measure.Result {
	if rep.Sweep == nil {
		return rep.Strategies
	}
	var all []*measure.Result
	for _, pt := range rep.Sweep.Points {
		all = append(all, pt.Strategies...)
	}
	return all
}
