package measure

import (
	"sync"
	"testing"
)

// TestRecorderConcurrentCollectLosesNothing has many writers record while the
// collector's own drain polls them as fast as it can, then takes the rest
// once they have stopped: every record must land in exactly one collected
// histogram. Under -race it also proves that the hand-over needs no lock.
func TestRecorderConcurrentCollectLosesNothing(t *testing.T) {
	const writers, perWriter = 8, 20000
	st := newSubjectState(&Subject{Name: "x", Loop: nop}, Config{Workers: writers}.WithDefaults())
	total := NewHistogram()

	var wg sync.WaitGroup
	for w, r := range st.recs {
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
		st.drain(st.recs, total, true)
	}
	handed := total.TotalCount()
	st.drain(st.recs, total, false)

	// Even records count once, odd ones twice.
	want := int64(writers * (perWriter/2 + 2*perWriter/2))
	if got := total.TotalCount(); got != want {
		t.Fatalf("collected %d records, want %d", got, want)
	}
	if handed == 0 {
		t.Log("no hand-over happened while the writers ran; only the final take was exercised")
	}
}

func TestRecorderHandsOverAtItsNextRecord(t *testing.T) {
	r := newRecorder()
	r.Record(5)
	if taken, used := r.poll(NewHistogram()); taken != nil || !used {
		t.Fatalf("first poll took %v (used %v), want nothing taken and a request made", taken, used)
	}
	if _, used := r.poll(NewHistogram()); used {
		t.Fatal("a second poll before the hand-over used its spare")
	}
	r.Record(7) // hands over the histogram holding 5, then records 7
	taken, _ := r.poll(NewHistogram())
	if taken == nil || taken.TotalCount() != 1 || taken.Max() != 5 {
		t.Fatalf("taken = %v, want the histogram holding the record before the request", taken)
	}
	all := NewHistogram()
	r.takeAll(all)
	if all.TotalCount() != 1 || all.Max() != 7 {
		t.Errorf("takeAll got %d records, max %d, want the one record after the hand-over", all.TotalCount(), all.Max())
	}
}

func TestRecorderClampsOutOfRange(t *testing.T) {
	r := newRecorder()
	r.Record(0)
	r.Record(-5)
	r.Record(highestNs * 10)
	h := NewHistogram()
	r.takeAll(h)
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
	if got := r.cur.TotalCount(); got != 1 {
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
	if !got.H.Equals(h) {
		t.Errorf("decoded histogram differs: count %d p99 %d, want %d %d",
			got.H.TotalCount(), got.H.ValueAtQuantile(99), h.TotalCount(), h.ValueAtQuantile(99))
	}
	if err := got.UnmarshalJSON([]byte(`"not base64!"`)); err == nil {
		t.Error("decoding garbage succeeded, want an error")
	}
}
