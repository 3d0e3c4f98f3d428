// Package benchmod is the example perflab bench races: its two revisions
// differ only in size.go, where the second does 10 % more of the same work.
package benchmod

// Work runs a chain of n dependent steps, so that its time grows with n
// and nothing can overlap or skip a step.
func Work(n int) uint64 {
	x := uint64(1)
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
		x ^= x >> 29
	}
	return x
}
