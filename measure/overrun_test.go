package measure

import (
	"context"
	"testing"
	"time"
)

// findingOf returns the result's finding of kind k, if it has one.
func findingOf(res *Result, k FindingKind) (Finding, bool) {
	for _, f := range res.Findings {
		if f.Kind == k {
			return f, true
		}
	}
	return Finding{}, false
}

// TestCutOperationsAreAFinding races a subject whose every operation waits
// for its context, as a request to a server that accepts and stays silent
// does: the run says how many were cut at the bound, and after how long.
func TestCutOperationsAreAFinding(t *testing.T) {
	const bound = 20 * time.Millisecond
	for _, rate := range []float64{0, 1000} {
		s := &Subject{
			Name: "silent", Batch: BatchNever, Interruptible: true,
			Loop: func(ctx context.Context, w, n int) error {
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-time.After(1000 * time.Second):
					return nil
				}
			},
		}
		rep := runToEnd(t, Config{Reps: 2, Workers: 2, Rate: rate, RepDuration: bound}, []*Subject{s})
		f, ok := findingOf(rep.Strategies[0], FindingCut)
		switch {
		case !ok:
			t.Fatalf("rate %v: findings %+v, want operations cut at the bound", rate, rep.Strategies[0].Findings)
		case f.Count < 2 || f.RepNs != int64(bound) || f.OpNs < int64(bound)/2 || f.OpNs > int64(20*time.Second):
			t.Errorf("rate %v: cut finding %+v, want at least 2 operations, the bound %v and how long the longest ran", rate, f, bound)
		}
		if _, ok := findingOf(rep.Strategies[0], FindingLongOp); ok {
			t.Errorf("rate %v: an operation cut at the bound is said to have outlasted it", rate)
		}
	}
}

// TestLongOperationIsAFinding races a subject one of whose operations
// outlasts a repetition and cannot be cut: the run says so, with the
// operation's time against the repetition's, and that it was not
// interrupted. An operation inside the bound says nothing.
func TestLongOperationIsAFinding(t *testing.T) {
	// A bound far past a short operation's time, however loaded the
	// machine.
	const bound = 100 * time.Millisecond
	long := &Subject{Name: "long", Batch: BatchNever, Loop: func(context.Context, int, int) error {
		time.Sleep(3 * bound)
		return nil
	}}
	short := &Subject{Name: "short", Batch: BatchNever, Loop: func(context.Context, int, int) error {
		time.Sleep(time.Microsecond)
		return nil
	}}
	rep := runToEnd(t, Config{Reps: 2, Workers: 1, RepDuration: bound}, []*Subject{long, short})
	f, ok := findingOf(rep.Strategies[0], FindingLongOp)
	switch {
	case !ok:
		t.Fatalf("findings %+v, want an operation that outlasts its repetition", rep.Strategies[0].Findings)
	case f.Count < 2 || f.OpNs < int64(3*bound) || f.RepNs != int64(bound) || !f.Uninterruptible || f.Knob != KnobDuration:
		t.Errorf("finding %+v, want at least 2 operations of at least %v against %v, not interrupted, pointing to the duration", f, 3*bound, bound)
	}
	if f, ok := findingOf(rep.Strategies[1], FindingLongOp); ok {
		t.Errorf("an operation inside its repetition found %+v", f)
	}
}

// TestALoneLongOperationAmongManyIsAStall: one operation of millions that
// outlasted its repetition is the machine's stall, not an operation too
// long for the repetition; one in a hundred, or more, is said.
func TestALoneLongOperationAmongManyIsAStall(t *testing.T) {
	s := &Subject{Name: "x"}
	var o overrun
	o.noteOp(12_000_000, 10_000_000)
	if f := o.findings(s, 10_000_000, 34_000_000); len(f) != 0 {
		t.Errorf("one long operation among 34M: findings %+v, want none", f)
	}
	if f := o.findings(s, 10_000_000, 100); len(f) != 1 || f[0].Kind != FindingLongOp {
		t.Errorf("one long operation among 100: findings %+v, want it said", f)
	}
	if f := o.findings(s, 10_000_000, 0); len(f) != 1 {
		t.Errorf("a long operation and nothing measured: findings %+v, want it said", f)
	}
}
