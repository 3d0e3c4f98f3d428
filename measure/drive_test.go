package measure

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestFatalEndsTheRun fails a Drive subject for good in its second batch:
// the run must stop there with that error, not count one failed batch per
// repetition and report success.
func TestFatalEndsTheRun(t *testing.T) {
	gone := errors.New("the server is gone")
	for _, tt := range []struct {
		name    string
		err     error
		wantErr bool
	}{
		{"an error counts and the run goes on", gone, false},
		{"a fatal error ends the run", Fatal(gone), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			batches := 0
			s := &Subject{Name: "queue", Drive: func(ctx context.Context, recs []*Recorder) error {
				batches++
				if batches == 2 {
					return tt.err
				}
				recs[0].Record(1000)
				return nil
			}}
			r, err := Start(context.Background(), Config{Reps: 3, RepDuration: time.Millisecond}, []*Subject{s})
			if err != nil {
				t.Fatal(err)
			}
			drain(r)
			rep, err := r.Wait()
			if got := err != nil; got != tt.wantErr || (tt.wantErr && !errors.Is(err, gone)) {
				t.Fatalf("Wait() = %v, want an error %v (the subject's)", err, tt.wantErr)
			}
			if tt.wantErr && batches != 2 {
				t.Errorf("%d batches ran, want 2: none after the fatal error", batches)
			}
			if rep == nil || len(rep.Strategies) != 1 {
				t.Fatalf("report %+v, want one with what was measured", rep)
			}
		})
	}
}
