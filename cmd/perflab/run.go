package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/measure/runs"
)

// runFlags are the flags of perflab run.
type runFlags struct {
	strategies []string
	params     []string
	roundFlags
	duration time.Duration
	ops      int64
	workers  int
	rate     float64
	format   string
	output   string
	sweep    string
	baseline string
	failIf   []string
	history  historyFlags
	profile  bool
}

func newRunCmd() *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run LAB/WORKLOAD",
		Short: "Run a workload's strategies headless and print the comparison",
		Example: `  perflab run data-structures/membership --param n=10000 --reps 10
  perflab run data-structures/membership --strategies map,map        # an A/A run
  perflab run threads/io --param k=8 --format json > result.json
  perflab run data-structures/membership --sweep n=16,256,4096,65536   # growth curves
  perflab run data-structures/membership --baseline main.json --fail-if 'slower>5%'   # a CI gate`,
		Args: exactArgs(1, "one LAB/WORKLOAD (see perflab list)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHeadless(cmd.Context(), args[0], f, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f.register(cmd)
	return cmd
}

// register declares the flags of perflab run on cmd, for every command
// that runs a workload as perflab run does.
func (f *runFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringSliceVar(&f.strategies, "strategies", nil, "strategies to compare, baseline first (default: all); name one twice for an A/A run")
	fl.StringArrayVar(&f.params, "param", nil, "set a workload parameter, `name=value` (repeatable; see perflab list)")
	f.roundFlags.addFlags(fl)
	fl.DurationVar(&f.duration, "duration", measure.DefaultRepDuration, "time bound of one repetition")
	fl.Int64Var(&f.ops, "ops", 0, "operation bound of one repetition (0: none)")
	fl.IntVar(&f.workers, "workers", 0, "engine workers per strategy (default: the workload's, usually 1)")
	fl.Float64Var(&f.rate, "rate", 0, "open loop: start operations at this many a second (0: closed loop)")
	fl.StringVar(&f.format, "format", "table", "output format: "+strings.Join(report.FormatNames, ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the result to this file (atomically) instead of standard output")
	f.history.addFlags(fl)
	fl.StringVar(&f.baseline, "baseline", "", "compare the run with this saved result (perflab run --format json) and print the diff on stderr")
	fl.StringArrayVar(&f.failIf, "fail-if", nil, "with --baseline, exit 1 when a rule is broken: `slower>5%`, p99>10%, allocs>0 (see perflab compare --help)")
	fl.BoolVar(&f.profile, "profile", false, "after the verdict, profile each strategy in rounds of its own and write STRATEGY.pprof files beside the kept run")
	fl.StringVar(&f.sweep, "sweep", "", "run once per value of a numeric parameter and fit growth exponents, `name=v1,v2,...`")
}

// spec turns the flags into a labs.Spec, checking what the flags alone can.
func (f runFlags) spec(path string) (labs.Spec, error) {
	s := labs.Spec{
		Path:       path,
		Strategies: f.strategies,
		Params:     map[string]string{},
		Config:     f.config(f.duration),
	}
	s.Config.RepOps, s.Config.Workers, s.Config.Rate = f.ops, f.workers, f.rate
	s.Config.Profile = f.profile
	for _, p := range f.params {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return s, fmt.Errorf("--param wants name=value, got %q", p)
		}
		if err := checkParamText(p); err != nil {
			return s, err
		}
		if _, dup := s.Params[k]; dup {
			return s, fmt.Errorf("--param %s is given twice", k)
		}
		s.Params[k] = v
	}
	if f.strategies != nil && len(f.strategies) == 0 {
		// An empty list would silently mean all of them.
		return s, errors.New("--strategies is empty: name at least one (see perflab list), or leave the flag out for all")
	}
	for _, id := range f.strategies {
		if strings.TrimSpace(id) == "" {
			return s, fmt.Errorf("--strategies %q names an empty strategy", strings.Join(f.strategies, ","))
		}
	}
	if err := checkSweepText(f.sweep); err != nil {
		return s, err
	}
	sw, err := labs.ParseSweep(f.sweep)
	if err != nil {
		// The message names the sweep setting; here it is the flag.
		return s, fmt.Errorf("--%w", err)
	}
	s.Sweep = sw
	switch {
	case f.checkRounds() != nil:
		return s, f.checkRounds()
	case f.duration <= 0:
		return s, fmt.Errorf("--duration must be positive, got %v", f.duration)
	case f.ops < 0:
		return s, fmt.Errorf("--ops must not be negative, got %d", f.ops)
	case f.workers < 0:
		return s, fmt.Errorf("--workers must not be negative, got %d", f.workers)
	case math.IsNaN(f.rate) || f.rate < 0 || f.rate > measure.MaxRate:
		return s, fmt.Errorf("--rate must be between 0 (closed loop) and %g operations a second, got %g", float64(measure.MaxRate), f.rate)
	}
	return s, nil
}

func runHeadless(ctx context.Context, path string, f runFlags, stdout, stderr io.Writer) error {
	return runHeadlessIn(ctx, catalogue(), path, f, stdout, stderr)
}

// runHeadlessIn is runHeadless against the catalogue all, such as one that
// holds a person's own Python file.
func runHeadlessIn(ctx context.Context, all []*lab.Lab, path string, f runFlags, stdout, stderr io.Writer) error {
	write, ok := report.Formats[f.format]
	if !ok {
		return usage("--format must be one of %s, got %q", strings.Join(report.FormatNames, ", "), f.format)
	}
	spec, err := f.spec(path)
	if err != nil {
		return usageError{err}
	}
	if err := checkOutput(f.output); err != nil {
		return usageError{err}
	}
	gate, err := measure.ParseGate(f.failIf)
	if err != nil {
		return usage("--fail-if: %v", err)
	}
	spec.GiveToken()
	if all, err = withPythonFile(ctx, all, spec); err != nil {
		return err
	}
	plan, err := spec.PlanIn(all)
	if err != nil {
		return usageError{paramOption(all, path, err)}
	}
	if err := checkProfile(f.profile, plan); err != nil {
		return err
	}
	base, err := f.readBaseline(plan, gate)
	if err != nil {
		return err
	}
	// After the checks that start nothing, since it starts the
	// interpreter once; before the runs folder is made.
	if err := checkPlanPython(plan); err != nil {
		return err
	}
	store, err := f.history.store()
	if err != nil {
		return usageError{err}
	}
	if line := plan.JoinLine(); line != "" {
		fmt.Fprintln(stderr, "perflab: "+line)
	}
	rep, err := runPlan(ctx, plan, write, f.output, store, stdout, stderr)
	if err != nil || base == nil {
		return err
	}
	return gateRun(base, rep, f.margin, gate, stderr)
}

// checkProfile refuses --profile where no profile can be taken: a sweep,
// or a workload that declares none (lab.Workload.Profilable, the rule the
// TUI's set-up follows in offering its profile row).
func checkProfile(profile bool, plan *labs.Plan) error {
	switch {
	case !profile:
		return nil
	case !plan.Workload.Profilable():
		return usage("--profile: the strategies of %s/%s are programs of their own, in any language, which perflab cannot profile from outside; profile Python with perflab python FILE.py --profile", plan.Lab.ID, plan.Workload.ID)
	case plan.Sweep != nil:
		return usage("--profile takes the profiles of one run, not of every point of a sweep: profile one value with --param")
	}
	return nil
}

// readBaseline reads and checks --baseline before the run starts, so that
// a gate that cannot be held is refused before it costs a run: a missing
// file, another workload's result, a sweep, or --fail-if without a
// baseline.
func (f runFlags) readBaseline(plan *labs.Plan, gate measure.Gate) (*measure.Report, error) {
	switch {
	case f.baseline == "" && len(gate) > 0:
		return nil, usage("--fail-if needs --baseline OLD.json to compare the run with")
	case f.baseline == "":
		return nil, nil
	case f.sweep != "":
		return nil, usage("--baseline compares one run, not a sweep: leave out --sweep")
	}
	base, err := readReport(f.baseline)
	if err != nil {
		return nil, err
	}
	if base.Sweep != nil {
		// Its last point would stand for the whole sweep, unsaid.
		return nil, usage("--baseline %s is a sweep over %s: compare two sweeps with perflab compare, point by point", f.baseline, base.Sweep.Param)
	}
	if base.Lab != plan.Lab.ID || base.Workload != plan.Workload.ID {
		return nil, usage("--baseline %s measured %s/%s, not %s/%s", f.baseline, base.Lab, base.Workload, plan.Lab.ID, plan.Workload.ID)
	}
	for _, s := range base.Strategies {
		if slices.Contains(plan.Names, s.Name) {
			return base, nil
		}
	}
	return nil, usage("--baseline %s shares no strategy with this run: it has %s", f.baseline, strategyNames(base))
}

// strategyNames lists a report's strategies, for messages.
func strategyNames(r *measure.Report) string {
	names := make([]string, len(r.Strategies))
	for i, s := range r.Strategies {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

// gateRun compares a finished run with its baseline, prints the diff on
// stderr (stdout holds the run's own result, maybe JSON for a script) and
// holds it to the gate.
func gateRun(base, rep *measure.Report, margin float64, gate measure.Gate, stderr io.Writer) error {
	d, err := measure.NewDiff(base, rep, measure.DefaultConfidence, measure.DefaultAlpha, margin)
	if err != nil {
		return err
	}
	fmt.Fprintln(stderr, "\nagainst the baseline:")
	if err := report.WriteDiffTable(stderr, d); err != nil {
		return err
	}
	return checkGate(gate, d, stderr)
}

// runPlan runs a checked plan headless, showing progress on stderr, writes
// its report to stdout or the output file, keeps it with its timeline in
// the runs folder unless store is nil, and returns it.
func runPlan(ctx context.Context, plan *labs.Plan, write report.Writer, output string, store *runs.Store, stdout, stderr io.Writer) (rep *measure.Report, err error) {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := withSignals(ctx)
	defer stop()
	bound := planBound(plan)
	if plan.Workload.Kept == measure.KeptOwn {
		// A person's own command, service or code may never return:
		// its run is held to its bound however it was started.
		ctx = bounded(ctx)
	}
	ctx, unbound := holdToBound(ctx, bound)
	defer unbound()
	defer func() { err = boundError(ctx, bound, err) }()

	// Say how long the run will take before it starts, so that a
	// duration mistyped as 1h is seen before it costs a day.
	fmt.Fprintf(stderr, "perflab: %s/%s is expected to take %s\n", plan.Lab.ID, plan.Workload.ID, plan.ExpectedLine())
	r, err := labs.Start(ctx, plan)
	if err != nil {
		if ctx.Err() != nil {
			// A cancel during set-up is the person's, not a failure
			// of the set-up step that happened to see it.
			return nil, errors.New("cancelled before the run started: nothing was measured")
		}
		return nil, err
	}
	tl := showProgress(r, stderr)
	rep, runErr := r.Wait()
	if rep == nil {
		return nil, runErr
	}
	if err := emit(rep, write, output, stdout); err != nil {
		return rep, err
	}
	kept, err := keep(store, rep, tl, stderr)
	if err != nil {
		return rep, err
	}
	if err := writeProfiles(rep, kept, output, stderr); err != nil {
		return rep, err
	}
	if rep.Cancelled {
		if output != "" {
			return rep, fmt.Errorf("cancelled: the partial results are in %s", output)
		}
		return rep, errors.New("cancelled: the results above are partial")
	}
	return rep, runErr
}

// checkMargin checks an equivalence margin given on the command line.
func checkMargin(m float64) error {
	// Written so that NaN, which every comparison answers false, is out.
	if !(m > 0 && m < 1) {
		return fmt.Errorf("--margin must be between 0 and 1 (0.05 is ±5%%), got %g", m)
	}
	return nil
}

// emit writes the report to stdout or, atomically, to a file: the file
// appears whole or not at all.
func emit(rep *measure.Report, write report.Writer, path string, stdout io.Writer) error {
	if path == "" {
		return write(stdout, rep)
	}
	return report.WriteFile(path, func(w io.Writer) error { return write(w, rep) })
}

// checkOutput checks, before anything runs, that a result can be written at
// path, by making the temporary file the write will make: a long run must
// not end in a file that cannot be made.
func checkOutput(path string) error {
	if path == "" {
		return nil
	}
	if err := report.CheckWritable(path); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			// The temporary file's name would only puzzle: say which
			// folder refused it, and why.
			err = fmt.Errorf("cannot write in %s: %w", filepath.Dir(path), pe.Err)
		}
		return fmt.Errorf("--output %s: %w", path, err)
	}
	return nil
}

// writeProfiles writes the strategies' CPU profiles, if the run took them,
// beside the kept run (a folder named after it), or beside the output file
// when the run is not kept, or in perflab-profiles in the current folder,
// and prints their paths.
func writeProfiles(rep *measure.Report, kept, output string, stderr io.Writer) error {
	dir := "perflab-profiles"
	switch {
	case kept != "":
		dir = runs.ProfileDir(kept)
	case output != "":
		dir = runs.ProfileDir(output)
	}
	paths, err := runs.WriteProfiles(dir, rep)
	for _, p := range paths {
		fmt.Fprintf(stderr, "perflab: profile in %s (go tool pprof -top %s)\n", p, p)
	}
	if err != nil {
		return fmt.Errorf("the profiles were not written: %w", err)
	}
	return nil
}

// keep keeps rep and its timeline in the runs folder, when there is one,
// and says where; it returns the path, or "" for a run not kept.
func keep(store *runs.Store, rep *measure.Report, tl *runs.Timeline, stderr io.Writer) (string, error) {
	if store == nil {
		return "", nil
	}
	path, err := store.Save(rep, tl)
	if err != nil {
		return "", fmt.Errorf("the run was not kept in the runs folder: %w", err)
	}
	fmt.Fprintf(stderr, "perflab: kept in %s\n", path)
	return path, nil
}
