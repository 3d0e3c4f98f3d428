// Package recpool shares a few recorders among many goroutines. A recorder
// holds a histogram of some 270 kB, so a strategy with a thousand goroutines
// cannot have one each; instead each goroutine borrows one for the moment it
// records, which keeps the engine's rule that only one goroutine at a time
// records into a recorder.
package recpool

import (
	"runtime"

	"github.com/perflab/perflab/measure"
)

// Size is how many recorders a strategy asks the engine for: enough that
// goroutines on every CPU seldom wait for one, and never more than
// goroutines.
func Size(goroutines int) int { return max(1, min(goroutines, 2*runtime.GOMAXPROCS(0))) }

// A Pool lends out recorders. The channel's hand-over orders one borrower's
// records before the next one's.
type Pool chan *measure.Recorder

// New returns a pool of recs.
func New(recs []*measure.Recorder) Pool {
	p := make(Pool, len(recs))
	for _, r := range recs {
		p <- r
	}
	return p
}

// Record records one operation that started at start, a reading of
// measure.Now.
func (p Pool) Record(start int64) {
	end := measure.Now()
	r := <-p
	r.Record(end - start)
	p <- r
}

// RecordN records n operations whose mean took ns nanoseconds.
func (p Pool) RecordN(ns, n int64) {
	r := <-p
	r.RecordN(ns, n)
	p <- r
}

// Fail counts one failed operation and keeps its message, which the
// results show.
func (p Pool) Fail(err error) {
	r := <-p
	r.Fail(err)
	p <- r
}
