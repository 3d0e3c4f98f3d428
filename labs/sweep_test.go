package labs

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

func TestSweepPlanRejectsBadSweeps(t *testing.T) {
	tests := []struct {
		sweep SweepSpec
		set   map[string]string
		want  string
	}{
		{SweepSpec{Param: "m", Values: []string{"1", "2"}}, nil, `no parameter "m" to sweep (it has n, ratio, mode)`},
		{SweepSpec{Param: "", Values: []string{"1", "2"}}, nil, "needs a parameter name"},
		{SweepSpec{Param: "mode", Values: []string{"a", "b"}}, nil, "cannot sweep mode: it is a choice parameter"},
		{SweepSpec{Param: "n", Values: []string{"16"}}, nil, "needs at least 2 values, got 1"},
		{SweepSpec{Param: "n", Values: []string{"16", "x"}}, nil, `n must be a whole number, got "x"`},
		{SweepSpec{Param: "n", Values: []string{"16", "0"}}, nil, "n must be at least 1, got 0"},
		{SweepSpec{Param: "n", Values: []string{"16", "2000"}}, nil, "n must be at most 1000, got 2000"},
		{SweepSpec{Param: "ratio", Values: []string{"0.5", "1.5"}}, nil, "ratio must be at most 1"},
		{SweepSpec{Param: "n", Values: []string{"16", " 16"}}, nil, "n=16 is given twice"},
		{SweepSpec{Param: "n", Values: []string{"16", "32"}}, map[string]string{"n": "8"}, "n is both set and swept"},
		{SweepSpec{Param: "n", Values: make([]string, 51)}, nil, "at most 50 values"},
	}
	w := sweepWorkload(nil)
	for _, tc := range tests {
		_, err := tc.sweep.plan(w, tc.set, baseValues(t, w), measure.Config{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("sweep %s=%v: error %v, want one containing %q", tc.sweep.Param, tc.sweep.Values, err, tc.want)
		}
	}
}

func TestSweepPlanAppliesTheWorkloadConfigAtEachPoint(t *testing.T) {
	w := sweepWorkload(nil)
	w.Config = func(v lab.Values, c *measure.Config) { c.Workers = v.Int("n") / 8 }
	sp, err := (&SweepSpec{Param: "n", Values: []string{"16", "64"}}).plan(w, nil, baseValues(t, w), measure.Config{Reps: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(sp.Points) != 2 || sp.Points[0].Value != 16 || sp.Points[1].Value != 64 {
		t.Fatalf("points = %+v, want n=16 then n=64", sp.Points)
	}
	for i, want := range []int{2, 8} {
		pt := sp.Points[i]
		if pt.Config.Workers != want || pt.Config.Reps != 3 || pt.Values.Int("n") != int(pt.Value) || pt.Values.Float("ratio") != 0.5 {
			t.Errorf("point %d: workers %d reps %d values %v; want workers %d, reps 3, n=%v, ratio 0.5",
				i, pt.Config.Workers, pt.Config.Reps, pt.Values, want, pt.Value)
		}
	}
}

func TestPlanChecksTheSweep(t *testing.T) {
	p, err := Spec{Path: "data-structures/membership", Sweep: &SweepSpec{Param: "n", Values: []string{"16", "256"}}}.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if p.Sweep == nil || len(p.Sweep.Points) != 2 || p.Sweep.Param != "n" {
		t.Fatalf("plan sweep = %+v, want two points of n", p.Sweep)
	}
	_, err = Spec{Path: "data-structures/membership", Sweep: &SweepSpec{Param: "n", Values: []string{"16", "-4"}}}.Plan()
	if err == nil || !strings.Contains(err.Error(), "n must be at least 1") {
		t.Errorf("bad sweep value: error %v", err)
	}
}

// sweepCounts counts what a sweep's points built and released.
type sweepCounts struct {
	prepared, envClosed, subjectsClosed atomic.Int32
}

// sweepWorkload is a workload whose one strategy spins n times per
// operation, counting what it builds and releases into c.
func sweepWorkload(c *sweepCounts) *lab.Workload {
	if c == nil {
		c = &sweepCounts{}
	}
	spin := func(env *lab.Env) (*measure.Subject, error) {
		n := env.Params.Int("n")
		var sink atomic.Int64
		return &measure.Subject{
			Loop: func(ctx context.Context, _, ops int) error {
				x := 0
				for range ops * n {
					x++
				}
				sink.Store(int64(x))
				return ctx.Err()
			},
			Close: func() error { c.subjectsClosed.Add(1); return nil },
		}, nil
	}
	return &lab.Workload{
		ID: "spin",
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "16", Min: "1", Max: "1000"},
			{Name: "ratio", Kind: lab.Float, Default: "0.5", Min: "0", Max: "1"},
			{Name: "mode", Kind: lab.Choice, Default: "a", Choices: []string{"a", "b"}},
		},
		Strategies: []lab.Strategy{{ID: "spin", New: spin}, {ID: "again", New: spin}},
		Prepare: func(env *lab.Env) (any, error) {
			c.prepared.Add(1)
			env.OnClose(func() error { c.envClosed.Add(1); return nil })
			return nil, nil
		},
	}
}

func baseValues(t *testing.T, w *lab.Workload) lab.Values {
	t.Helper()
	v, err := w.Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func sweepPlan(t *testing.T, c *sweepCounts, values ...string) *Plan {
	t.Helper()
	w := sweepWorkload(c)
	v := baseValues(t, w)
	cfg := measure.Config{Reps: 2, RepDuration: 2 * time.Millisecond, Interval: time.Millisecond}
	sp, err := (&SweepSpec{Param: "n", Values: values}).plan(w, nil, v, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &Plan{
		Lab: &lab.Lab{ID: "test"}, Workload: w, Values: v, Config: cfg, Sweep: sp,
		Strategies: []*lab.Strategy{&w.Strategies[0], &w.Strategies[1]}, Names: []string{"spin", "again"},
	}
}

func TestSweepRunsEveryPointInOrder(t *testing.T) {
	measuretest.NoLeaks(t)
	var c sweepCounts
	p := sweepPlan(t, &c, "256", "16", "64")
	r, err := Start(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	snaps := 0
	for s := range r.Snapshots() {
		snaps++
		// The engine's estimate is never below its elapsed time, and the
		// sweep adds the same offset to both.
		if s.Elapsed > s.Estimate {
			t.Errorf("snapshot %d: elapsed %v past the estimate %v", s.Seq, s.Elapsed, s.Estimate)
		}
	}
	rep, err := r.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if snaps == 0 {
		t.Error("no snapshot was relayed")
	}
	sw := rep.Sweep
	if sw == nil || sw.Param != "n" || len(sw.Points) != 3 {
		t.Fatalf("sweep = %+v, want three points of n", sw)
	}
	for i, want := range []float64{256, 16, 64} {
		if sw.Points[i].Value != want || len(sw.Points[i].Strategies) != 2 {
			t.Errorf("point %d: n=%v with %d strategies, want n=%v with 2", i, sw.Points[i].Value, len(sw.Points[i].Strategies), want)
		}
	}
	if rep.Strategies[0] != sw.Points[2].Strategies[0] || rep.Params["n"] != 64 || rep.Lab != "test" || rep.Workload != "spin" {
		t.Errorf("report holds %v of params %v, want the last point's strategies at n=64", rep.Strategies, rep.Params)
	}
	for _, name := range []string{"spin", "again"} {
		if _, ok := sw.Exponents[name]; !ok {
			t.Errorf("no exponent for %s in %v", name, sw.Exponents)
		}
	}
	if i, n := r.SweepPoint(); i != 2 || n != 3 {
		t.Errorf("SweepPoint = %d, %d; want 2, 3", i, n)
	}
	if c.prepared.Load() != 3 || c.envClosed.Load() != 3 || c.subjectsClosed.Load() != 6 {
		t.Errorf("prepared %d, envs closed %d, subjects closed %d; want 3, 3, 6",
			c.prepared.Load(), c.envClosed.Load(), c.subjectsClosed.Load())
	}
}

func TestSweepStopsWhenCancelled(t *testing.T) {
	measuretest.NoLeaks(t)
	var c sweepCounts
	p := sweepPlan(t, &c, "16", "32", "64", "128", "256", "512")
	for i := range p.Sweep.Points {
		p.Sweep.Points[i].Config.Reps = 50
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, err := Start(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	<-r.Snapshots() // the first point is under way
	cancel()
	for range r.Snapshots() {
	}
	rep, err := r.Wait()
	if err == nil || rep == nil || !rep.Cancelled {
		t.Fatalf("cancelled sweep: report %v, error %v; want a cancelled report and an error", rep, err)
	}
	if len(rep.Sweep.Points) == len(p.Sweep.Points) {
		t.Errorf("all %d points finished after the cancel", len(rep.Sweep.Points))
	}
	if c.prepared.Load() != c.envClosed.Load() || c.subjectsClosed.Load() != 2*c.prepared.Load() {
		t.Errorf("prepared %d, envs closed %d, subjects closed %d: something was left running",
			c.prepared.Load(), c.envClosed.Load(), c.subjectsClosed.Load())
	}
}

func TestParseSweep(t *testing.T) {
	for _, tt := range []struct {
		text, want, err string
	}{
		{"", "", ""},
		{"  ", "", ""},
		{"n=16, 256 ,4096", "n=16,256,4096", ""},
		{" n =1,2", "n=1,2", ""},
		{"n", "", "sweep wants name=v1,v2,..., such as n=16,256,4096, got \"n\""},
		{"=1,2", "", "sweep wants name=v1,v2"},
		{"n= ", "", "sweep wants name=v1,v2"},
		{"n=16,,32", "", `sweep n has an empty value in "16,,32"`},
		{"n=16,", "", `sweep n has an empty value in "16,"`},
	} {
		sw, err := ParseSweep(tt.text)
		got := ""
		if sw != nil {
			got = sw.Param + "=" + strings.Join(sw.Values, ",")
		}
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("ParseSweep(%q): error %v", tt.text, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParseSweep(%q): error %v, want one containing %q", tt.text, err, tt.err)
		case got != tt.want:
			t.Errorf("ParseSweep(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestAPlainRunIsOnePoint(t *testing.T) {
	measuretest.NoLeaks(t)
	p := sweepPlan(t, nil, "16", "32")
	p.Sweep = nil
	r, rep := runToEnd(t, p)
	if i, n := r.SweepPoint(); i != 0 || n != 1 {
		t.Errorf("SweepPoint = %d, %d; want 0, 1", i, n)
	}
	if rep.Sweep != nil || rep.Params["n"] != 16 || rep.Lab != "test" || rep.Workload != "spin" {
		t.Errorf("plain run: sweep %v, params %v, %s/%s; want no sweep, n=16, test/spin", rep.Sweep, rep.Params, rep.Lab, rep.Workload)
	}
}

// runToEnd starts p, reads its snapshots until they end and returns the run
// and its report, failing the test if the run fails.
func runToEnd(t *testing.T, p *Plan) (*Run, *measure.Report) {
	t.Helper()
	r, err := Start(t.Context(), p)
	if err != nil {
		t.Fatal(err)
	}
	return r, labtest.Finish(t, r)
}
