package measure

// Verdict is the outcome of comparing a subject with the baseline.
type Verdict string

// The verdicts. Every comparison follows the same rules: Faster or Slower
// when the difference is significant at α, which is when the speedup's
// interval excludes 1; Same ("~") when that interval lies inside ±margin,
// so that "no difference" means no difference larger than the margin;
// Inconclusive otherwise, with the reason and what would decide it.
const (
	Faster       Verdict = "faster"
	Slower       Verdict = "slower"
	Same         Verdict = "same"
	Inconclusive Verdict = "inconclusive"
)

// A Comparison is a subject measured against the baseline.
type Comparison struct {
	// Speedup is the baseline's time over the subject's: above 1 the
	// subject is faster. SpeedupLo and SpeedupHi bound it: they are the
	// interval that decided the verdict, and both 0 while too few rounds
	// have run to bound it.
	Speedup   float64 `json:"speedup"`
	SpeedupLo float64 `json:"speedup_lo"`
	SpeedupHi float64 `json:"speedup_hi"`
	// Delta is the change in ns/op from the baseline, "-47.10%", or "~"
	// unless the subject is faster or slower; the JSON contract writes "?"
	// for an inconclusive one (see report.WriteJSON).
	Delta string `json:"delta"`
	// P is the p-value of "no difference": below α exactly when the
	// interval excludes 1.
	P       float64 `json:"p"`
	N       [2]int  `json:"n"`
	Verdict Verdict `json:"verdict"`
	// Reason says why a verdict is inconclusive, and what would decide it,
	// in the command line's words: measure/report writes it from Why, and
	// a run saved before Why existed keeps its own.
	Reason string `json:"reason"`
	// Why is the reason as a kind and its figures, nil for a plain verdict.
	Why *Why `json:"why,omitempty"`
	// Margin is the equivalence margin of "~": 0.05 is ±5 %.
	Margin float64 `json:"margin"`
	// Method names the statistics behind the interval and p.
	Method string `json:"method"`
	// Decided says the rules reached a verdict: a run stops once all its
	// comparisons are decided and their speedups known within the margin.
	Decided bool `json:"decided"`
	// DecidedRound is the round that decided the verdict, 0 while
	// undecided. A faster or slower verdict stands from then on while later
	// rounds narrow its interval, which stays clear of 1; rounds that
	// contradict it, until no single speedup fits them all, make it
	// inconclusive (a drift), decided at the round that showed it.
	DecidedRound int `json:"decided_round,omitempty"`
	// Precise says the speedup's interval is within ±margin of it: a run
	// goes on past a faster or slower verdict until it is.
	Precise bool `json:"precise"`
	// Noise is the spread of one round's log ratio (one repetition's log
	// ns/op when unpaired), a robust standard deviation: 0.07 is ±7 %.
	Noise float64 `json:"noise"`
	// MoreRounds estimates how many more rounds (repetitions in each run,
	// when unpaired) would decide an undecided comparison, or make a decided
	// one precise, at this noise; -1 when no practical number would.
	MoreRounds int `json:"more_rounds,omitempty"`
	// Block is the number of rounds of one observation: each pair of
	// fresh instances served a block of rounds, and only blocks are
	// independent (see Subject.Fresh). N counts observations. 0 or 1 is
	// one observation a round.
	Block int `json:"block,omitempty"`
	// InstanceSpread is how much fresh instances of one strategy differ,
	// a robust standard deviation of log ns/op (0.03 is ±3 %), estimated
	// from how the per-block ratios spread beyond the rounds' own noise;
	// nil when the subjects were not built afresh, or too few blocks ran
	// to tell. A load on the machine that changes over seconds and moves
	// the ratio counts in it too: only a quiet machine tells instances
	// apart from it. The interval already covers both.
	InstanceSpread *float64 `json:"instance_spread,omitempty"`
}

// PlusMinus returns the half-width of the interval that decided, for "1.31x
// faster ± 0.04".
func (c *Comparison) PlusMinus() float64 { return (c.SpeedupHi - c.SpeedupLo) / 2 }

// SlowdownPlusMinus returns the half-width of the same interval turned
// over, for "1.31x slower ± 0.04": the subject's time over the baseline's.
func (c *Comparison) SlowdownPlusMinus() float64 {
	if c.SpeedupLo <= 0 || c.SpeedupHi <= 0 {
		return 0
	}
	return (1/c.SpeedupLo - 1/c.SpeedupHi) / 2
}
