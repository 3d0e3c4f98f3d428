package main

import (
	"context"
	"errors"
	"os"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/labs/own"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/tui"
)

func newPythonCmd() *cobra.Command {
	var f runFlags
	var interactive bool
	cmd := &cobra.Command{
		Use:   "python FILE.py",
		Short: "Race the bench_* functions of a Python file on a real interpreter",
		Long: `perflab python measures your own Python: every function named bench_* in
FILE.py, in file order, is a strategy, the first the baseline. An optional
setup(params) builds what they share and is passed to every bench_* that
takes an argument; a module-level PARAMS = {"n": 1000} declares parameters
with defaults that --param overrides. A bench_* that is a string, such as
bench_member = "x in s", is a statement timed inline as timeit times it,
with the names of the dict setup returns as its locals.

Each strategy runs in a worker process of its own, in python3 from PATH,
$PERFLAB_PYTHON or --python. Every flag of perflab run works here.`,
		Example: `  perflab python sorts.py
  perflab python sorts.py --param n=100000 --reps 20 --format json -o sorts.json
  perflab python sorts.py --sweep n=100,1000,10000,100000
  perflab python sorts.py --tui`,
		Args: exactArgs(1, "one Python file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPython(cmd, args[0], f, interactive)
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&interactive, "tui", false, "open the file in the interactive lab instead of running it headless")
	return cmd
}

func runPython(cmd *cobra.Command, path string, f runFlags, interactive bool) error {
	ctx := cmd.Context()
	if !interactive {
		ctx = bounded(ctx)
	}
	l, err := loadPython(ctx, path, f.config(f.duration))
	if err != nil {
		return err
	}
	// The file is raced as own/python, as the TUI's "your own" races it:
	// one identity for one file, whichever way it was raced.
	if interactive {
		// The file is one more lab, after the seven.
		all := labs.All()
		l.Number = len(all) + 1
		return runTUIWith(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), f.history, tui.Options{Labs: append(all, own.FileLab(l, path))})
	}
	l = own.FileLab(l, path)
	err = runHeadlessIn(ctx, []*lab.Lab{l}, l.ID+"/"+l.Workloads[0].ID, f, cmd.OutOrStdout(), cmd.ErrOrStderr())
	if pe := (*labs.PythonError)(nil); errors.As(err, &pe) && !errors.As(err, new(usageError)) {
		// An exception in setup or in a first call: nothing could run.
		return usageError{err}
	}
	return err
}

// loadPython reads a person's Python file, its import held to the bound of
// one strategy's run (see bound.go) when ctx is bounded.
func loadPython(ctx context.Context, path string, c measure.Config) (*lab.Lab, error) {
	bound := firstBound(c.WithDefaults())
	ctx, unbound := holdToBound(ctx, bound)
	defer unbound()
	l, err := labs.PythonFile(ctx, path)
	if err := boundError(ctx, bound, err); err != nil {
		if errors.Is(context.Cause(ctx), errBound) {
			return nil, err
		}
		// Nothing ran: the file, its syntax or its import is at fault.
		return nil, usageError{err}
	}
	return l, nil
}

// pythonFlag makes --python PATH, given to any command, the interpreter of
// every Python workload and of the workers they start.
func pythonFlag(root *cobra.Command) {
	var path string
	root.PersistentFlags().StringVar(&path, "python", "", "the Python interpreter of Python workloads (default: $"+labs.EnvPython+", else python3 on PATH)")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		// Flags that contradict each other are refused first, on every
		// command, before anything (the interpreter's check) starts.
		if err := checkConflicts(cmd.Flags()); err != nil {
			return err
		}
		if !cmd.Flags().Changed("python") {
			return nil
		}
		if err := labs.CheckPython(path); err != nil {
			return usageError{err}
		}
		return os.Setenv(labs.EnvPython, path)
	}
}
