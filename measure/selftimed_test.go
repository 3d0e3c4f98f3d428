package measure

import (
	"context"
	"testing"
	"time"
)

// TestNsPerOpOfASubjectThatTimesItself gives a Drive subject whose batches
// take milliseconds of wall time, but whose own figure is 42.5 ns/op: every
// repetition, and so the verdict's rounds, must carry the subject's figure.
func TestNsPerOpOfASubjectThatTimesItself(t *testing.T) {
	s := &Subject{
		Name: "binary",
		Drive: func(ctx context.Context, recs []*Recorder) error {
			time.Sleep(2 * time.Millisecond) // the process's start, say
			recs[0].RecordN(42, 1000)
			return nil
		},
		NsPerOp:  func() float64 { return 42.5 },
		External: true,
	}
	r, err := Start(context.Background(), Config{Reps: 3, RepDuration: time.Millisecond}, []*Subject{s})
	if err != nil {
		t.Fatal(err)
	}
	drain(r)
	rep, err := r.Wait()
	if err != nil {
		t.Fatal(err)
	}
	res := rep.Strategies[0]
	if len(res.Reps) != 3 {
		t.Fatalf("%d repetitions, want 3", len(res.Reps))
	}
	for i, r := range res.Reps {
		// A repetition is whole batches: one, or more when the
		// repetition's stop is late to be seen on a busy machine.
		if r.NsPerOp != 42.5 || r.Ops == 0 || r.Ops%1000 != 0 {
			t.Errorf("repetition %d: %v ns/op over %d ops, want the subject's 42.5 over whole batches of 1000", i, r.NsPerOp, r.Ops)
		}
	}
	if res.NsPerOp.Median != 42.5 {
		t.Errorf("median %v ns/op, want 42.5", res.NsPerOp.Median)
	}
}
