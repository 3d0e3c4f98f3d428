package measure

import (
	"sync"
	"testing"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// TestRecorderConcurrentCollectLosesNothing has many writers record while a
// collector swaps their histograms as fast as it can: every record must land
// in exactly one collected histogram.
func TestRecorderConcurrentCollectLosesNothing(t *testing.T) {
	const writers, perWriter = 8, 20000
	recs := newRecorders(writers)
	total := NewHistogram()
	spare := NewHistogram()
	collect := func() {
		for _, r := range recs {
			old := r.swap(spare)
			total.Merge(old)
			old.Reset()
			spare = old
		}
	}

	var wg sync.WaitGroup
	for w, r := range recs {
		wg.Go(func() {
			for i := range perWriter {
				if i%2 == 0 {
					r.Record(int64(w*1000 + i%1000 + 1))
				} else {
					r.RecordN(int64(i%1000+1), 2)
				}
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		collect()
	}
	collect()

	// Even records count once, odd ones twice.
	want := int64(writers * (perWriter/2 + 2*perWriter/2))
	if got := total.TotalCount(); got != want {
		t.Fatalf("collected %d records, want %d", got, want)
	}
}

func TestRecorderClampsOutOfRange(t *testing.T) {
	r := newRecorder()
	r.Record(0)
	r.Record(-5)
	r.Record(highestNs * 10)
	h := r.hist.Load()
	if got := h.TotalCount(); got != 3 {
		t.Fatalf("recorded %d values, want 3: out-of-range values must be clamped, not dropped", got)
	}
	if h.Min() != lowestNs {
		t.Errorf("min = %d, want %d", h.Min(), lowestNs)
	}
	if !h.ValuesAreEquivalent(h.Max(), highestNs) {
		t.Errorf("max = %d, want about %d", h.Max(), highestNs)
	}
}

func TestRecorderErrorsAreCountedApart(t *testing.T) {
	r := newRecorder()
	r.Error()
	r.Error()
	r.Record(10)
	if got := r.errs.Load(); got != 2 {
		t.Errorf("errors = %d, want 2", got)
	}
	if got := r.hist.Load().TotalCount(); got != 1 {
		t.Errorf("latencies = %d, want 1", got)
	}
}

func TestHistogramJSONRoundTrip(t *testing.T) {
	h := NewHistogram()
	for i := int64(1); i <= 1000; i++ {
		_ = h.RecordValue(i * 1000)
	}
	b, err := (&Histogram{H: h}).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var got Histogram
	if err := got.UnmarshalJSON(b); err != nil {
		t.Fatal(err)
	}
	if !equalHist(got.H, h) {
		t.Errorf("decoded histogram differs: count %d p99 %d, want %d %d",
			got.H.TotalCount(), got.H.ValueAtQuantile(99), h.TotalCount(), h.ValueAtQuantile(99))
	}
	if err := got.UnmarshalJSON([]byte(`"not base64!"`)); err == nil {
		t.Error("decoding garbage succeeded, want an error")
	}
}

func equalHist(a, b *hdrhistogram.Histogram) bool {
	return a.TotalCount() == b.TotalCount() && a.Max() == b.Max() &&
		a.ValueAtQuantile(50) == b.ValueAtQuantile(50) && a.ValueAtQuantile(99.9) == b.ValueAtQuantile(99.9)
}
