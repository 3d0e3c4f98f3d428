package python

import (
	"context"
	"errors"
	"testing"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure/measuretest"
)

func TestModeBookGivesTheSameWorkOneMode(t *testing.T) {
	us := int64(1000)
	tests := []struct {
		name  string
		warm  []int64 // the strategies' warm times, in the run's order
		solos []bool
	}{
		{"far under and far over decide alone", []int64{10 * us, 500 * us}, []bool{false, true}},
		{"the twin just over follows the first, batched", []int64{45 * us, 56 * us}, []bool{false, false}},
		{"the twin just under follows the first, alone", []int64{56 * us, 45 * us}, []bool{true, true}},
		{"twice as long is still the same work", []int64{30 * us, 60 * us}, []bool{false, false}},
		{"more than twice as long decides alone", []int64{24 * us, 60 * us}, []bool{false, true}},
		{"the first within the factor is followed", []int64{400 * us, 30 * us, 55 * us, 45 * us}, []bool{true, false, false, false}},
	}
	for _, tt := range tests {
		b := &modeBook{}
		for i, ns := range tt.warm {
			if got := b.solo(ns); got != tt.solos[i] {
				t.Errorf("%s: strategy %d (%d ns): solo = %v, want %v", tt.name, i, ns, got, tt.solos[i])
			}
		}
	}
	var none *modeBook
	if none.solo(tinyOp-1) || !none.solo(tinyOp) {
		t.Errorf("a nil book: solo(tinyOp-1), solo(tinyOp) = %v, %v, want false, true", none.solo(tinyOp-1), none.solo(tinyOp))
	}
}

// spinFile's two strategies are the same spin of n turns; spin_size
// returns the n that lasts about tinyOp (50 µs) by the worker's own clock:
// the operation whose mode noise used to decide. The size is found once and
// given to both, so that they do the same work.
const spinFile = `import time

PARAMS = {"n": 1}

def spin_size():
    n = 1000
    while True:
        best = None
        for _ in range(5):
            t0 = time.perf_counter_ns()
            for _ in range(n):
                pass
            t = time.perf_counter_ns() - t0
            best = t if best is None else min(best, t)
        if best >= 10_000_000:
            return max(1, n * 50_000 // best)
        n *= 2

def setup(params):
    return params["n"]

def bench_a(n):
    for _ in range(n):
        pass

def bench_b(n):
    for _ in range(n):
        pass
`

func TestIdenticalStrategiesNearTinyOpShareTheirMode(t *testing.T) {
	m := Module{Name: "spin", Path: measuretest.WriteTemp(t, "spin.py", spinFile)}
	p, _, err := Start(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	_, err = p.Call(context.Background(), &n, "spin_size")
	if err := errors.Join(err, p.Close()); err != nil {
		t.Fatal(err)
	}
	ss := Strategies(m, Options{}, Strategy{ID: "a", Bench: "bench_a"}, Strategy{ID: "b", Bench: "bench_b"})
	for round := 0; round < 3; round++ {
		env := lab.NewEnv(context.Background(), lab.Values{"n": n})
		var batches []float64
		for i := range ss {
			s, err := ss[i].New(env)
			if err != nil {
				t.Fatal(err)
			}
			batches = append(batches, s.Metrics()["batch"])
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		}
		if (batches[0] > 1) != (batches[1] > 1) {
			t.Errorf("round %d: identical strategies of %d turns got batches of %v and %v, want both batched or both alone", round, n, batches[0], batches[1])
		}
		if err := env.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestModeBooksDropARunsBookWhenItsEnvCloses(t *testing.T) {
	var bs modeBooks
	env := lab.NewEnv(context.Background(), nil)
	b := bs.of(env)
	if bs.of(env) != b {
		t.Fatal("two strategies of one run got two books")
	}
	if other := bs.of(lab.NewEnv(context.Background(), nil)); other == b {
		t.Fatal("two runs share a book")
	}
	if err := env.Close(); err != nil {
		t.Fatal(err)
	}
	if _, kept := bs.runs[env]; kept {
		t.Error("the book of a closed run is still kept")
	}
}

// slowStartFile's strategy is a tiny operation whose first calls are each
// held up for 3 ms, as a loaded machine can hold up a new worker's first
// calls: its mode must follow the operation, not its start.
const slowStartFile = `import time

PARAMS = {"n": 1}

calls = 0

def setup(params):
    return None

def bench_tiny(_):
    global calls
    calls += 1
    if calls <= 3:
        time.sleep(0.003)
`

func TestSlowFirstCallsDoNotTimeATinyOperationAlone(t *testing.T) {
	m := Module{Name: "slowstart", Path: measuretest.WriteTemp(t, "slowstart.py", slowStartFile)}
	ss := Strategies(m, Options{}, Strategy{ID: "tiny", Bench: "bench_tiny"})
	env := lab.NewEnv(context.Background(), lab.Values{"n": 1})
	defer func() {
		if err := env.Close(); err != nil {
			t.Fatal(err)
		}
	}()
	s, err := ss[0].New(env)
	if err != nil {
		t.Fatal(err)
	}
	batch := s.Metrics()["batch"]
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if batch <= 1 {
		t.Errorf("a tiny operation whose first three calls took 3 ms each got a batch of %v, want it batched", batch)
	}
}
