package own

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/perflab/perflab/labs/internal/command"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// Each start cost is the mean of startSamples timed starts after
// startWarmups untimed ones, as hyperfine measures its shell's start-up
// (the mean of 50), since what is subtracted from every run must be the
// mean cost for the mean time that is left to be right.
const (
	startSamples = 50
	startWarmups = 5
)

// execSubject is one command being raced.
type execSubject struct {
	run     *command.Runner
	prepare *command.Runner
	ignore  bool
	fx      *execFixture
	// shell says the command runs through sh -c, so that the shell's
	// start-up is subtracted from its runs.
	shell bool

	runs, failed int64
	// cut counts the runs, and prepare runs, that an end of the run
	// stopped while they ran: a cancel, or the run's time bound.
	cut             int64
	user, system    time.Duration
	peakRSS, sumRSS int64
	// floorRSS is the highest peak RSS of perflab itself when a run
	// started; see rssFloor.
	floorRSS int64
}

// subject builds the measurement subject of one command at the run's
// parameters.
func (o *ExecOptions) subject(env *lab.Env, text string) (*measure.Subject, error) {
	if o.Sweep != "" {
		text = substitute(text, o.Sweep, strconv.FormatFloat(env.Params.Float(o.Sweep), 'f', -1, 64))
	}
	c, err := o.resolve(text)
	if err != nil {
		return nil, err
	}
	s := &execSubject{ignore: o.IgnoreFailure, fx: env.Fixture.(*execFixture), shell: c.Shell}
	if s.run, err = command.NewRunner(c); err != nil {
		return nil, err
	}
	if o.Prepare != "" {
		if s.prepare, err = helper(o.Prepare); err != nil {
			return nil, errors.Join(lab.OptionErr("prepare", err), s.close())
		}
	}
	sub := subjectOf(s, s.enter)
	if s.shell {
		// As hyperfine does: the shell's mean start-up, measured before
		// the race, comes off every run, so that the command is timed
		// and not the shell it is started through.
		sub.Subtract = time.Duration(s.fx.shell)
	}
	return sub, nil
}

// helper returns a runner for the prepare command: through the shell, its
// output discarded.
func helper(text string) (*command.Runner, error) {
	c, err := command.Shell(text)
	if err != nil {
		return nil, err
	}
	return command.NewRunner(c)
}

func (s *execSubject) reset() {
	s.runs, s.failed, s.user, s.system, s.peakRSS, s.sumRSS, s.floorRSS = 0, 0, 0, 0, 0, 0, 0
}

// enter starts a repetition: it notes the floor under the peak RSS of the
// runs to come, then runs the prepare command.
func (s *execSubject) enter(ctx context.Context) error {
	s.floorRSS = max(s.floorRSS, rssFloor())
	if s.prepare == nil {
		return nil
	}
	if _, err := s.prepare.Run(ctx); err != nil {
		if ctx.Err() != nil {
			s.cut++
			return ctx.Err()
		}
		return lab.OptionErr("prepare", err)
	}
	return nil
}

// loop runs the command n times. A non-zero exit fails the run unless
// failures are ignored; a command that could not start always does.
func (s *execSubject) loop(ctx context.Context, _, n int) error {
	for range n {
		u, err := s.run.Run(ctx)
		if ctx.Err() != nil {
			if errors.Is(err, ctx.Err()) {
				s.cut++
			}
			return ctx.Err()
		}
		var exit *command.ExitError
		isExit := errors.As(err, &exit)
		if err == nil || isExit {
			s.add(u, isExit)
		}
		if err != nil && !(isExit && s.ignore) {
			return err
		}
	}
	return nil
}

func (s *execSubject) add(u command.Usage, failed bool) {
	s.runs++
	if failed {
		s.failed++
	}
	s.user += u.User
	s.system += u.System
	s.peakRSS = max(s.peakRSS, u.MaxRSS)
	s.sumRSS += u.MaxRSS
}

// metrics are the command's own figures over its measured runs.
func (s *execSubject) metrics() map[string]float64 {
	m := map[string]float64{
		"start_process_ns": s.fx.spawn,
		"start_shell_ns":   s.fx.shell,
		"exit_failures":    float64(s.failed),
		"through_shell":    0,
	}
	if s.cut > 0 {
		m["cut_short_runs"] = float64(s.cut)
	}
	if s.shell {
		m["through_shell"] = 1
		m["shell_subtracted_ns"] = s.fx.shell
	}
	if s.runs > 0 {
		n := float64(s.runs)
		m["cpu_user_ns"] = float64(s.user) / n
		m["cpu_sys_ns"] = float64(s.system) / n
		m["peak_rss_bytes"] = float64(s.peakRSS)
		m["mean_peak_rss_bytes"] = float64(s.sumRSS) / n
		m["peak_rss_floor_bytes"] = float64(s.floorRSS)
	}
	return m
}

// rssFloor returns perflab's own peak resident set size, in bytes. On Linux
// a child's peak RSS, as wait4 reports it, is never below its parent's at the
// time it was started: the kernel folds the peak of the address space the
// child leaves at exec, which a vfork-style start shares with the parent, into
// the child's. A command whose peak equals this floor used at most that much.
func rssFloor() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024
}

func (s *execSubject) close() error {
	var errs []error
	for _, r := range []*command.Runner{s.run, s.prepare} {
		if r != nil {
			errs = append(errs, r.Close())
		}
	}
	return errors.Join(errs...)
}

// startCosts times what starting a process costs, as the mean wall time of
// true run directly, and what starting the shell costs, as that of sh -c
// with nothing to do: the floor under every command's time, and what is
// subtracted from the runs of a command started through the shell.
func startCosts(ctx context.Context) (spawn, shell float64, err error) {
	direct, err := command.Direct("true")
	if err != nil {
		return 0, 0, fmt.Errorf("timing a process start: %w", err)
	}
	sh, err := command.Shell("true")
	if err != nil {
		return 0, 0, fmt.Errorf("timing a shell start: %w", err)
	}
	sh.Args[len(sh.Args)-1] = ""
	if spawn, err = meanWall(ctx, direct); err != nil {
		return 0, 0, err
	}
	if shell, err = meanWall(ctx, sh); err != nil {
		return 0, 0, err
	}
	return spawn, shell, nil
}

// meanWall returns the mean wall time of startSamples runs of c, after
// startWarmups that warm the caches a first start finds cold.
func meanWall(ctx context.Context, c command.Command) (float64, error) {
	r, err := command.NewRunner(c)
	if err != nil {
		return 0, err
	}
	var sum time.Duration
	for i := range startWarmups + startSamples {
		u, err := r.Run(ctx)
		if err != nil {
			return 0, errors.Join(fmt.Errorf("timing %s: %w", strings.Join(c.Args, " "), err), r.Close())
		}
		if i >= startWarmups {
			sum += u.Wall
		}
	}
	// Whole nanoseconds, so that what is subtracted is what is reported.
	return float64(sum / startSamples), r.Close()
}
