package measure

import (
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

// A Recorder collects the latencies of one worker goroutine. Only one
// goroutine at a time records into it.
//
// Recording takes no lock, allocates nothing, sends on no channel and makes
// no atomic write: it loads one flag and records into a histogram only the
// recording goroutine touches. (A sequence counter bumped around each record
// would cost two locked instructions, about 14 ns on the machines this was
// measured on, more than the whole 10 ns budget; see BenchmarkRecord.)
//
// The collector instead asks for the histogram: it leaves a spare in next and
// raises req; at its next record the recording goroutine switches to the
// spare and leaves the full histogram in out, where the collector takes it at
// its following tick. Live figures therefore trail by one interval. At the
// end of a repetition, once its goroutines have returned, the collector takes
// everything directly, so every repetition's totals are exact.
type Recorder struct {
	_ [64]byte // keep the hot fields off the previous recorder's cache line
	// cur is the histogram records go into; only the recording goroutine
	// touches it while a repetition runs.
	cur *hdrhistogram.Histogram
	// req asks the recording goroutine to hand cur over.
	req atomic.Bool
	// next is the spare to switch to; out is where the full one is left.
	next, out atomic.Pointer[hdrhistogram.Histogram]
	errs      atomic.Int64
	// firstErr is the first error given to Fail, shown with the result.
	firstErr atomic.Pointer[error]
	_        [64]byte
}

func newRecorder() *Recorder { return &Recorder{cur: NewHistogram()} }

// NewRecorder returns a recorder for code that drives a subject without the
// engine, such as a lab's benchmark; the engine makes its own.
func NewRecorder() *Recorder { return newRecorder() }

// Record records one operation that took ns nanoseconds.
func (r *Recorder) Record(ns int64) {
	if r.req.Load() {
		r.handOver()
	}
	_ = r.cur.RecordValue(clamp(ns))
}

// RecordN records n operations whose mean took ns nanoseconds: a batch.
func (r *Recorder) RecordN(ns, n int64) {
	if r.req.Load() {
		r.handOver()
	}
	_ = r.cur.RecordValues(clamp(ns), n)
}

// RecordSince records one operation that started at start, a reading of Now.
func (r *Recorder) RecordSince(start int64) { r.Record(Now() - start) }

// Error counts one failed operation. Failed operations are counted apart and
// not recorded as latencies.
func (r *Recorder) Error() { r.errs.Add(1) }

// Fail counts one failed operation, as Error does, and keeps err if it is the
// recorder's first, so that the result says why operations failed and not
// only how many.
func (r *Recorder) Fail(err error) {
	r.errs.Add(1)
	if err != nil && r.firstErr.Load() == nil {
		r.firstErr.CompareAndSwap(nil, &err)
	}
}

// handOver switches to the collector's spare and leaves the full histogram
// for it. It runs on the recording goroutine, once per collector request.
func (r *Recorder) handOver() {
	full := r.cur
	r.cur = r.next.Swap(nil)
	r.out.Store(full)
	r.req.Store(false)
}

// poll is the collector's side while the recording goroutine may run: it
// takes the histogram handed over since its last request, if any, and asks
// for the next one, leaving spare. It returns the histogram taken and
// whether spare was used.
func (r *Recorder) poll(spare *hdrhistogram.Histogram) (taken *hdrhistogram.Histogram, used bool) {
	if r.req.Load() {
		// The last request is still open: the recorder is idle or
		// inside a long operation. Nothing to take yet.
		return nil, false
	}
	taken = r.out.Swap(nil)
	r.next.Store(spare)
	r.req.Store(true)
	return taken, true
}

// takeAll moves everything the recorder holds into into, once no goroutine
// records into it, and returns the spares it held to free. It leaves the
// recorder with an empty histogram and no request open.
func (r *Recorder) takeAll(into *hdrhistogram.Histogram) (free []*hdrhistogram.Histogram) {
	if h := r.out.Swap(nil); h != nil {
		into.Merge(h)
		h.Reset()
		free = append(free, h)
	}
	if h := r.next.Swap(nil); h != nil {
		free = append(free, h)
	}
	r.req.Store(false)
	if r.cur.TotalCount() > 0 {
		into.Merge(r.cur)
		r.cur.Reset()
	}
	return free
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
