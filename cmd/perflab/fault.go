package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

// withLabFlags adds to perflab run the flags of the machines lab that read
// better as flags than as --param: --kill-worker-after, --nats and --expose. Each one
// becomes the workload parameter of the same meaning, so the TUI, which sets
// parameters, offers the same settings and a workload without them says so.
func withLabFlags(cmd *cobra.Command) *cobra.Command {
	var kill time.Duration
	var url string
	var expose bool
	fl := cmd.Flags()
	fl.DurationVar(&kill, "kill-worker-after", 0, "machines lab: SIGKILL one worker mid-task this long into the run (the kill_worker_after parameter)")
	fl.StringVar(&url, "nats", "", "machines lab: use the NATS server at this URL instead of an embedded one (the nats parameter; default $NATS_URL)")
	fl.BoolVar(&expose, "expose", false, "machines lab: let workers on other machines join the embedded NATS server, which then asks for a token that perflab prints (the expose parameter)")
	inner := cmd.PreRunE
	cmd.PreRunE = func(c *cobra.Command, args []string) error {
		if fl.Changed("kill-worker-after") {
			if kill <= 0 {
				return usage("--kill-worker-after must be positive, got %v", kill)
			}
			if err := fl.Set("param", "kill_worker_after="+kill.String()); err != nil {
				return usageError{fmt.Errorf("--kill-worker-after: %w", err)}
			}
		}
		if fl.Changed("nats") {
			if url == "" {
				return usage("--nats wants a URL such as nats://127.0.0.1:4222")
			}
			if err := fl.Set("param", "nats="+url); err != nil {
				return usageError{fmt.Errorf("--nats: %w", err)}
			}
		}
		if fl.Changed("expose") {
			if err := fl.Set("param", fmt.Sprintf("expose=%t", expose)); err != nil {
				return usageError{fmt.Errorf("--expose: %w", err)}
			}
		}
		if inner != nil {
			return inner(c, args)
		}
		return nil
	}
	return cmd
}
