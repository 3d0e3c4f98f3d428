// Package measuring is lab 1 of perflab: Measure, or you are buying the mechanic's quiet oil.
package measuring

import "github.com/perflab/perflab/labs/lab"

// New returns the measure lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number: 1,
		ID:     "measure",
		Title:  "Measure, or you are buying the mechanic's quiet oil",
		Lesson: `A mechanic once sold a driver a bottle of oil that made the engine run quieter. It was the same oil. Performance work is full of quiet oil: changes that feel faster and are not. Before you believe a speed-up, measure it, more than once, against the code it replaces, and ask whether the difference is larger than the noise.

This lab runs a baseline, a placebo (the very same code under another name) and a real fix, interleaved and repeated. Predict the verdicts before you run it. The placebo must come out "~" (no difference): if your method says the placebo is faster, your method is broken, not your code. Read a verdict as a ratio with its uncertainty, the p-value of the test and the number of repetitions behind it. Turn up the noise and watch the intervals widen until even the real fix becomes "inconclusive".`,
	}
}
