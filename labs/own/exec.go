package own

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/perflab/perflab/labs/internal/command"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// ExecOptions are a race of a person's commands, as typed.
type ExecOptions struct {
	// Commands are the commands to race, baseline first.
	Commands []string
	// Names label the commands in results; empty means each command's
	// own text. If set, there is one per command.
	Names []string
	// NoShell splits every command into words and runs it directly,
	// refusing one that needs a shell. Without it a command that needs no
	// shell runs directly all the same, and one that needs a shell runs
	// through sh -c with the shell's start-up subtracted from its times.
	NoShell bool
	// Prepare runs before every timed run, outside the clock, which makes
	// every run a repetition of its own; Setup runs once before the race
	// and Cleanup once after it. All three run through sh.
	Prepare, Setup, Cleanup string
	// Input is a file fed to every run's standard input.
	Input string
	// ShowOutput shows the commands' output instead of discarding it.
	ShowOutput bool
	// IgnoreFailure times runs that exit non-zero as any other.
	IgnoreFailure bool
	// Sweep, if set, is a parameter whose values replace {name} in the
	// commands; SweepValues are checked here, so that a command not found at
	// one of them is refused before anything runs.
	Sweep       string
	SweepValues []string
}

// execFixture is what every command of one run shares: the measured cost
// of starting a process, and of starting the shell, in nanoseconds.
type execFixture struct {
	spawn, shell float64
}

// Exec checks the options and returns the "your own" lab with one workload,
// exec, whose strategies are the commands. Every error is one line, and
// nothing has run when it is returned.
func Exec(o ExecOptions) (*lab.Lab, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	w := &lab.Workload{
		ID:    "exec",
		Title: "Your commands, raced run against run",
		// A command is any program, in any language: no profiler of
		// perflab's reads it from outside.
		Profile: lab.ProfileNone,
		Lesson: "Each command is a strategy. Repetitions are interleaved, one of each command in turn, so that a " +
			"machine that speeds up or slows down touches every command alike; with a command to prepare each run, each run is a repetition. " +
			"The command is timed, not the shell: one that needs no shell starts directly, and one that needs it has the shell's start-up taken off every run.",
		Config: func(_ lab.Values, c *measure.Config) {
			// One run at a time, as a person would time a command.
			c.Workers, c.Rate = 1, 0
			if o.Prepare != "" {
				// The prepare command runs before each run, outside the
				// clock: the engine's hook for that is the start of a
				// repetition.
				c.RepOps = 1
			}
		},
		Prepare: o.prepare,
	}
	if o.Sweep != "" {
		// The first swept value is the default, so that the plan, which
		// reads every parameter before the sweep sets it, has a number.
		w.Params = []lab.Param{{Name: o.Sweep, Kind: lab.Float, Default: first(o.SweepValues), Help: "replaces {" + o.Sweep + "} in the commands"}}
	}
	for i, text := range o.Commands {
		w.Strategies = append(w.Strategies, lab.Strategy{
			ID:    o.name(i),
			Title: text,
			Help:  "runs " + text,
			New:   func(env *lab.Env) (*measure.Subject, error) { return o.subject(env, text) },
		})
	}
	return New(w), nil
}

// name is the label of command i.
func (o *ExecOptions) name(i int) string {
	if len(o.Names) > 0 {
		return o.Names[i]
	}
	return o.Commands[i]
}

// check refuses what cannot run, before anything does: no command, names
// that do not match, a command or the helpers not found, an input file
// that cannot be read, a sweep parameter no command uses.
func (o *ExecOptions) check() error {
	switch {
	case len(o.Commands) == 0:
		return errors.New("name at least one command to run")
	case len(o.Names) > 0 && len(o.Names) != len(o.Commands):
		return lab.Optionf("name", "given %d times for %d commands: give one per command", len(o.Names), len(o.Commands))
	}
	if err := checkNames(o.Names); err != nil {
		return err
	}
	if err := o.checkSweep(); err != nil {
		return err
	}
	for _, text := range o.Commands {
		for _, v := range o.sweepValues() {
			if _, err := o.resolve(substitute(text, o.Sweep, v)); err != nil {
				return err
			}
		}
	}
	for option, text := range map[string]string{"prepare": o.Prepare, "setup": o.Setup, "cleanup": o.Cleanup} {
		if text == "" {
			continue
		}
		if _, err := command.Shell(text); err != nil {
			return lab.OptionErr(option, err)
		}
	}
	if o.Input != "" {
		r, err := command.NewRunner(command.Command{Input: o.Input})
		if err != nil {
			return lab.OptionErr("input", err)
		}
		return r.Close()
	}
	return nil
}

func (o *ExecOptions) checkSweep() error {
	if o.Sweep == "" {
		return nil
	}
	mark := "{" + o.Sweep + "}"
	for _, text := range o.Commands {
		if strings.Contains(text, mark) {
			return nil
		}
	}
	return lab.Optionf("sweep", "no command has %s to replace", mark)
}

// sweepValues are the values to check the commands at: the sweep's, or
// one empty value, which leaves a command as it is.
func (o *ExecOptions) sweepValues() []string {
	if o.Sweep == "" {
		return []string{""}
	}
	return o.SweepValues
}

// substitute replaces {name} in text with value.
func substitute(text, name, value string) string {
	if name == "" {
		return text
	}
	return strings.ReplaceAll(text, "{"+name+"}", strings.TrimSpace(value))
}

// resolve turns a command's text into a command to start: directly when
// it needs no shell or NoShell says so, by the shell otherwise.
func (o *ExecOptions) resolve(text string) (command.Command, error) {
	c, err := command.Auto(text)
	if o.NoShell {
		c, err = command.Direct(text)
		if _, ok := errors.AsType[*command.NeedsShellError](err); ok {
			err = lab.OptionErr("no_shell", err)
		}
	}
	c.Input, c.Show = o.Input, o.ShowOutput
	return c, err
}

// prepare runs the setup command, measures what starting a process and the shell
// cost, and registers the cleanup command, for one run of the workload.
func (o *ExecOptions) prepare(env *lab.Env) (any, error) {
	if o.Setup != "" {
		if err := runOnce(env.Ctx, o.Setup); err != nil {
			return nil, lab.OptionErr("setup", err)
		}
	}
	if o.Cleanup != "" {
		env.OnClose(func() error {
			// Cleanup runs even after a cancel, so it gets a context of
			// its own: held to the run's bound if it has one, and ended
			// by the caller when the person insists (a second Ctrl-C).
			ctx, cancel := cleanupContext(env.Ctx)
			defer cancel()
			if err := runOnce(ctx, o.Cleanup); err != nil {
				return lab.OptionErr("cleanup", err)
			}
			return nil
		})
	}
	spawn, shell, err := startCosts(env.Ctx)
	if err != nil {
		return nil, err
	}
	return &execFixture{spawn: spawn, shell: shell}, nil
}

// cleanupSlack is how long past the run's deadline its cleanup may run:
// the run ends within a second of its bound, and the cleanup with it.
const cleanupSlack = 250 * time.Millisecond

// cleanupContext returns a context that a cancel of ctx does not end, and
// that ends shortly after ctx's deadline if it has one: a cleanup runs after
// a cancel, but not past the run's bound.
func cleanupContext(ctx context.Context) (context.Context, context.CancelFunc) {
	free := lab.CleanupContext(ctx)
	if d, ok := ctx.Deadline(); ok {
		return context.WithDeadline(free, d.Add(cleanupSlack))
	}
	return context.WithCancel(free)
}

// runOnce runs a helper command through the shell once, its output
// discarded and a failure reported with its standard error's tail.
func runOnce(ctx context.Context, text string) error {
	c, err := command.Shell(text)
	if err != nil {
		return err
	}
	r, err := command.NewRunner(c)
	if err != nil {
		return err
	}
	_, err = r.Run(ctx)
	return errors.Join(err, r.Close())
}

// first is the first of values, or "" when there is none.
func first(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return values[0]
}
