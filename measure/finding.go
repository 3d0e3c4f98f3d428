package measure

// A Knob is a setting a person can change to act on a finding: more rounds,
// an arrival rate. The engine names the knob; each front end words it in its
// own terms, the command line as a flag ("--reps"), the TUI as the field of
// its set-up, so that no message built here names either.
type Knob string

// The knobs a finding or a reason may point to.
const (
	// KnobReps is the fixed number of measured rounds.
	KnobReps Knob = "reps"
	// KnobMaxTime is the time budget of a run that goes on until decided.
	KnobMaxTime Knob = "max_time"
	// KnobRate is the open-loop arrival rate.
	KnobRate Knob = "rate"
	// KnobDuration is the time bound of one repetition.
	KnobDuration Knob = "duration"
)

// FindingKind says what a Finding is about.
type FindingKind string

// The kinds of finding. Each names the figures of Finding it fills.
const (
	// FindingFailures: Count of Of operations failed, with the distinct
	// messages (at most five) in Causes.
	FindingFailures FindingKind = "failures"
	// FindingOutliers: Count repetitions with a modified Z-score above 3.5.
	FindingOutliers FindingKind = "outliers"
	// FindingBatched: timed in batches of Batch operations, so that the
	// percentiles are of batch means.
	FindingBatched FindingKind = "batched"
	// FindingBusyWorkers: Workers busy goroutines on CPUs CPUs, so that
	// latency includes waiting for a CPU.
	FindingBusyWorkers FindingKind = "busy_workers"
	// FindingStall: a closed loop's stall of StallNs held back the
	// operations behind it (coordinated omission). Knob is KnobRate when
	// an arrival rate would show it; SelfPaced when the strategy runs its
	// own goroutines and no rate can pace it.
	FindingStall FindingKind = "coordinated_omission"
	// FindingRateMissed: an open loop achieved AchievedRate of its
	// TargetRate.
	FindingRateMissed FindingKind = "rate_missed"
	// FindingTooFewRounds: a fixed design of Rounds rounds, fewer than the
	// Need its interval needs at Alpha; Knob is KnobReps.
	FindingTooFewRounds FindingKind = "too_few_rounds"
	// FindingNoise: the machine's Noise per Per ("round" or "repetition")
	// needs about Need rounds of the run's design to see a difference of
	// Margin (-1: no practical number would), with what the probe saw
	// busy beside the run (BusyShare, StealShare).
	FindingNoise FindingKind = "noise"
	// FindingCut: Count operations in flight when a repetition of RepNs
	// reached its bound (or the run its budget) were cut short, the
	// longest after running OpNs; they count nowhere.
	FindingCut FindingKind = "cut_at_bound"
	// FindingLongOp: Count operations each took longer than the
	// repetition of RepNs they ran in, the longest OpNs, so that each such
	// repetition lasted as long as its operation. Uninterruptible says the
	// engine could not cut them (one Go call runs to its end); Knob is
	// KnobDuration.
	FindingLongOp FindingKind = "operation_outlasts_repetition"
	// FindingStartSkew: in Count of Of measured repetitions, load
	// generators meant to start together started further apart than
	// the ToleranceNs promised, the widest by SkewNs, so that their loads
	// overlapped for less of each repetition than asked.
	FindingStartSkew FindingKind = "start_skew"
)

// A Finding is something a reader of a result should know before trusting
// it, as a kind and its figures: the words are the front end's (see
// measure/report). Only the figures its kind names are set.
type Finding struct {
	Kind         FindingKind `json:"kind"`
	Count        int64       `json:"count,omitempty"`
	Of           int64       `json:"of,omitempty"`
	Causes       []string    `json:"causes,omitempty"`
	Batch        int         `json:"batch,omitempty"`
	Workers      int         `json:"workers,omitempty"`
	CPUs         int         `json:"cpus,omitempty"`
	StallNs      int64       `json:"stall_ns,omitempty"`
	SelfPaced    bool        `json:"self_paced,omitempty"`
	TargetRate   float64     `json:"target_rate,omitempty"`
	AchievedRate float64     `json:"achieved_rate,omitempty"`
	Rounds       int         `json:"rounds,omitempty"`
	Need         int         `json:"need,omitempty"`
	Alpha        float64     `json:"alpha,omitempty"`
	Noise        float64     `json:"noise,omitempty"`
	Per          string      `json:"per,omitempty"`
	Margin       float64     `json:"margin,omitempty"`
	BusyShare    float64     `json:"busy_share,omitempty"`
	StealShare   float64     `json:"steal_share,omitempty"`
	OpNs         int64       `json:"op_ns,omitempty"`
	RepNs        int64       `json:"rep_ns,omitempty"`
	// Uninterruptible: see FindingLongOp.
	Uninterruptible bool `json:"uninterruptible,omitempty"`
	Knob            Knob `json:"knob,omitempty"`
	// SkewNs and ToleranceNs: see FindingStartSkew.
	SkewNs      int64 `json:"skew_ns,omitempty"`
	ToleranceNs int64 `json:"tolerance_ns,omitempty"`
}

// WhyKind says why a comparison is not plain.
type WhyKind string

// The kinds of reason. Each names the figures of Why it fills, beside the
// comparison's own (N, Margin, Noise, MoreRounds).
const (
	// WhyNoRound: no round (no repetition, unpaired) finished.
	WhyNoRound WhyKind = "no_round"
	// WhyTooFewRounds: Rounds rounds, fewer than the Need the interval
	// needs at Alpha (unpaired: N[0] and N[1] repetitions, Need unknown).
	WhyTooFewRounds WhyKind = "too_few_rounds"
	// WhyWide: the interval Lo–Hi is neither inside ±Margin nor clear of 1.
	WhyWide WhyKind = "wide"
	// WhyDrift: the speedup drifted during the run, so that no single
	// speedup fits every round.
	WhyDrift WhyKind = "drift"
	// WhyFailures: Failed operations of the subject and the baseline
	// failed, and a fast failure is not a fast operation.
	WhyFailures WhyKind = "failures"
)

// Ending says how a run whose comparison is undecided ended.
type Ending string

const (
	// EndStopped: the person (or a cancelled context) stopped the run.
	EndStopped Ending = "stopped"
	// EndBudget: a run that goes on until decided spent its BudgetNs.
	EndBudget Ending = "budget"
)

// Why is the reason a comparison is inconclusive, or a decided one is
// not precise, as a kind and its figures; what would decide it is the
// comparison's MoreRounds at its Noise, Per round or repetition, by turning
// Knob. The words are the front end's (see measure/report).
type Why struct {
	Kind   WhyKind `json:"kind"`
	Rounds int     `json:"rounds,omitempty"`
	Need   int     `json:"need,omitempty"`
	Alpha  float64 `json:"alpha,omitempty"`
	Lo     float64 `json:"lo,omitempty"`
	Hi     float64 `json:"hi,omitempty"`
	Failed int64   `json:"failed,omitempty"`
	// Ended says how the run ended while this comparison was undecided,
	// after EndRound rounds, with a budget of BudgetNs.
	Ended    Ending `json:"ended,omitempty"`
	EndRound int    `json:"end_round,omitempty"`
	BudgetNs int64  `json:"budget_ns,omitempty"`
	// Per is what MoreRounds counts: "round" for a paired run,
	// "repetition" (in each run) for two runs compared.
	Per  string `json:"per,omitempty"`
	Knob Knob   `json:"knob,omitempty"`
}
