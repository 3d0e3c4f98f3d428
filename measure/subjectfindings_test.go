package measure

import (
	"context"
	"testing"
)

// TestSubjectFindingsFollowTheEngines runs a Drive subject that knows
// something of its own (a fleet's start spread wider than promised): its
// finding is in the result, after the engine's.
func TestSubjectFindingsFollowTheEngines(t *testing.T) {
	own := Finding{Kind: FindingStartSkew, Count: 1, Of: 2, SkewNs: 145e6, ToleranceNs: 5e6}
	s := &Subject{
		Name: "fleet",
		Drive: func(ctx context.Context, recs []*Recorder) error {
			recs[0].RecordN(1000, 10)
			<-ctx.Done()
			return nil
		},
		Interruptible: true,
		Findings:      func() []Finding { return []Finding{own} },
	}
	r, err := Start(context.Background(), Config{Reps: 2, RepDuration: 5e6}, []*Subject{s})
	if err != nil {
		t.Fatal(err)
	}
	for range r.Snapshots() {
	}
	rep, err := r.Wait()
	if err != nil {
		t.Fatal(err)
	}
	fs := rep.Strategies[0].Findings
	if len(fs) == 0 || fs[len(fs)-1].Kind != FindingStartSkew || fs[len(fs)-1].SkewNs != own.SkewNs {
		t.Errorf("findings %+v, want the subject's own start skew last", fs)
	}
}
