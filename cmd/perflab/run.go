package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// runFlags are the flags of perflab run.
type runFlags struct {
	strategies []string
	params     []string
	reps       int
	duration   time.Duration
	ops        int64
	workers    int
	rate       float64
	format     string
	output     string
	sweep      string
}

func newRunCmd() *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run LAB/WORKLOAD",
		Short: "Run a workload's strategies headless and print the comparison",
		Example: `  perflab run data-structures/membership --param n=10000 --reps 10
  perflab run data-structures/membership --strategies map,map        # an A/A run
  perflab run threads/io --param k=8 --format json > result.json
  perflab run data-structures/membership --sweep n=16,256,4096,65536   # growth curves`,
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
	fl.IntVar(&f.reps, "reps", measure.DefaultReps, "measured repetitions per strategy, after one warm-up")
	fl.DurationVar(&f.duration, "duration", measure.DefaultRepDuration, "time bound of one repetition")
	fl.Int64Var(&f.ops, "ops", 0, "operation bound of one repetition (0: none)")
	fl.IntVar(&f.workers, "workers", 0, "engine workers per strategy (default: the workload's, usually 1)")
	fl.Float64Var(&f.rate, "rate", 0, "open loop: start operations at this many a second (0: closed loop)")
	fl.StringVar(&f.format, "format", "table", "output format: "+strings.Join(report.FormatNames, ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the result to this file (atomically) instead of standard output")
	fl.StringVar(&f.sweep, "sweep", "", "run once per value of a numeric parameter and fit growth exponents, `name=v1,v2,...`")
}

// spec turns the flags into a labs.Spec, checking what the flags alone can.
func (f runFlags) spec(path string) (labs.Spec, error) {
	s := labs.Spec{
		Path:       path,
		Strategies: f.strategies,
		Params:     map[string]string{},
		Config: measure.Config{
			Reps:        f.reps,
			RepDuration: f.duration,
			RepOps:      f.ops,
			Workers:     f.workers,
			Rate:        f.rate,
		},
	}
	for _, p := range f.params {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return s, fmt.Errorf("--param wants name=value, got %q", p)
		}
		if _, dup := s.Params[k]; dup {
			return s, fmt.Errorf("--param %s is given twice", k)
		}
		s.Params[k] = v
	}
	sw, err := labs.ParseSweep(f.sweep)
	if err != nil {
		// The message names the sweep setting; here it is the flag.
		return s, fmt.Errorf("--%w", err)
	}
	s.Sweep = sw
	switch {
	case f.reps < 1:
		return s, fmt.Errorf("--reps must be at least 1, got %d", f.reps)
	case f.duration <= 0:
		return s, fmt.Errorf("--duration must be positive, got %v", f.duration)
	case f.ops < 0:
		return s, fmt.Errorf("--ops must not be negative, got %d", f.ops)
	case f.workers < 0:
		return s, fmt.Errorf("--workers must not be negative, got %d", f.workers)
	case f.rate < 0:
		return s, fmt.Errorf("--rate must not be negative, got %g", f.rate)
	}
	return s, nil
}

func runHeadless(ctx context.Context, path string, f runFlags, stdout, stderr io.Writer) error {
	return runHeadlessIn(ctx, labs.All(), path, f, stdout, stderr)
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
	plan, err := spec.PlanIn(all)
	if err != nil {
		return usageError{err}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	r, err := labs.Start(ctx, plan)
	if err != nil {
		return err
	}
	showProgress(r, stderr)
	rep, runErr := r.Wait()
	if rep == nil {
		return runErr
	}
	if err := emit(rep, write, f.output, stdout); err != nil {
		return err
	}
	if rep.Cancelled {
		return fmt.Errorf("cancelled: the results above are partial")
	}
	return runErr
}

// showProgress draws one status line on stderr while the run goes on, when
// stderr is a terminal; otherwise it only waits for the run to end.
func showProgress(r *labs.Run, stderr io.Writer) {
	f, ok := stderr.(*os.File)
	tty := ok && term.IsTerminal(int(f.Fd()))
	for s := range r.Snapshots() {
		if !tty {
			continue
		}
		name := s.Subjects[s.Active].Name
		phase := fmt.Sprintf("rep %d/%d", s.Rep, s.Reps)
		if s.Warmup {
			phase = "warm-up"
		}
		fmt.Fprintf(stderr, "\r\033[K%3.0f%%  %s  %s  %v left", 100*s.Progress(), phase, name, (s.Estimate - s.Elapsed).Round(100*time.Millisecond))
	}
	if tty {
		fmt.Fprint(stderr, "\r\033[K")
	}
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
// path: a long run must not end in a file that cannot be made.
func checkOutput(path string) error {
	if path == "" {
		return nil
	}
	dir, err := os.Stat(filepath.Dir(path))
	switch {
	case err != nil:
		return fmt.Errorf("--output %s: no folder %s to write it in", path, filepath.Dir(path))
	case !dir.IsDir():
		return fmt.Errorf("--output %s: %s is not a folder", path, filepath.Dir(path))
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("--output %s is a folder; name a file", path)
	}
	return nil
}
