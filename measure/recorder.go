package measure

import (
	"runtime"
	"sync/atomic"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// Histogram bounds: 1 ns to one hour at three significant digits, which keeps
// percentiles within 0.1 % of the recorded value.
const (
	lowestNs  = 1
	highestNs = int64(3600e9)
	sigFigs   = 3
)

// NewHistogram returns an empty histogram with the engine's bounds.
func NewHistogram() *hdrhistogram.Histogram {
	return hdrhistogram.New(lowestNs, highestNs, sigFigs)
}

// A Recorder collects the latencies of one worker goroutine. Only that
// goroutine records into it; the engine's collector swaps its histogram for a
// spare one every interval without taking a lock.
//
// Recording is a sequence bump, RecordValue and a second bump: an odd
// sequence means a record is in progress. After a swap the collector waits for
// an odd sequence to change, which is at most one record, before it reads the
// histogram it took away.
type Recorder struct {
	_    [64]byte // keep seq and hist off the previous recorder's cache line
	seq  atomic.Uint64
	hist atomic.Pointer[hdrhistogram.Histogram]
	errs atomic.Int64
	_    [64]byte
}

func newRecorder() *Recorder {
	r := &Recorder{}
	r.hist.Store(NewHistogram())
	return r
}

// Record records one operation that took ns nanoseconds.
func (r *Recorder) Record(ns int64) {
	r.seq.Add(1)
	_ = r.hist.Load().RecordValue(clamp(ns))
	r.seq.Add(1)
}

// RecordN records n operations whose mean took ns nanoseconds: a batch.
func (r *Recorder) RecordN(ns, n int64) {
	r.seq.Add(1)
	_ = r.hist.Load().RecordValues(clamp(ns), n)
	r.seq.Add(1)
}

// RecordSince records one operation that started at start, a reading of Now.
func (r *Recorder) RecordSince(start int64) { r.Record(Now() - start) }

// Error counts one failed operation. Failed operations are counted apart and
// not recorded as latencies.
func (r *Recorder) Error() { r.errs.Add(1) }

// swap replaces the recorder's histogram with spare and returns the old one
// once no record into it can still be in progress.
func (r *Recorder) swap(spare *hdrhistogram.Histogram) *hdrhistogram.Histogram {
	old := r.hist.Swap(spare)
	if s := r.seq.Load(); s&1 == 1 {
		for r.seq.Load() == s {
			// A record into old is in flight; it ends within one RecordValue.
			runtime.Gosched()
		}
	}
	return old
}

// clamp keeps a value inside the histogram's trackable range, so that a
// record never fails: 0 ns (a coarse clock) counts as 1 ns and anything past
// an hour as an hour.
func clamp(ns int64) int64 {
	switch {
	case ns < lowestNs:
		return lowestNs
	case ns > highestNs:
		return highestNs
	}
	return ns
}
