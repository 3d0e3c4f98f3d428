package profile

import (
	"testing"
	"time"
)

// TestEncodeReadsBack checks that stacks encoded as a profile read back
// per operation as runtime/pprof's own do: flat time to the innermost
// frame, cumulative to every function on the stack.
func TestEncodeReadsBack(t *testing.T) {
	leaf := Place{Func: "bench_slow", File: "/tmp/w.py", Line: 7}
	root := Place{Func: "run", File: "/tmp/worker.py", Line: 40}
	other := Place{Func: "bench_fast", File: "/tmp/w.py", Line: 3}
	data, err := Encode([]Stack{
		{Frames: []Place{leaf, root}, Count: 30},
		{Frames: []Place{other, root}, Count: 10},
		{Frames: []Place{leaf, root}, Count: 0},
	}, 5*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	p := &Profile{Name: "py", Ops: 100}
	if err := p.Replace(data); err != nil {
		t.Fatal(err)
	}
	s := Summarize(p)
	if s.Samples != 40 || s.PeriodNs != int64(5*time.Millisecond) {
		t.Fatalf("samples %d period %d, want 40 and 5ms", s.Samples, s.PeriodNs)
	}
	slow, ok := find(s.Funcs, "bench_slow")
	if !ok || slow.FlatSamples != 30 || slow.FlatNs != 30*5e6/100 {
		t.Errorf("bench_slow = %+v, want 30 flat samples, 1.5ms per op", slow)
	}
	if r, ok := find(s.Funcs, "run"); !ok || r.CumSamples != 40 || r.FlatSamples != 0 {
		t.Errorf("run = %+v, want 40 cumulative samples and no flat ones", r)
	}
}

func TestEncodeRefusesNoPeriod(t *testing.T) {
	if _, err := Encode(nil, 0); err == nil {
		t.Error("a zero sampling period was encoded")
	}
	if err := (&Profile{}).Replace([]byte("not a profile")); err == nil {
		t.Error("bytes that are no profile replaced a profile")
	}
}
