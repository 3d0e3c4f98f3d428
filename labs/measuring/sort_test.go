package measuring

import (
	"cmp"
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// TestPlaceboIsTheBaselineCode checks that the placebo runs the baseline's
// own constructor: the same function, not a copy that could drift.
func TestPlaceboIsTheBaselineCode(t *testing.T) {
	w := sortOrders()
	base, err := w.Strategy("baseline")
	if err != nil {
		t.Fatal(err)
	}
	placebo, err := w.Strategy("placebo")
	if err != nil {
		t.Fatal(err)
	}
	if reflect.ValueOf(base.New).Pointer() != reflect.ValueOf(placebo.New).Pointer() {
		t.Error("the placebo's New is not the baseline's: a placebo must run the same code")
	}
	if fix, _ := w.Strategy("fix"); reflect.ValueOf(fix.New).Pointer() == reflect.ValueOf(base.New).Pointer() {
		t.Error("the fix runs the baseline's code: it cannot be a fix")
	}
}

// TestSortsAgree sorts batches of several sizes, with repeated totals, both
// ways and checks each against a stable reference sort.
func TestSortsAgree(t *testing.T) {
	for _, n := range []int{2, 3, 17, 1000, 5000} {
		in := makeOrders(n, uint64(n))
		want := slices.Clone(in)
		slices.SortStableFunc(want, func(a, b order) int {
			return cmp.Or(cmp.Compare(b.Total, a.Total), cmp.Compare(a.ID, b.ID))
		})
		for name, sortFn := range map[string]func([]order){"sort.Slice": sortBySlice, "sort.Sort": sortByTotal} {
			got := slices.Clone(in)
			sortFn(got)
			if !slices.Equal(got, want) {
				t.Errorf("n=%d: %s gives a different order than the reference", n, name)
			}
		}
	}
}

func TestMakeOrdersIsSeededAndHasTies(t *testing.T) {
	a, b := makeOrders(500, 3), makeOrders(500, 3)
	if !slices.Equal(a, b) {
		t.Error("the same seed gave two different batches")
	}
	totals := map[int64]bool{}
	for _, o := range a {
		totals[o.Total] = true
	}
	if len(totals) == len(a) {
		t.Error("no total repeats: the tie-break by id is never exercised")
	}
}

// TestSubjectsSortTheFixture runs each strategy's subject for a few
// operations and checks that the fixture it shares is never modified.
func TestSubjectsSortTheFixture(t *testing.T) {
	w := sortOrders()
	env := labtest.Env(t, context.Background(), w, map[string]string{"n": "300"})
	fx := env.Fixture.(*sortFixture)
	orig := slices.Clone(fx.orders)
	for _, st := range w.Strategies {
		s := labtest.Subject(t, st, env)
		for worker := range 2 {
			if err := s.Loop(context.Background(), worker, 3); err != nil {
				t.Fatalf("%s: %v", st.ID, err)
			}
		}
	}
	if !slices.Equal(orig, fx.orders) {
		t.Error("a strategy sorted the shared fixture in place")
	}
	if err := env.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestSortLoopStopsWhenCancelled(t *testing.T) {
	w := sortOrders()
	env := labtest.Env(t, context.Background(), w, map[string]string{"n": "100"})
	s := labtest.Subject(t, w.Strategies[0], env)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Loop(ctx, 0, 1_000_000); err != context.Canceled {
		t.Errorf("Loop on a cancelled context = %v, want context.Canceled", err)
	}
}

// TestNoiseStopsOnClose starts noisy goroutines and checks that closing
// the run waits for every one of them to end.
func TestNoiseStopsOnClose(t *testing.T) {
	before := noiseRunning.Load()
	env := lab.NewEnv(context.Background(), nil)
	startNoise(env, 4)
	measuretest.WaitFor(t, "4 noisy goroutines", func() bool { return noiseRunning.Load() == before+4 })
	if err := env.Close(); err != nil {
		t.Fatal(err)
	}
	if got := noiseRunning.Load(); got != before {
		t.Errorf("%d noisy goroutines still running after Close", got-before)
	}
}

// TestNoiseStopsWithTheRun cancels the run's context: the goroutines end
// without waiting for Close.
func TestNoiseStopsWithTheRun(t *testing.T) {
	before := noiseRunning.Load()
	ctx, cancel := context.WithCancel(context.Background())
	env := lab.NewEnv(ctx, nil)
	startNoise(env, 3)
	measuretest.WaitFor(t, "3 noisy goroutines", func() bool { return noiseRunning.Load() == before+3 })
	cancel()
	measuretest.WaitFor(t, "the noisy goroutines to end with the run", func() bool { return noiseRunning.Load() == before })
	if err := env.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestRunOfTheLab runs the workload through the engine, briefly, with noise:
// every strategy is measured and compared, and nothing is left running.
func TestRunOfTheLab(t *testing.T) {
	measuretest.NoLeaks(t)
	rep := labtest.Run(t, sortOrders(), map[string]string{"n": "200", "noise": "2"}, measure.Config{Reps: 6, RepDuration: 3 * time.Millisecond})
	if len(rep.Strategies) != 3 || rep.Strategies[1].VsBaseline == nil || rep.Strategies[2].VsBaseline == nil {
		t.Fatalf("report has %d strategies without comparisons", len(rep.Strategies))
	}
	for _, s := range rep.Strategies {
		if s.Ops == 0 {
			t.Errorf("%s did no operation", s.Name)
		}
	}
}
