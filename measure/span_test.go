package measure

import (
	"context"
	"testing"
	"time"
)

// TestSubjectSpanIsWhatThroughputDividesBy runs a Drive subject that
// records 1000 operations a repetition and says its load ran for a second
// of each, although each repetition lasts milliseconds: its throughput is
// then 1000 a second, the operations over its own span, in the result and
// in the last snapshot alike. Without Span the engine's far shorter time
// divides, and the throughput is far higher.
func TestSubjectSpanIsWhatThroughputDividesBy(t *testing.T) {
	for _, own := range []bool{true, false} {
		s := &Subject{
			Name: "fleet",
			Drive: func(ctx context.Context, recs []*Recorder) error {
				recs[0].RecordN(1000, 1000)
				<-ctx.Done()
				return nil
			},
			Interruptible: true,
		}
		if own {
			s.Span = func() time.Duration { return time.Second }
		}
		r, err := Start(context.Background(), Config{Reps: 3, RepDuration: 5 * time.Millisecond}, []*Subject{s})
		if err != nil {
			t.Fatal(err)
		}
		var last Snapshot
		for snap := range r.Snapshots() {
			last = snap
		}
		rep, err := r.Wait()
		if err != nil {
			t.Fatal(err)
		}
		res := rep.Strategies[0]
		if res.Ops != 3000 {
			t.Fatalf("span %v: %d operations, want 3000", own, res.Ops)
		}
		live := last.Subjects[0].Throughput
		switch {
		case own && (res.Throughput != 1000 || live != 1000):
			t.Errorf("a subject that ran 1000 operations in each of its 1 s spans: throughput %v, last snapshot %v, want 1000 in both", res.Throughput, live)
		case !own && res.Throughput < 10000:
			// Three repetitions of a few milliseconds each (20 ms
			// each on a loaded machine is still 50000/s).
			t.Errorf("without its span, 3000 operations in three short repetitions: throughput %v, want the engine's time to divide (well over 10000/s)", res.Throughput)
		}
	}
}

// TestSpanIsForDriveSubjects refuses a Loop subject with a span: the
// engine times a Loop subject's operations itself.
func TestSpanIsForDriveSubjects(t *testing.T) {
	s := &Subject{Name: "loop", Loop: func(context.Context, int, int) error { return nil }, Span: func() time.Duration { return time.Second }}
	if err := s.validate(); err == nil {
		t.Error("a Loop subject with a Span validated, want an error")
	}
}
