package measure

import "runtime"

// A RecorderPool shares a few recorders among many goroutines. A recorder
// holds a histogram of some 270 kB, so a strategy with a thousand goroutines
// cannot have one each; instead each goroutine borrows one for the moment it
// records, after its clock has stopped, which keeps the rule that only one
// goroutine at a time records into a recorder. A pool of k goroutines owns k
// recorders instead and needs no pool.

// PoolSize is how many recorders a strategy asks the engine for: enough that
// goroutines on every CPU seldom wait for one, and never more than
// goroutines.
func PoolSize(goroutines int) int { return max(1, min(goroutines, 2*runtime.GOMAXPROCS(0))) }

// The channel's hand-over orders one borrower's records before the next one's.
type RecorderPool chan *Recorder

// NewRecorderPool returns a pool of recs.
func NewRecorderPool(recs []*Recorder) RecorderPool {
	p := make(RecorderPool, len(recs))
	for _, r := range recs {
		p <- r
	}
	return p
}

// Record records one operation that started at start, a reading of
// Now.
func (p RecorderPool) Record(start int64) {
	end := Now()
	r := <-p
	r.Record(end - start)
	p <- r
}

// RecordN records n operations whose mean took ns nanoseconds.
func (p RecorderPool) RecordN(ns, n int64) {
	r := <-p
	r.RecordN(ns, n)
	p <- r
}

// Fail counts one failed operation and keeps its message, which the
// results show.
func (p RecorderPool) Fail(err error) {
	r := <-p
	r.Fail(err)
	p <- r
}
