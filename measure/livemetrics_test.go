package measure

import (
	"context"
	"testing"
	"time"
)

// TestLiveMetricsReachTheSnapshots runs a subject that counts its measured
// repetitions in its figures: with LiveMetrics every snapshot after a
// measured repetition carries the figures as they stood then, and without
// it no snapshot carries any and Metrics is read once, at the end.
func TestLiveMetricsReachTheSnapshots(t *testing.T) {
	for _, live := range []bool{true, false} {
		enters, calls := 0, 0
		s := &Subject{
			Name: "fleet",
			Drive: func(ctx context.Context, recs []*Recorder) error {
				recs[0].Record(1000)
				return nil
			},
			Enter: func(context.Context) error { enters++; return nil },
			Metrics: func() map[string]float64 {
				calls++
				// The warm-up is the first repetition entered.
				return map[string]float64{"measured": float64(enters - 1)}
			},
			LiveMetrics: live,
		}
		r, err := Start(context.Background(), Config{Reps: 4, RepDuration: time.Millisecond}, []*Subject{s})
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		for snap := range r.Snapshots() {
			sub := snap.Subjects[0]
			switch {
			case !live && sub.Metrics != nil:
				t.Errorf("without LiveMetrics a snapshot carries %v, want none", sub.Metrics)
			case live && sub.RepsDone > 0:
				if got := sub.Metrics["measured"]; got != float64(sub.RepsDone) {
					t.Errorf("after %d measured repetitions the snapshot says %v", sub.RepsDone, got)
				}
				seen++
			}
		}
		if _, err := r.Wait(); err != nil {
			t.Fatal(err)
		}
		if live && seen == 0 {
			t.Error("no snapshot after a measured repetition was read")
		}
		if want := map[bool]int{true: 5, false: 1}[live]; calls != want {
			t.Errorf("LiveMetrics %v: Metrics read %d times, want %d (each measured repetition's and the end's)", live, calls, want)
		}
	}
}
