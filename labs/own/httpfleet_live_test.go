package own

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// TestCatalogueHTTPOverGenerators races the TUI's http workload over two
// generators, open loop: every snapshot after a measured repetition
// carries each generator's share, target and rates, read back by FleetOf,
// and the result's figures are those perflab http --generators gives.
func TestCatalogueHTTPOverGenerators(t *testing.T) {
	measuretest.NoLeaks(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(time.Millisecond)
		_, _ = w.Write([]byte("ok"))
	}))
	defer srv.Close()
	hw, err := Catalogue().Workload("http")
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]string{"url_a": srv.URL + "/a", "url_b": srv.URL + "/b", "url_c": srv.URL + "/c",
		ParamConnections: "2", ParamRate: "200", ParamGenerators: "2"}
	run, wait, err := labtest.Start(context.Background(), hw, params, measure.Config{Reps: 2})
	if err != nil {
		t.Fatal(err)
	}
	live := 0
	for snap := range run.Snapshots() {
		for _, sub := range snap.Subjects {
			f, ok := FleetOf(sub.Metrics)
			if sub.RepsDone == 0 {
				if ok {
					t.Errorf("%s before a measured repetition: fleet figures %+v", sub.Name, f)
				}
				continue
			}
			live++
			if !ok || len(f.Generators) != 2 || f.Generators[0].Name != "gen1" || f.Generators[1].Name != "gen2" {
				t.Fatalf("%s after %d repetitions: fleet %+v (ok %v), want gen1 and gen2", sub.Name, sub.RepsDone, f, ok)
			}
			for _, g := range f.Generators {
				if !g.Open || g.TargetRate != 100 || g.Share != 0.5 || g.LastRate <= 0 || g.Rate <= 0 || g.Reps != sub.RepsDone || g.Lost {
					t.Errorf("%s after %d repetitions: %+v, want a share of half, 100/s asked and a rate achieved", sub.Name, sub.RepsDone, g)
				}
			}
		}
	}
	rep, err := wait()
	if err != nil {
		t.Fatal(err)
	}
	if live == 0 {
		t.Error("no snapshot after a measured repetition was read")
	}
	if rep.RepDurationNs < int64(minFleetRep) {
		t.Errorf("repetitions of %v over generators, want at least %v", time.Duration(rep.RepDurationNs), minFleetRep)
	}
	for _, s := range Slots {
		r := labtest.Result(t, rep, s)
		f, ok := FleetOf(r.Metrics)
		if !ok || r.Ops == 0 || r.Errors != 0 || f.Rate <= 0 || f.Rate > 200*1.05 {
			t.Errorf("%s: %d ops, %d errors, fleet %+v: want the load answered, at most the rate asked", s, r.Ops, r.Errors, f)
		}
	}
}

func TestCatalogueRefusesBadGenerators(t *testing.T) {
	hw, err := Catalogue().Workload("http")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"-1", "65", "two", "1.5"} {
		_, err := hw.Parse(map[string]string{ParamGenerators: v})
		if err == nil || !strings.Contains(err.Error(), "generators") || strings.Contains(err.Error(), "\n") {
			t.Errorf("generators=%s: %v, want one line naming generators", v, err)
		}
	}
}

// TestFleetOfReadsNamesAsGiven reads the figures of generators named with
// underscores and out of order, as remote generators may be named.
func TestFleetOfReadsNamesAsGiven(t *testing.T) {
	m := map[string]float64{MetricGenerators: 2, MetricFleetRate: 90, MetricLost: 1}
	for name, fig := range map[string]map[string]float64{
		"east_1": {figureIndex: 2, "share": 0, "achieved_rate": 40, figureLastRate: 0, "reps": 3, "lost_at_rep": 4,
			"lost_how": LostExited, "lost_exit_status": -1, "lost_signal": 9},
		"west_10": {figureIndex: 1, "share": 1, "achieved_rate": 50, figureLastRate: 60, "reps": 5},
	} {
		for k, v := range fig {
			m[GeneratorMetric(name, k)] = v
		}
	}
	f, ok := FleetOf(m)
	if !ok || len(f.Generators) != 2 || f.Lost != 1 || f.Rate != 90 {
		t.Fatalf("FleetOf = %+v, %v", f, ok)
	}
	west, east := f.Generators[0], f.Generators[1]
	if west.Name != "west_10" || west.Lost || west.Open || west.LastRate != 60 || west.Reps != 5 {
		t.Errorf("first generator %+v, want west_10 in the run, closed loop", west)
	}
	if east.Name != "east_1" || !east.Lost || east.LostAtRep != 4 || east.Rate != 40 ||
		east.LostHow != "exited" || east.ExitStatus != -1 || east.Signal != 9 {
		t.Errorf("second generator %+v, want east_1 lost in repetition 4, exited by signal 9", east)
	}
	if west.LostHow != "" {
		t.Errorf("a generator in the run says it was lost as %q", west.LostHow)
	}
	if _, ok := FleetOf(map[string]float64{"status_200": 3}); ok {
		t.Error("FleetOf reads a fleet from a run without generators")
	}
}

// TestAFleetRepetitionRunsOnceARepetition calls a fleet subject's Drive
// twice in one repetition, as the engine does when it is slow to see its
// deadline pass: the second call runs no second fleet repetition, which
// would count twice, and returns once the repetition's context ends.
func TestAFleetRepetitionRunsOnceARepetition(t *testing.T) {
	measuretest.NoLeaks(t)
	l := twoPathFleet(t, 100*time.Millisecond)
	w := l.Workloads[0]
	env := labtest.Env(t, context.Background(), w, map[string]string{ParamConnections: "1", ParamRate: "100"})
	sub, err := w.Strategies[0].New(env)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if sub.Close != nil {
			if err := sub.Close(); err != nil {
				t.Error(err)
			}
		}
	}()
	recs := []*measure.Recorder{measure.NewRecorder(), measure.NewRecorder()}
	// The first repetition entered is the warm-up; the second is measured.
	for range 2 {
		if err := sub.Enter(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := sub.Drive(ctx, recs); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := sub.Drive(ctx, recs); err != context.Canceled {
		t.Errorf("a second Drive in one repetition returned %v, want the context's end", err)
	}
	if m := sub.Metrics(); m[GeneratorMetric("gen1", "reps")] != 1 {
		t.Errorf("two Drive calls in one repetition ran %v fleet repetitions, want 1", m[GeneratorMetric("gen1", "reps")])
	}
}
