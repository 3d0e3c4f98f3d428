package own

import "github.com/perflab/perflab/measure"

// The exec race's figures of how a command was started, declared once for
// every reader (see measure.Metric): what each means, which the notes say.
var (
	_ = measure.DeclareMetric(measure.Metric{Name: "through_shell",
		Meaning: "1 for a command run through sh -c, which it needs (a pipeline, a redirection, an expansion, a built-in), 0 for one started directly, without a shell"})
	_ = measure.DeclareMetric(measure.Metric{Name: "shell_subtracted_ns", Unit: "ns",
		Meaning: "the shell's start-up (the mean of sh -c '' timed before the race), taken off every run of a command run through sh -c, as hyperfine does: its times, percentiles and ratios are of the command, not the shell"})
	_ = measure.DeclareMetric(measure.Metric{Name: "cut_short_runs",
		Meaning: "runs of the command (or of its prepare command) still running when the run ended, by a cancel or its time bound: each was stopped with its whole process group and counts nowhere"})
)
