package main

import (
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
)

// newWorkerCmd is perflab worker, the worker process of labs 6 and 7.
func newWorkerCmd() *cobra.Command {
	var o labs.WorkerOptions
	var stdio bool
	var gen generatorFlags
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Run as a worker process of labs 6 and 7: over stdin/stdout, or pulling tasks from NATS",
		Long: `perflab worker runs the labs' tasks and returns each result with the service
time it measured itself. With --nats (or $NATS_URL) it pulls tasks one at a time
from the machines lab's JetStream work queue, publishes each result and then
acknowledges the task; started on other machines, it lets the lab scale past
this one. Without, it reads length-prefixed task frames on standard input and
writes result frames on standard output, as the processes lab spawns it.

With --generator it is instead a load generator of perflab http: it joins the
coordinator at --nats (nats://TOKEN@host:port, the line perflab http prints),
takes its share of each run, and stops within seconds of losing it.

A NATS worker serves run after run, and waits up to two minutes for a server
that is not up yet or restarts. Every worker exits cleanly on SIGTERM or Ctrl-C
(a NATS worker hands its task back first) and when its standard input closes
(stdio, or --watch-stdin).`,
		Example: `  perflab worker --nats nats://coordinator.example:4222
  NATS_URL=nats://nats:4222 perflab worker --name rack2-node7
  perflab worker --generator --nats nats://TOKEN@coordinator.example:4300`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if stdio && cmd.Flags().Changed("nats") {
				return usage("--stdio and --nats exclude each other")
			}
			if gen.on || gen.once {
				return runGenerator(cmd, &gen, o)
			}
			what := "--nats"
			if !cmd.Flags().Changed("nats") && !stdio {
				o.NATS, what = os.Getenv(labs.WorkerNATSEnv), "$"+labs.WorkerNATSEnv
			}
			if o.NATS != "" || cmd.Flags().Changed("nats") {
				u, err := lab.ParseURL(what, o.NATS, labs.WorkerNATSSchemes)
				if err != nil {
					return usageError{err}
				}
				// A user without a password is the server's token: the
				// worker gives it as a server checks it, 16 characters
				// at least.
				if _, pass := u.User.Password(); u.User != nil && !pass {
					if err := lab.CheckGivenSecret(what+"'s token", u.User.Username()); err != nil {
						return usageError{err}
					}
				}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), stopSignals...)
			defer stop()
			o.Stdin, o.Stdout, o.Stderr = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
			return labs.RunWorker(ctx, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.NATS, "nats", "", "URL of the NATS server whose work queue to pull from (default $NATS_URL)")
	fl.BoolVar(&stdio, "stdio", false, "talk frames over stdin/stdout even if $NATS_URL is set")
	fl.StringVar(&o.Name, "name", "", "name of this worker in results (default host-pid)")
	fl.BoolVar(&o.WatchStdin, "watch-stdin", false, "with --nats, exit when standard input closes (for a coordinator that spawns workers)")
	fl.BoolVar(&gen.on, "generator", false, "be a load generator of perflab http --fleet-remote: join its coordinator at --nats nats://TOKEN@host:port and serve run after run")
	fl.BoolVar(&gen.once, "once", false, "with --generator, serve one run and exit")
	return cmd
}
