// Package datastruct is lab 2 of perflab: Big O stings.
package datastruct

import "github.com/perflab/perflab/labs/lab"

// New returns the data-structures lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    2,
		ID:        "data-structures",
		Title:     "Big O stings",
		Workloads: []*lab.Workload{membership()},
		Lesson: `The right data structure beats any amount of tuning. Looking up a key by scanning a slice costs time in proportion to its length, O(n); a sorted slice with binary search costs O(log n); a hash map costs about the same whatever its size, O(1). At ten elements the difference hides in the noise; at ten thousand it is a factor of hundreds.

Predict how many times faster the map is than the scan at your n, then run it. Sweep n to draw growth curves: the slope of each curve on a log-log plot is the exponent of its Big O.`,
	}
}
