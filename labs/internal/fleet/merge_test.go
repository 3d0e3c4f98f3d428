package fleet

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"

	"github.com/perflab/perflab/measure"
)

// histRecorder records into a histogram, as a measure.Recorder does into
// its own.
type histRecorder struct{ h *hdrhistogram.Histogram }

func (r histRecorder) RecordN(ns, n int64) { _ = r.h.RecordValues(ns, n) }

// TestMergeIsExact splits latencies over three generators of different
// speeds, ships each one's intervals over the wire, replays them as the
// coordinator does, and checks the merged percentiles against one
// histogram of every latency pooled (equal) and against the raw samples
// (within the histogram's precision).
func TestMergeIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var raw []int64
	pooled := measure.NewHistogram()
	merged := histRecorder{measure.NewHistogram()}
	for g, scale := range []float64{50e3, 200e3, 2e6} {
		for interval := range 5 {
			h := measure.NewHistogram()
			for range 2000 + 1000*g + interval {
				v := int64(scale * math.Exp(rng.NormFloat64()))
				v = max(v, 1)
				raw = append(raw, v)
				_ = h.RecordValue(v)
				_ = pooled.RecordValue(v)
			}
			wire, err := encodeHist(h)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeHist(wire)
			if err != nil {
				t.Fatal(err)
			}
			Replay(got, merged)
		}
	}
	slices.Sort(raw)
	if merged.h.TotalCount() != int64(len(raw)) {
		t.Fatalf("merged count %d, want %d", merged.h.TotalCount(), len(raw))
	}
	for _, p := range []float64{50, 99, 99.9} {
		got, pool := merged.h.ValueAtQuantile(p), pooled.ValueAtQuantile(p)
		if got != pool {
			t.Errorf("p%g: merged %d ns, pooled %d ns: want equal", p, got, pool)
		}
		// The raw percentile as HdrHistogram ranks it: the smallest
		// value with at least p% of the samples at or below it.
		rank := max(1, int(math.Ceil(p/100*float64(len(raw)))))
		want := raw[rank-1]
		if got < want || got-want > want/1000+1 {
			t.Errorf("p%g: merged %d ns, raw samples %d ns: want within 0.1%% above", p, got, want)
		}
	}
	if merged.h.Max() != pooled.Max() || merged.h.Min() != pooled.Min() {
		t.Errorf("merged min/max %d/%d, pooled %d/%d", merged.h.Min(), merged.h.Max(), pooled.Min(), pooled.Max())
	}
}
