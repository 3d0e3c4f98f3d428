package measure

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// The benchmarks below show the engine's targets: a value recorded in at
// most 10 ns, an operation timed on its own in at most 60 ns, at most 0.5 ns
// an operation in batches, and a tiny operation's ns/op within 5 % of
// testing.B's. Absolute times on a shared machine are not results: the figures that matter are the ones
// reported side by side in one run (the clock's own cost next to the
// per-op overhead, the engine next to testing.B).

// BenchmarkRecord is the cost of recording one value, clock excluded
// (target <= 10 ns).
func BenchmarkRecord(b *testing.B) {
	r := newRecorder()
	v := int64(1234)
	for b.Loop() {
		r.Record(v)
		v = v*7&0xfffff + 1
	}
}

// BenchmarkRecordValue is the histogram's own cost per value, for scale: what
// BenchmarkRecord adds on top of it is the engine's.
func BenchmarkRecordValue(b *testing.B) {
	h := NewHistogram()
	v := int64(1234)
	for b.Loop() {
		_ = h.RecordValue(v)
		v = v*7&0xfffff + 1
	}
}

// BenchmarkClock is the cost of one reading of the engine's clock, for
// scale: per-op timing takes two.
func BenchmarkClock(b *testing.B) {
	var s int64
	for b.Loop() {
		s += Now()
	}
	sinkInt.Store(s)
}

// BenchmarkPerOpTiming is the cost of timing one empty operation on its
// own: a clock pair, the call and a record (target <= 60 ns). Read it beside
// BenchmarkClock from the same run: on virtual machines one clock reading
// alone can cost tens of nanoseconds.
func BenchmarkPerOpTiming(b *testing.B) {
	ctx := context.Background()
	r := newRecorder()
	for b.Loop() {
		t0 := Now()
		_ = nop(ctx, 0, 1)
		r.Record(Now() - t0)
	}
}

// BenchmarkBatchedOverhead is the engine's cost per operation when it times
// an empty operation in calibrated batches (target <= 0.5 ns).
func BenchmarkBatchedOverhead(b *testing.B) {
	st := newSubjectState(&Subject{Name: "nop", Loop: nop}, Config{}.WithDefaults())
	if err := st.calibrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	var stop atomic.Bool
	b.ResetTimer()
	st.worker(context.Background(), 0, st.recs[0], &stop, int64(b.N))
	b.ReportMetric(float64(st.batch), "batch")
}

// mapLookups returns a Loop doing map lookups, the tiny operation that the
// engine and testing.B are compared on.
func mapLookups() func(context.Context, int, int) error {
	m := make(map[int]int, 10000)
	keys := make([]int, 4096)
	for i := range 10000 {
		m[2*i] = i
	}
	for i := range keys {
		keys[i] = (i * 7919) % 20000
	}
	var sink atomic.Int64
	next := 0 // where the next batch starts, so batches cover every key
	return func(_ context.Context, _, n int) error {
		found := 0
		for i := range n {
			if _, ok := m[keys[(next+i)&4095]]; ok {
				found++
			}
		}
		next = (next + n) & 4095
		sink.Store(int64(found))
		return nil
	}
}

// BenchmarkEngineVsTestingB measures the same tiny operation with testing.B
// and with the engine, alternating five times in one run; each engine
// sub-benchmark reports its ns/op and its ratio to the testing.B run just
// before it, and the last one the median of those ratios (target: within
// 5 %).
func BenchmarkEngineVsTestingB(b *testing.B) {
	loop := mapLookups()
	var plain float64
	var ratios []float64
	for range 5 {
		b.Run("testing.B", func(b *testing.B) {
			_ = loop(context.Background(), 0, b.N)
			plain = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		})
		b.Run("engine", func(b *testing.B) {
			// One engine run of about a second: the engine picks its
			// own batch size and repetitions, so b.N is not used.
			r, err := Start(context.Background(), Config{Reps: 10, RepDuration: 100 * time.Millisecond},
				[]*Subject{{Name: "map", Loop: loop}})
			if err != nil {
				b.Fatal(err)
			}
			for range r.Snapshots() {
			}
			rep, err := r.Wait()
			if err != nil {
				b.Fatal(err)
			}
			e := rep.Strategies[0].NsPerOp.Median
			ratios = append(ratios, e/plain)
			b.ReportMetric(e, "ns/op")
			b.ReportMetric(e/plain, "engine/testing.B")
		})
	}
	b.Run("median", func(b *testing.B) {
		b.ReportMetric(median(ratios), "engine/testing.B")
	})
}

var sinkInt atomic.Int64
