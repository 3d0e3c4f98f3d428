// Package measuring is lab 1 of perflab: Measure, or you are buying the
// mechanic's quiet oil.
package measuring

import "github.com/perflab/perflab/labs/lab"

// New returns the measure lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    1,
		ID:        "measure",
		Title:     "Measure, or you are buying the mechanic's quiet oil",
		Workloads: []*lab.Workload{sortOrders()},
		Lesson: `A mechanic once sold a driver a bottle of oil that made the engine run quieter. It was the same oil. Performance work is full of quiet oil: changes that feel faster and are not. Before you believe a speed-up, measure it, more than once, against the code it replaces, and ask whether the difference is larger than the noise.

This lab runs a baseline, a placebo (the very same code under another name) and a real fix, interleaved (A B C A B C ...) so that a machine that drifts touches all three alike, and repeated: the first round is a discarded warm-up. Predict the verdicts before you run it.

How to read a verdict: "1.98x faster ± 0.06" is the ratio of the baseline's median time to the strategy's, with the half-width of its 95% interval. p is the chance of a difference at least this large if the two were really the same (Mann-Whitney U test); below 0.05 the difference is called real. n=10+10 is the number of repetitions behind it: below 6 no interval can be computed and the verdict is "inconclusive". "~" means no difference was found and the intervals were narrow enough that one would have been seen. "inconclusive" means the measurement cannot tell: too few repetitions, failures, or intervals too wide.

The placebo must come out "~". If your method says the placebo is faster, your method is broken, not your code; and with p < 0.05 as the line, one run in twenty will say so by chance, which is why a surprising result is run again before it is believed. Turn up the noise and watch the intervals widen until even the real fix becomes "inconclusive".`,
	}
}
