package main

import (
	"github.com/spf13/cobra"

	"github.com/perflab/perflab/measure/runs"
	"github.com/perflab/perflab/tui"
)

// replaySpeeds are the speeds of perflab replay --speed.
var replaySpeeds = map[string]int{"1x": tui.Speed1x, "4x": tui.Speed4x, "at-once": tui.SpeedAtOnce}

func newReplayCmd() *cobra.Command {
	var speed string
	var yes bool
	var hist historyFlags
	cmd := &cobra.Command{
		Use:   "replay FILE.json",
		Short: "Draw a kept run again in the TUI, as it happened, then its results",
		Long: `replay opens the run view of a kept run (see perflab runs) and draws it again from
its timeline, the snapshots the run published: the same graphs, table and progress, at
the speed it ran (1x), four times faster (4x) or at once, then its results. x changes the
speed as it plays; esc stops. A result of perflab run --format json -o has no timeline:
its results show at once.

r on the results races the run again, live. A kept run of your own commands (own/exec,
own/http, own/python) would run the commands stored in the file: perflab shows them and
asks first, unless --yes.`,
		Example: `  perflab replay $(perflab runs --format paths | head -1)
  perflab replay run.json --speed 4x`,
		Args: exactArgs(1, "one kept run, FILE.json (see perflab runs)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, ok := replaySpeeds[speed]
			if !ok {
				return usage("--speed must be 1x, 4x or at-once, got %q", speed)
			}
			saved, err := runs.Load(args[0])
			if err != nil {
				return usageError{err}
			}
			// Said before the TUI opens, and seen once it closes; the
			// results' why says it too.
			warnProfiles(cmd.ErrOrStderr(), args[0], saved)
			return runTUIWith(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), hist, tui.Options{Replay: saved, ReplaySpeed: s, Yes: yes})
		},
	}
	cmd.Flags().StringVar(&speed, "speed", "1x", "replay speed: 1x, 4x or at-once")
	cmd.Flags().BoolVar(&yes, "yes", false, "run the file's commands when raced again, without asking")
	hist.addFlags(cmd.Flags())
	return cmd
}
