package own

import "github.com/perflab/perflab/measure"

// The exec race's figures, declared once for every reader (see
// measure.Metric): the label and unit the notes word each with ("CPU sys
// 4.62ms", "peak RSS 19.3 MiB"), and what it means where the label alone
// does not say.
var (
	_ = measure.DeclareMetric(measure.Metric{Name: "through_shell",
		Meaning: "1 for a command run through sh -c, which it needs (a pipeline, a redirection, an expansion, a built-in), 0 for one started directly, without a shell"})
	_ = measure.DeclareMetric(measure.Metric{Name: "start_process_ns", Label: "process start", Unit: "ns"})
	_ = measure.DeclareMetric(measure.Metric{Name: "start_shell_ns", Label: "shell start", Unit: "ns"})
	_ = measure.DeclareMetric(measure.Metric{Name: "exit_failures", Label: "failed runs", Better: measure.Lower})
	_ = measure.DeclareMetric(measure.Metric{Name: "cpu_user_ns", Label: "CPU user", Unit: "ns", Better: measure.Lower})
	_ = measure.DeclareMetric(measure.Metric{Name: "cpu_sys_ns", Label: "CPU sys", Unit: "ns", Better: measure.Lower})
	_ = measure.DeclareMetric(measure.Metric{Name: "peak_rss_bytes", Label: "peak RSS", Unit: "B", Better: measure.Lower})
	_ = measure.DeclareMetric(measure.Metric{Name: "mean_peak_rss_bytes", Label: "mean peak RSS", Unit: "B", Better: measure.Lower})
	_ = measure.DeclareMetric(measure.Metric{Name: "peak_rss_floor_bytes", Label: "RSS floor", Unit: "B",
		Meaning: "perflab's own peak memory when the race began: on Linux a command's peak reads at least this, so a peak equal to it means at most that much"})
	_ = measure.DeclareMetric(measure.Metric{Name: "shell_subtracted_ns", Label: "shell subtracted", Unit: "ns",
		Meaning: "the shell's start-up (the mean of sh -c '' timed before the race), taken off every run of a command run through sh -c, as hyperfine does: its times, percentiles and ratios are of the command, not the shell"})
	_ = measure.DeclareMetric(measure.Metric{Name: "cut_short_runs",
		Meaning: "runs of the command (or of its prepare command) still running when the run ended, by a cancel or its time bound: each was stopped with its whole process group and counts nowhere"})
)
