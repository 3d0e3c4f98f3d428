package own

import (
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/fleet"
	"github.com/perflab/perflab/measure"
)

// skewed is a fleet subject of two generators that has run a repetition
// for each start skew given, as the fleet would have measured them: the
// skews are forced, so that no test waits on a loaded machine to miss
// the tolerance.
func skewed(skews ...time.Duration) *fleetSubject {
	s := &fleetSubject{names: []string{"gen1", "gen2"}, tolerance: fleet.SkewTolerance}
	s.clear()
	for _, sk := range skews {
		s.account(fleet.RepResult{Skew: sk, Ran: []bool{true, true},
			Gens: []fleet.Done{{ElapsedNs: 1e9, Ops: 100, Messages: 10}, {ElapsedNs: 1e9, Ops: 100, Messages: 10}}})
	}
	return s
}

// TestAStartSkewOverTheToleranceIsAFinding: a repetition whose generators
// started further apart than promised makes the result carry a finding
// with the widest skew, how many repetitions broke the promise and of
// how many; a skew at the tolerance keeps it, and says nothing.
func TestAStartSkewOverTheToleranceIsAFinding(t *testing.T) {
	tol := fleet.SkewTolerance
	if got := skewed(time.Millisecond, tol, 0).findings(); len(got) != 0 {
		t.Errorf("skews within the %v tolerance: findings %+v, want none", tol, got)
	}
	got := skewed(time.Millisecond, 145*time.Millisecond, 2*time.Millisecond, tol+1).findings()
	want := measure.Finding{Kind: measure.FindingStartSkew, Count: 2, Of: 4, SkewNs: int64(145 * time.Millisecond), ToleranceNs: int64(tol)}
	if len(got) != 1 || got[0].Kind != want.Kind || got[0].Count != want.Count || got[0].Of != want.Of ||
		got[0].SkewNs != want.SkewNs || got[0].ToleranceNs != want.ToleranceNs {
		t.Errorf("skews of 1ms, 145ms, 2ms and just over %v: findings %+v, want %+v", tol, got, want)
	}
}

// TestTheWarmUpsSkewIsForgotten: the warm-up's figures are cleared when
// the first measured repetition starts, its skew with them.
func TestTheWarmUpsSkewIsForgotten(t *testing.T) {
	s := skewed(time.Second)
	s.clear()
	if got := s.findings(); len(got) != 0 {
		t.Errorf("after the warm-up's skew was cleared: findings %+v, want none", got)
	}
}
