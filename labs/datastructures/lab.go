// Package datastructures is lab 2 of perflab: Big O stings.
package datastructures

import "github.com/perflab/perflab/labs/lab"

// New returns the data-structures lab.
func New() *lab.Lab {
	return &lab.Lab{
		Number:    2,
		ID:        "data-structures",
		Title:     "Big O stings",
		Workloads: []*lab.Workload{membership(), queueWorkload(), stringsWorkload()},
		Lesson: `The right data structure beats any amount of tuning. Looking up a key by scanning a slice costs time in proportion to its length, O(n); a sorted slice with binary search costs O(log n); a hash map costs about the same whatever its size, O(1). At ten elements the difference hides in the noise; at ten thousand it is a factor of hundreds.

Three workloads show it: membership (is this key in the set?), a first-in first-out queue (pop the front of a slice, a ring buffer, a linked list) and building a string piece by piece (+=, strings.Builder, bytes.Buffer).

Predict how many times faster the better structure is at your n, then run it. Then sweep n (for example n=16,256,4096,65536) to draw growth curves: ns/op against n, both on log scales. On such a plot a cost of c·n^k is a straight line of slope k, so perflab fits that slope and shows it as each strategy's exponent: near 0 for O(1), near 1 for O(n), near 2 for O(n²); O(log n) comes out small but above 0. Constants decide who wins at small n; the exponent decides who wins at large n, and by how much more each time n grows.`,
	}
}
