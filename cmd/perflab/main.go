package main

import (
	"fmt"
	"os"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/labs"
)

// stopSignals end a run as a cancel does: an interrupt, a termination, and
// a hangup, which a closed terminal sends; each ends what the run started.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// A usageError is bad input: it exits with status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usage marks err as bad input.
func usage(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

func main() {
	// A copy of perflab started to hold the process groups of the
	// commands and Python workers it runs serves here and never reaches
	// the command line.
	labs.HolderMain()
	labs.EnableHolder()
	os.Exit(run(os.Args[1:]))
}

// run executes the command line and returns the exit status: 0, 1 for a
// failure, 2 for bad input.
func run(args []string) int {
	root := newRootCmd()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	fmt.Fprintln(os.Stderr, "perflab:", errorText(err))
	return exitCode(err)
}

func newRootCmd() *cobra.Command {
	var hist historyFlags
	root := &cobra.Command{
		Use:   "perflab",
		Short: "A terminal performance lab: compare strategies, see the latency, trust the verdict",
		Long: `perflab runs strategies side by side through one measurement engine and shows
live latency graphs and comparison tables with an honest statistical verdict.
Its seven labs follow the seven classic ways to make an application faster.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usage("unknown command %q (see perflab --help)", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), hist)
		},
	}
	hist.addFlags(root.Flags())
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newListCmd(), withLabFlags(newRunCmd()), newVersionCmd(), newWorkerCmd(), newCompareCmd(), newExecCmd(), newHTTPCmd(), newPythonCmd(), newRunsCmd(), newReplayCmd(), newWorkshopCmd(), newJoinCmd(), newBenchCmd())
	pythonFlag(root)
	strictCompletion(root)
	strictHelp(root)
	addCompletions(root)
	strictFlags(root)
	return root
}

// strictCompletion makes cobra's completion command refuse a shell it does
// not know, which it would otherwise answer with its help and status 0.
func strictCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" || c.Runnable() {
			continue
		}
		var shells []string
		for _, sh := range c.Commands() {
			shells = append(shells, sh.Name())
		}
		list := strings.Join(shells, ", ")
		c.Args = func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usage("completion needs a shell: one of %s", list)
			}
			return usage("completion knows no shell %q: it knows %s", args[0], list)
		}
		c.RunE = func(*cobra.Command, []string) error { return nil }
		// A shell's script takes no arguments: cobra would answer an
		// extra one as an unknown command, a failure, not bad input.
		for _, sh := range c.Commands() {
			sh.Args = noArgs
		}
	}
}

// strictHelp makes perflab help refuse a command it does not know, which
// cobra's own help command answers with the root's help and status 0.
func strictHelp(root *cobra.Command) {
	help := &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help provides help for any command in the application.",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			c, rest, err := root.Find(args)
			if err != nil || c == nil || len(rest) > 0 {
				return usage("help knows no command %q (see perflab --help)", strings.Join(args, " "))
			}
			return nil
		},
		// The command names to complete, as cobra's own help command
		// completes them.
		ValidArgsFunction: func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			c, _, err := root.Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []string
			for _, sub := range c.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), prefix) {
					names = append(names, sub.Name())
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			c, _, err := root.Find(args)
			if err != nil {
				return usageError{err}
			}
			c.InitDefaultHelpFlag()
			return c.Help()
		},
	}
	root.SetHelpCommand(help)
}

// noArgs is cobra.NoArgs whose error is bad input.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usage("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

// exactArgs is cobra.ExactArgs whose error is bad input.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usage("expected %s, got %d arguments", what, len(args))
		}
		return nil
	}
}
