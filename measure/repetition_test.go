package measure

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestCancelledRepetitionIsNotCounted cancels a run in the middle of a
// measured repetition: the result holds the finished repetitions only, in
// its operations and percentiles as in its ns/op.
func TestCancelledRepetitionIsNotCounted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, err := Start(ctx, Config{Reps: 50, RepDuration: 20 * time.Millisecond, Interval: 2 * time.Millisecond},
		[]*Subject{{Name: "x", Loop: tinyLoop()}})
	if err != nil {
		t.Fatal(err)
	}
	for s := range r.Snapshots() {
		// Cancel once a measured repetition is under way after others
		// have finished.
		if s.Subjects[0].RepsDone >= 2 && s.Subjects[0].Ops > 0 {
			cancel()
		}
	}
	rep, _ := waitRun(t, r)
	res := rep.Strategies[0]
	var finished int64
	for _, rp := range res.Reps {
		finished += rp.Ops
	}
	if res.Ops != finished || res.Histogram.H.TotalCount() != finished {
		t.Errorf("result has %d ops (histogram %d), want the %d of the %d finished repetitions",
			res.Ops, res.Histogram.H.TotalCount(), finished, len(res.Reps))
	}
}

func TestEnterRunsBeforeEveryRepetitionOutsideTheClock(t *testing.T) {
	var entered, inRep atomic.Int32
	s := &Subject{
		Name: "x",
		Enter: func(context.Context) error {
			if inRep.Load() != 0 {
				t.Error("Enter ran while the subject's operations were running")
			}
			entered.Add(1)
			return nil
		},
		Drive: func(ctx context.Context, recs []*Recorder) error {
			inRep.Add(1)
			defer inRep.Add(-1)
			recs[0].Record(1000)
			return nil
		},
	}
	runToEnd(t, Config{Reps: 3, RepDuration: time.Millisecond}, []*Subject{s})
	if got := entered.Load(); got != 4 {
		t.Errorf("Enter ran %d times, want 4: the warm-up and 3 repetitions", got)
	}

	failing := &Subject{Name: "y", Loop: tinyLoop(), Enter: func(context.Context) error { return errors.New("no threads left") }}
	r, err := Start(context.Background(), fastConfig, []*Subject{failing})
	if err != nil {
		t.Fatal(err)
	}
	drain(r)
	if _, err := waitRun(t, r); err == nil || !strings.Contains(err.Error(), "y: no threads left") {
		t.Errorf("run error = %v, want the subject's Enter error", err)
	}
}

// TestInterruptibleRepetitionEndsAtItsBound races a subject whose workers
// each stall on their second operation, as a reconnect stalls on a dropped
// connection attempt, until their context ends: the repetition ends near its
// bound, not at the end of the stall, and the operations cut short count
// neither as done nor as failed.
func TestInterruptibleRepetitionEndsAtItsBound(t *testing.T) {
	const bound = 50 * time.Millisecond
	for _, rate := range []float64{0, 2000} {
		var calls [2]atomic.Int64
		s := &Subject{
			Name: "stalls", Batch: BatchNever, Interruptible: true,
			Loop: func(ctx context.Context, w, n int) error {
				if calls[w].Add(1)%2 == 0 {
					select {
					case <-ctx.Done():
						return ctx.Err()
					case <-time.After(1000 * time.Second):
						return nil
					}
				}
				return nil
			},
		}
		start := time.Now()
		rep := runToEnd(t, Config{Reps: 3, Workers: 2, Rate: rate, RepDuration: bound}, []*Subject{s})
		if took := time.Since(start); took > 20*time.Second {
			t.Errorf("rate %v: 4 repetitions of %v with 1000 s stalls took %v, want them ended at their bound", rate, bound, took)
		}
		res := rep.Strategies[0]
		if res.Errors != 0 {
			t.Errorf("rate %v: %d errors, want the operations cut at the bound counted nowhere", rate, res.Errors)
		}
		for i, r := range res.Reps {
			if r.ElapsedNs > int64(20*time.Second) {
				t.Errorf("rate %v: repetition %d lasted %v", rate, i, time.Duration(r.ElapsedNs))
			}
		}
	}
}
