package threads

import (
	"sync"
	"time"
)

// spin does iters rounds of a xorshift generator and returns its state: pure
// computation on one core, touching no memory, whose result the caller
// keeps so that the compiler cannot drop the loop.
func spin(iters int, seed uint64) uint64 {
	x := seed | 1
	for range iters {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

// itersPerUs is how many rounds of spin take a microsecond on this machine,
// measured once per process.
var itersPerUs = sync.OnceValue(func() float64 {
	const n = 1 << 16
	best := time.Duration(1<<63 - 1)
	// The best of five, so that one preemption does not decide.
	for i := range 5 {
		t0 := time.Now()
		sink.Store(spin(n, uint64(i)))
		best = min(best, time.Since(t0))
	}
	return n / max(float64(best)/1e3, 1e-3)
})

// itersFor returns the rounds of spin that take about d on one core.
func itersFor(d time.Duration) int {
	return int(float64(d) / 1e3 * itersPerUs())
}
