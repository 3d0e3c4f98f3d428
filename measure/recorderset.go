package measure

import "runtime"

// maxOwnedRecorders is how many goroutines of one subject get a recorder
// each. A recorder holds histograms of some 270 kB, so 64 of them take about
// 17 MB; past that, as for a thousand goroutines with one request each, the
// goroutines share a few recorders.
const maxOwnedRecorders = 64

// RecordersFor is how many recorders a Drive subject whose work runs on
// goroutines goroutines asks the engine for: one each while that stays
// small, enough to share otherwise (see PoolSize).
func RecordersFor(goroutines int) int {
	if goroutines <= maxOwnedRecorders {
		return max(1, goroutines)
	}
	return PoolSize(goroutines)
}

// PoolSize is how many recorders goroutines that share them need: enough
// that goroutines on every CPU seldom wait for one, and never more than
// goroutines.
func PoolSize(goroutines int) int { return max(1, min(goroutines, 2*runtime.GOMAXPROCS(0))) }

// A RecorderSet is how the goroutines of a Drive subject record. With a
// recorder for each goroutine, goroutine w records into its own, which keeps
// the hot path free of locks, channels and atomic writes. With fewer
// recorders than goroutines each record borrows one from a pool, after its
// clock has stopped, so that only one goroutine at a time records into a
// recorder; the borrow costs a channel hand-over, outside the timed region.
type RecorderSet struct {
	own  []*Recorder
	pool recorderPool
}

// NewRecorderSet returns the set for goroutines goroutines recording into
// recs, the recorders the engine gave a subject that asked for
// RecordersFor(goroutines).
func NewRecorderSet(recs []*Recorder, goroutines int) RecorderSet {
	if len(recs) >= goroutines {
		return RecorderSet{own: recs}
	}
	return RecorderSet{pool: newRecorderPool(recs)}
}

// Owned reports whether every goroutine has a recorder of its own.
func (s RecorderSet) Owned() bool { return s.own != nil }

// Record records, for goroutine w, one operation that started at start, a
// reading of Now.
func (s RecorderSet) Record(w int, start int64) {
	if s.own != nil {
		s.own[w].RecordSince(start)
		return
	}
	s.pool.Record(start)
}

// RecordN records, for goroutine w, n operations whose mean took ns
// nanoseconds.
func (s RecorderSet) RecordN(w int, ns, n int64) {
	if s.own != nil {
		s.own[w].RecordN(ns, n)
		return
	}
	s.pool.RecordN(ns, n)
}

// Fail counts, for goroutine w, one failed operation and keeps its message.
func (s RecorderSet) Fail(w int, err error) {
	if s.own != nil {
		s.own[w].Fail(err)
		return
	}
	s.pool.Fail(err)
}

// Worker returns goroutine w's view of the set, for code that records
// without knowing its index.
func (s RecorderSet) Worker(w int) WorkerRecorder { return WorkerRecorder{s, w} }

// A WorkerRecorder records for one goroutine of a RecorderSet.
type WorkerRecorder struct {
	set RecorderSet
	w   int
}

// Record records one operation that started at start, a reading of Now.
func (r WorkerRecorder) Record(start int64) { r.set.Record(r.w, start) }

// Fail counts one failed operation and keeps its message.
func (r WorkerRecorder) Fail(err error) { r.set.Fail(r.w, err) }

// A recorderPool lends a few recorders to many goroutines, one borrower at a
// time: the channel's hand-over orders one borrower's records before the
// next one's.
type recorderPool chan *Recorder

// newRecorderPool returns a pool of recs.
func newRecorderPool(recs []*Recorder) recorderPool {
	p := make(recorderPool, len(recs))
	for _, r := range recs {
		p <- r
	}
	return p
}

// Record records one operation that started at start, a reading of Now. The
// clock is read before the borrow, so a wait for a recorder is not timed.
func (p recorderPool) Record(start int64) {
	end := Now()
	r := <-p
	r.Record(end - start)
	p <- r
}

// RecordN records n operations whose mean took ns nanoseconds.
func (p recorderPool) RecordN(ns, n int64) {
	r := <-p
	r.RecordN(ns, n)
	p <- r
}

// Fail counts one failed operation and keeps its message, which the results
// show.
func (p recorderPool) Fail(err error) {
	r := <-p
	r.Fail(err)
	p <- r
}
