package measure

// Verdict is the outcome of comparing a subject with the baseline.
type Verdict string

// The verdicts.
const (
	Faster       Verdict = "faster"
	Slower       Verdict = "slower"
	Same         Verdict = "same"
	Inconclusive Verdict = "inconclusive"
)

// A Comparison is a subject measured against the baseline.
type Comparison struct {
	// Speedup is the baseline's median ns/op over the subject's: above 1
	// the subject is faster. SpeedupLo and SpeedupHi bound it.
	Speedup   float64 `json:"speedup"`
	SpeedupLo float64 `json:"speedup_lo"`
	SpeedupHi float64 `json:"speedup_hi"`
	// Delta is the change in ns/op from the baseline, "-97.10%", or "~".
	Delta   string  `json:"delta"`
	P       float64 `json:"p"`
	N       [2]int  `json:"n"`
	Verdict Verdict `json:"verdict"`
	// Reason says why a verdict is inconclusive.
	Reason string `json:"reason"`
}

// PlusMinus returns the half-width of the speedup's interval, for "31.2x ±
// 0.4".
func (c *Comparison) PlusMinus() float64 { return (c.SpeedupHi - c.SpeedupLo) / 2 }
