package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/labs/own"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/measure/runs"
)

// benchFlags are the flags of perflab bench.
type benchFlags struct {
	outputFlags
	roundFlags
	opts    own.BenchOptions
	profile bool
	live    bool
}

func newBenchCmd() *cobra.Command {
	var f benchFlags
	cmd := &cobra.Command{
		Use:   "bench [PACKAGE...] --bench REGEX",
		Short: "Race your own Go benchmarks across git revisions, interleaved, until decided",
		Long: `bench builds each revision's test binary once (go test -c, a committed revision in a
temporary git worktree, removed afterwards whatever happens), then races every benchmark
matching --bench, revision against revision. A round runs each revision's binary once for
that benchmark with a fixed iteration count, calibrated once so that a run times its loop
for about --round-time, and takes the ns/op the benchmark reports (not the process's time).
Rounds alternate the order of the revisions and go on until the verdict is decided or
--max-time ends; each benchmark, sub-benchmark and -cpu variant is a comparison of its own.
The benchmarks race one after the other and share --max-time: each is given what is left
of it divided by the benchmarks still to race, so one decided early leaves its time to the
rest. The default race is HEAD (the baseline) against the working tree.`,
		Example: `  perflab bench --bench Sum                      # HEAD against your uncommitted change
  perflab bench ./codec --bench 'Decode/size=1k' --rev main --rev my-branch
  perflab bench --bench . --rev HEAD --rev HEAD   # an A/A run: expect ~
  perflab bench --bench Sum --format gobench > sum.txt && benchstat -col rev sum.txt`,
		RunE: func(cmd *cobra.Command, args []string) error {
			f.opts.Packages = args
			return runBench(cmd.Context(), &f, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f.add(cmd, "not available for bench")
	fl := cmd.Flags()
	f.roundFlags.addFlags(fl)
	fl.StringVar(&f.opts.Pattern, "bench", ".", "race the benchmarks matching this regular expression, as go test -bench")
	fl.StringArrayVar(&f.opts.Revisions, "rev", nil, "a git revision to race, baseline first (repeatable; default HEAD, then the working tree, named "+`"worktree"`+")")
	fl.IntSliceVar(&f.opts.CPU, "cpu", nil, "GOMAXPROCS values to race each benchmark at, as go test -cpu")
	fl.StringVarP(&f.opts.Dir, "dir", "C", "", "the module's directory (default: the current one)")
	fl.DurationVar(&f.opts.RoundTime, "round-time", own.DefaultRoundTime, "how long one run of a binary times its benchmark's loop")
	fl.BoolVar(&f.live, "live", false, "watch the races live in the terminal (the TUI), the results printed when it closes")
	fl.BoolVar(&f.profile, "profile", false, "after each benchmark's verdict, profile each revision in rounds of its own (-test.cpuprofile) and write REVISION.pprof files beside the kept run")
	return cmd
}

// check refuses flags that cannot run, before anything is built.
func (f *benchFlags) check() (report.Writer, error) {
	write, sw, err := f.outputFlags.check()
	switch {
	case err != nil:
		return nil, err
	case sw != nil:
		return nil, usage("--sweep is not available for bench: race the sizes as sub-benchmarks")
	case f.checkRounds() != nil:
		return nil, usageError{f.checkRounds()}
	case f.opts.RoundTime <= 0 || f.opts.RoundTime > time.Minute:
		return nil, usage("--round-time must be positive and at most 1m, got %v", f.opts.RoundTime)
	}
	return write, nil
}

// runBench checks, builds, races every benchmark and writes the results.
// A first interrupt cancels the race; later ones are caught too, so that
// the binaries and worktrees are removed however often a person presses
// ctrl-c.
func runBench(ctx context.Context, f *benchFlags, stdout, stderr io.Writer) (err error) {
	if ctx == nil {
		ctx = context.Background()
	}
	write, err := f.check()
	if err != nil {
		return err
	}
	if err := checkLive(f, stdout); err != nil {
		return err
	}
	store, err := f.history.store()
	if err != nil {
		return usageError{err}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		for range sigs {
			cancel()
		}
	}()

	mod, revs, err := own.CheckBench(ctx, &f.opts)
	if err != nil {
		return usageError{err}
	}
	say := func(s string) { fmt.Fprintf(stderr, "perflab: %s\n", s) }
	set, err := own.BuildBench(ctx, &f.opts, mod, revs, say)
	if err != nil {
		return benchSetupError(ctx, err)
	}
	defer func() {
		if cerr := set.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("removing the binaries and worktrees: %w", cerr))
		}
	}()
	for _, fl := range set.Failures {
		say(fmt.Sprintf("%s at %s is left out: %v", fl.Benchmark, fl.Revision, fl.Err))
	}
	raced := raceable(set, stderr)
	var reps []*measure.Report
	var raceErr error
	if f.live {
		reps, raceErr = raceLive(ctx, cancel, set, raced, f, store, stderr)
	} else {
		reps, raceErr = raceCases(ctx, set, raced, f, store, stderr, progressWatcher{stderr})
	}
	if len(reps) > 0 {
		if err := emitBench(reps, f.format, write, f.output, stdout); err != nil {
			return errors.Join(raceErr, err)
		}
	}
	return raceErr
}

// design says how long a race of n revisions runs: its rounds each run
// every binary once for about --round-time, until decided or its share of
// the budget ends.
func (f *benchFlags) design(n int, share time.Duration) string {
	if f.reps > 0 {
		return fmt.Sprintf("%d rounds (one a warm-up) of %d runs of about %v", f.reps+1, n, f.opts.RoundTime)
	}
	return fmt.Sprintf("rounds of %d runs of about %v until decided, at most %v of the %v budget", n, f.opts.RoundTime, share.Round(time.Millisecond), f.maxTime)
}

// benchSetupError words an error of the build: bad input exits 2, a cancel
// says nothing was measured, a failed build is a failure.
func benchSetupError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return errors.New("cancelled before the race started: nothing was measured")
	}
	if _, ok := errors.AsType[*own.NoBenchmarksError](err); ok {
		return usageError{err}
	}
	return err
}

// raceable returns the benchmarks of the set that have two revisions or
// more to race, and says which have not.
func raceable(set *own.BenchSet, stderr io.Writer) []*own.BenchCase {
	var raced []*own.BenchCase
	for _, c := range set.Cases {
		if len(set.Names(c)) < 2 {
			fmt.Fprintf(stderr, "perflab: %s has one revision left: nothing to race\n", c.Name)
			continue
		}
		raced = append(raced, c)
	}
	return raced
}

// A benchWatcher follows the races of a bench run: follow reads the
// snapshots of the i-th benchmark's race and returns its timeline for the
// replay; ended hears how that race ended.
type benchWatcher interface {
	follow(i int, r *labs.Run) *runs.Timeline
	ended(i int, rep *measure.Report, err error)
}

// progressWatcher draws the progress line on stderr, as perflab run does.
type progressWatcher struct{ stderr io.Writer }

func (p progressWatcher) follow(_ int, r *labs.Run) *runs.Timeline { return showProgress(r, p.stderr) }
func (progressWatcher) ended(int, *measure.Report, error)          {}

// raceCases races the benchmarks raced in turn, sharing --max-time
// among them (see benchBudget), and returns their reports, each kept in the
// runs folder unless store is nil. A cancel ends the race after the
// benchmark under way, whose partial report is kept.
func raceCases(ctx context.Context, set *own.BenchSet, raced []*own.BenchCase, f *benchFlags, store *runs.Store, stderr io.Writer, w benchWatcher) ([]*measure.Report, error) {
	budget := newBenchBudget(f.maxTime, len(raced))
	var reps []*measure.Report
	for i, c := range raced {
		cfg := f.config(0)
		cfg.Profile = f.profile
		if f.reps == 0 {
			cfg.MaxTime = budget.share()
		}
		start := time.Now()
		rep, err := raceCase(ctx, set, c, cfg, f, store, stderr, func(r *labs.Run) *runs.Timeline { return w.follow(i, r) })
		budget.spend(time.Since(start))
		w.ended(i, rep, err)
		if rep != nil {
			reps = append(reps, rep)
			fmt.Fprintf(stderr, "perflab: %s: %s after %v\n", c.Name, stoppedWords(rep, cfg.MaxTime), time.Duration(rep.ElapsedNs).Round(time.Millisecond))
		}
		if err != nil {
			return reps, err
		}
	}
	return reps, nil
}

// raceCase races one benchmark with the engine's configuration cfg.
func raceCase(ctx context.Context, set *own.BenchSet, c *own.BenchCase, cfg measure.Config, f *benchFlags, store *runs.Store, stderr io.Writer, follow func(*labs.Run) *runs.Timeline) (*measure.Report, error) {
	names := set.Names(c)
	spec := labs.Spec{Path: own.ID + "/bench", Strategies: names, Config: cfg}
	plan, err := spec.PlanIn([]*lab.Lab{set.Lab(c)})
	if err != nil {
		return nil, err
	}
	design := f.design(len(names), cfg.MaxTime)
	fmt.Fprintf(stderr, "perflab: racing %s, %d iterations a run, %s\n", c.Name, c.Iters, design)
	r, err := labs.Start(ctx, plan)
	if err != nil {
		return nil, err
	}
	tl := follow(r)
	rep, runErr := r.Wait()
	if rep == nil {
		return nil, runErr
	}
	kept, err := keep(store, rep, tl, stderr)
	if err != nil {
		return rep, err
	}
	if err := writeProfiles(rep, kept, benchProfileBase(f.output, c.Name), stderr); err != nil {
		return rep, err
	}
	if ctx.Err() != nil || rep.Cancelled {
		return rep, errors.Join(errors.New("cancelled: the results are partial"), ignoreCancel(runErr))
	}
	return rep, runErr
}

// stoppedWords says how a benchmark's race ended, its share of the budget
// named when it was what ended it.
func stoppedWords(rep *measure.Report, share time.Duration) string {
	switch benchStopped(rep) {
	case stoppedBudget:
		return fmt.Sprintf("cut by the budget (its share: %v)", share.Round(time.Millisecond))
	case stoppedRounds:
		return "its rounds run"
	case stoppedCancelled:
		return "cancelled"
	}
	return "decided"
}

// emitBench writes the reports: one alone as any run's, several as one
// JSON object with a "benchmarks" list, or one after another under their
// names; the Go benchmark format names each revision in a "rev" line.
func emitBench(reps []*measure.Report, format string, write report.Writer, output string, stdout io.Writer) error {
	var all report.Writer
	switch {
	case format == "gobench":
		all = func(w io.Writer, _ *measure.Report) error { return writeBenchGo(w, reps) }
	case len(reps) == 1:
		all = write
	case format == "json":
		all = func(w io.Writer, _ *measure.Report) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(struct {
				Benchmarks []benchJSON `json:"benchmarks"`
			}{benchJSONs(reps)})
		}
	default:
		all = func(w io.Writer, _ *measure.Report) error {
			for i, rep := range reps {
				if i > 0 {
					fmt.Fprintln(w)
				}
				fmt.Fprintf(w, "%v (%s)\n", rep.Params["benchmark"], benchStopped(rep))
				if err := write(w, rep); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return emit(reps[0], all, output, stdout)
}

// benchJSON is one benchmark's result in the JSON of several: the run's
// result, worded as one run's JSON is (its warnings, reasons and deltas
// written), and how its race ended (see benchStopped).
type benchJSON struct {
	*measure.Report
	Stopped string `json:"stopped"`
}

func benchJSONs(reps []*measure.Report) []benchJSON {
	out := make([]benchJSON, len(reps))
	for i, rep := range reps {
		out[i] = benchJSON{Report: report.Worded(rep), Stopped: benchStopped(rep)}
	}
	return out
}

// benchProfileBase is the file beside which a benchmark's profiles are
// written when its run is not kept: a folder of their own for each
// benchmark, named after it, beside the output file or in the current
// folder, so that two benchmarks' profiles do not overwrite each other.
func benchProfileBase(output, benchmark string) string {
	dir := "."
	if output != "" {
		dir = filepath.Dir(output)
	}
	safe := strings.NewReplacer("/", "_", "\\", "_", " ", "_").Replace(benchmark)
	return filepath.Join(dir, "perflab-"+safe+".run")
}

// ignoreCancel is err unless it only says the run was cancelled, which the
// caller says in its own words.
func ignoreCancel(err error) error {
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
