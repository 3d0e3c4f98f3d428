package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/labs/own"
	"github.com/perflab/perflab/measure"
)

// execFlags are the flags of perflab exec.
type execFlags struct {
	outputFlags
	roundFlags
	opts     own.ExecOptions
	duration time.Duration
	runs     int64
	// profile is refused: see errExecProfile.
	profile bool
}

// errExecProfile refuses --profile on exec, whose workload declares no
// profile (lab.ProfileNone) as own/exec does. A command is any program, in
// any language, and perflab has no profiler that reads any program from
// outside: the Go runtime's profile sees perflab's own process, which only
// starts the command and waits, and the Python worker's sampler runs
// inside a worker. Profiles of a person's own code come from perflab
// python FILE.py --profile, or from run --profile of a lab's workloads.
var errExecProfile = usage("--profile: a command is any program, which perflab cannot profile from outside; profile Python with perflab python FILE.py --profile")

func newExecCmd() *cobra.Command {
	var f execFlags
	cmd := &cobra.Command{
		Use:   "exec CMD [CMD...]",
		Short: "Race commands, run against run, as hyperfine does, with a verdict",
		Long: `exec runs each command as a strategy through the engine: a warm-up repetition, then
repetitions interleaved one of each command in turn, each as many runs as fit in --duration
(at least one, at most --runs). Every run records its wall time, user and system CPU time,
peak resident memory and exit status. A command that needs no shell (one program with plain
or quoted words) runs directly; one that needs it (a pipeline, a redirection, $VAR, a glob,
a built-in) runs through sh -c, and the shell's mean start-up, timed before the race, is
subtracted from each of its runs, as hyperfine does: the times are of the command, not the
shell. The first command is the baseline.

Defaults: one command runs a warm-up and 10 rounds of 10ms (at least one run each), since
with nothing to compare there is nothing to decide; two or more commands run rounds until
every comparison is decided, within --max-time (30s).`,
		Example: `  perflab exec 'sort -n data.txt' 'sort -n -S 1G data.txt'
  perflab exec -N --name old --name new './old --fast' './new --fast'
  perflab exec --prepare 'sync' --input big.txt 'wc -l' 'grep -c ""'
  perflab exec --sweep n=1000,10000,100000 'seq {n} | sort -R | sort -n'`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usage("name at least one command to run, such as perflab exec 'sleep 0.01'")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			write, sw, err := f.outputFlags.check()
			if err != nil {
				return err
			}
			if err := f.check(); err != nil {
				return err
			}
			f.opts.Commands = args
			if sw != nil {
				f.opts.Sweep, f.opts.SweepValues = sw.Param, sw.Values
			}
			l, err := own.Exec(f.opts)
			if err != nil {
				return usageError{err}
			}
			if f.profile && !l.Workloads[0].Profilable() {
				return errExecProfile
			}
			cfg := f.config(f.duration)
			cfg.RepOps = f.runs
			lone(cmd, len(args), &cfg)
			rep, err := runOwn(bounded(cmd.Context()), l, cfg, sw, &f.outputFlags, write, cmd.OutOrStdout(), cmd.ErrOrStderr())
			if err != nil || f.opts.IgnoreFailure {
				return err
			}
			return failedRuns(rep)
		},
	}
	f.add(cmd, "run once per value, replacing {name} in the commands, and fit growth exponents, `name=v1,v2,...`")
	fl := cmd.Flags()
	f.roundFlags.addFlags(fl)
	fl.DurationVar(&f.duration, "duration", measure.DefaultRepDuration, "time bound of one repetition; the run under way when it passes finishes")
	fl.Int64VarP(&f.runs, "runs", "r", 0, "at most this many runs per repetition (0: as many as --duration allows)")
	fl.BoolVarP(&f.opts.NoShell, "no-shell", "N", false, "run every command without sh -c, refusing one that needs a shell (without it, only those that need one use it)")
	fl.StringArrayVarP(&f.opts.Names, "name", "n", nil, "label of a command in results, one per command in order (repeatable)")
	fl.StringVar(&f.opts.Prepare, "prepare", "", "run this command before every timed run, outside the clock")
	fl.StringVar(&f.opts.Setup, "setup", "", "run this command once before the race")
	fl.StringVar(&f.opts.Cleanup, "cleanup", "", "run this command once after the race, even a cancelled one")
	fl.StringVar(&f.opts.Input, "input", "", "feed this file to every run's standard input (default: empty input)")
	fl.BoolVar(&f.opts.ShowOutput, "show-output", false, "show the commands' output instead of discarding it")
	fl.BoolVarP(&f.opts.IgnoreFailure, "ignore-failure", "i", false, "time runs that exit non-zero instead of failing them")
	fl.BoolVar(&f.profile, "profile", false, "refused: a command is any program, which perflab cannot profile (perflab python --profile profiles Python)")
	return cmd
}

// failedRuns is the error of a race in which a command exited non-zero: the
// report says which and why, and the exit status says it failed, as a
// script that runs perflab exec needs to know.
func failedRuns(rep *measure.Report) error {
	for _, r := range results(rep) {
		if r.Errors > 0 {
			return fmt.Errorf("%s failed %d of %d runs (the reason is above); --ignore-failure times such runs as any other", r.Name, r.Errors, r.Ops+r.Errors)
		}
	}
	return nil
}

// check refuses repetition bounds that cannot run.
func (f *execFlags) check() error {
	switch {
	case f.roundFlags.checkRounds() != nil:
		return usageError{f.roundFlags.checkRounds()}
	case f.duration <= 0 || f.duration > time.Hour:
		return usage("--duration must be positive and at most 1h, got %v", f.duration)
	case f.runs < 0:
		return usage("--runs must not be negative, got %d", f.runs)
	case f.runs > 1 && f.opts.Prepare != "":
		return usage("--prepare runs before every run, which makes each run a repetition: use --reps, not --runs")
	}
	return nil
}
