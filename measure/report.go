package measure

import (
	"time"

	"github.com/perflab/perflab/measure/profile"
)

// Schema names the version of the JSON result format.
const Schema = "perflab/result/v1"

// A Report is the outcome of one run: every subject's result, compared with
// the first subject, the baseline. It is the JSON contract for scripts and
// saved runs: fields are added, never renamed, and times are nanoseconds.
type Report struct {
	Schema   string         `json:"schema"`
	Lab      string         `json:"lab,omitempty"`
	Workload string         `json:"workload,omitempty"`
	Params   map[string]any `json:"params,omitempty"`
	// Reps is the number of measured rounds run, each one repetition of
	// every strategy.
	Reps int `json:"reps"`
	// Design is "sequential" when rounds went on until every comparison
	// was decided or MaxTimeNs ended, "fixed" for a set number of rounds.
	Design    string `json:"design"`
	MaxTimeNs int64  `json:"max_time_ns,omitempty"`
	// Alpha is the comparisons' error rate; Margin their equivalence
	// margin.
	Alpha  float64 `json:"alpha"`
	Margin float64 `json:"margin"`
	// RepDurationNs is the time bound of one repetition.
	RepDurationNs int64 `json:"rep_duration_ns"`
	Workers       int   `json:"workers"`
	// Rate is the open-loop arrival rate; 0 means closed loop.
	Rate       float64   `json:"rate,omitempty"`
	Overhead   Overhead  `json:"overhead_ns"`
	Strategies []*Result `json:"strategies"`
	// Warnings are Findings in the command line's words, written by
	// measure/report; a run saved before Findings existed keeps its own.
	Warnings  []string  `json:"warnings"`
	Findings  []Finding `json:"findings,omitempty"`
	Sweep     *Sweep    `json:"sweep,omitempty"`
	Cancelled bool      `json:"cancelled,omitempty"`
	Started   time.Time `json:"started"`
	ElapsedNs int64     `json:"elapsed_ns"`
	// ProfileNs is the part of ElapsedNs the profiling rounds took, after
	// the measured rounds.
	ProfileNs int64 `json:"profile_ns,omitempty"`
	// ProfileCut says the run was stopped during its profiling rounds:
	// the measured rounds are whole, and the profiles are of the
	// profiling rounds that ran.
	ProfileCut bool `json:"profile_cut,omitempty"`
	Env        *Env `json:"env,omitempty"`
}

// Env describes the machine a run was measured on.
type Env struct {
	GoVersion  string `json:"go_version"`
	GOOS       string `json:"goos"`
	GOARCH     string `json:"goarch"`
	CPUs       int    `json:"cpus"`
	GOMAXPROCS int    `json:"gomaxprocs"`
}

// Overhead is the engine's own cost, measured when a run starts.
type Overhead struct {
	// PerOp is the cost of timing and recording one empty operation.
	PerOp float64 `json:"per_op"`
	// Batched is the cost per operation of an empty operation timed in
	// calibrated batches.
	Batched float64 `json:"batched"`
}

// A Result is one subject's outcome.
type Result struct {
	Name     string `json:"name"`
	Baseline bool   `json:"baseline,omitempty"`
	Ops      int64  `json:"ops"`
	// NsPerOp summarises the per-repetition ns/op: median and its
	// confidence interval.
	NsPerOp    Summary `json:"ns_per_op"`
	Throughput float64 `json:"throughput"`
	MeanNs     float64 `json:"mean_ns"`
	P50Ns      int64   `json:"p50_ns"`
	P90Ns      int64   `json:"p90_ns"`
	P99Ns      int64   `json:"p99_ns"`
	P999Ns     int64   `json:"p999_ns"`
	MaxNs      int64   `json:"max_ns"`
	// AllocsPerOp and BytesPerOp are heap allocations per operation of a
	// typical measured repetition (their lower median): for a Loop
	// subject from a pass of its operations alone after each repetition
	// (as testing.AllocsPerRun), for a Drive subject the whole process's
	// during the repetition. Nil when the work is done outside this
	// process.
	AllocsPerOp *float64 `json:"allocs_per_op"`
	BytesPerOp  *float64 `json:"bytes_per_op"`
	// AllocsScope says whose allocations AllocsPerOp counts: "operation"
	// for a pass of the operation alone, "process" for the whole
	// process's during the repetition, anything else it runs included.
	AllocsScope string `json:"allocs_scope,omitempty"`
	Errors      int64  `json:"errors"`
	// Warnings are Findings in the command line's words (see
	// Report.Warnings).
	Warnings []string  `json:"warnings"`
	Findings []Finding `json:"findings,omitempty"`
	// Batch is the calibrated batch size; 0 when operations are timed
	// one by one.
	Batch int `json:"batch"`
	// Reps holds every measured repetition, warm-up excluded.
	Reps []Rep `json:"reps_detail"`
	// Spectrum is latency against percentile over the measured repetitions.
	Spectrum []SpectrumPoint `json:"spectrum"`
	// Histogram is the merged latency histogram, HdrHistogram V2 encoded.
	Histogram *Histogram `json:"histogram,omitempty"`
	// Service is the open-loop service time (from the actual start),
	// beside Histogram's response time (from the intended start).
	Service *ServiceTime `json:"service,omitempty"`
	// OpenLoop counts the open loop's dispatches.
	OpenLoop *OpenLoopStats `json:"open_loop,omitempty"`
	// Instances says how many instances of the subject were measured:
	// fresh ones every block of rounds, or one for the run and why.
	Instances *Instances `json:"instances,omitempty"`
	// Metrics are the subject's own figures.
	Metrics map[string]float64 `json:"metrics,omitempty"`
	// Profile is where the strategy's time per operation went, from the
	// profiling rounds run after the measured ones; nil without them.
	Profile *profile.Summary `json:"profile,omitempty"`
	// CPUProfile is the strategy's CPU profile from those rounds, a
	// gzipped pprof file; it is written beside a kept run, not in it.
	CPUProfile []byte      `json:"-"`
	VsBaseline *Comparison `json:"vs_baseline,omitempty"`
}

// A Rep is one measured repetition.
type Rep struct {
	Ops       int64   `json:"ops"`
	ElapsedNs int64   `json:"elapsed_ns"`
	NsPerOp   float64 `json:"ns_per_op"`
	Errors    int64   `json:"errors"`
	// AllocsPerOp and BytesPerOp are heap allocations per operation; see
	// Result.AllocsPerOp.
	AllocsPerOp float64 `json:"allocs_per_op"`
	BytesPerOp  float64 `json:"bytes_per_op"`
}

// Summary is a median with its confidence interval.
type Summary struct {
	Median float64 `json:"median"`
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
}

// ServiceTime summarises open-loop service times.
type ServiceTime struct {
	P50Ns     int64      `json:"p50_ns"`
	P90Ns     int64      `json:"p90_ns"`
	P99Ns     int64      `json:"p99_ns"`
	P999Ns    int64      `json:"p999_ns"`
	MaxNs     int64      `json:"max_ns"`
	Histogram *Histogram `json:"histogram,omitempty"`
}

// OpenLoopStats counts what an open-loop dispatcher did.
type OpenLoopStats struct {
	TargetRate   float64 `json:"target_rate"`
	AchievedRate float64 `json:"achieved_rate"`
	// Late counts operations that started more than a millisecond after
	// their intended start, for want of a free worker.
	Late int64 `json:"late"`
	// Dropped counts operations never started: the queue was full or the
	// repetition ended first.
	Dropped int64 `json:"dropped"`
}
