package main

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/perflab/perflab/labs/own"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

func TestHTTPBadGeneratorsExit2(t *testing.T) {
	for _, n := range []string{"-1", "65"} {
		out, stderr, code := perflab(t, "http", "--generators", n, "http://127.0.0.1:1/")
		if code != 2 || out != "" || !strings.Contains(stderr, "--generators") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("--generators %s: exit %d, stdout %q, stderr %q; want exit 2 and one line naming --generators", n, code, out, stderr)
		}
	}
}

// fleetResult is a result as a fleet run of two generators leaves it.
func fleetResult(name string, reps float64, rate1, rate2 float64) *measure.Result {
	return &measure.Result{Name: name, Metrics: map[string]float64{
		own.MetricGenerators: 2, own.MetricFleetRate: rate1 + rate2,
		own.GeneratorMetric("gen1", "share"): 0.5, own.GeneratorMetric("gen1", "target_rate"): 500,
		own.GeneratorMetric("gen1", "achieved_rate"): rate1, own.GeneratorMetric("gen1", "reps"): reps,
		own.GeneratorMetric("gen2", "share"): 0.5, own.GeneratorMetric("gen2", "target_rate"): 500,
		own.GeneratorMetric("gen2", "achieved_rate"): rate2, own.GeneratorMetric("gen2", "reps"): reps,
		own.GeneratorMetric("gen1", "index"): 1, own.GeneratorMetric("gen2", "index"): 2,
	}}
}

// TestALostGeneratorSaysWhy loses gen2 of a fleet run in its second
// repetition, killed, then stalled: the JSON's generators list carries
// how, and the table under the comparison says it in words.
func TestALostGeneratorSaysWhy(t *testing.T) {
	exit3 := 3
	for _, c := range []struct {
		how, status, signal float64
		words               string
		want                generatorJSON
	}{
		{own.LostExited, -1, 9, "lost in repetition 2: died (killed), its share", generatorJSON{LostHow: "exited", Signal: 9}},
		{own.LostExited, 3, 0, "lost in repetition 2: died (exit status 3), its share", generatorJSON{LostHow: "exited", ExitStatus: &exit3}},
		{own.LostStalled, 0, 0, "lost in repetition 2: stalled, its share", generatorJSON{LostHow: "stalled"}},
		{own.LostLeft, 0, 0, "lost in repetition 2: left, its share", generatorJSON{LostHow: "left"}},
	} {
		r := fleetResult("a", 3, 500, 480)
		r.Metrics[own.MetricLost] = 1
		r.Metrics[own.GeneratorMetric("gen2", "lost_at_rep")] = 2
		r.Metrics[own.GeneratorMetric("gen2", "lost_how")] = c.how
		if c.how == own.LostExited {
			r.Metrics[own.GeneratorMetric("gen2", "lost_exit_status")] = c.status
			r.Metrics[own.GeneratorMetric("gen2", "lost_signal")] = c.signal
		}
		var buf, table bytes.Buffer
		if err := withGenerators(report.Formats["json"])(&buf, &measure.Report{Strategies: []*measure.Result{r}}); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Generators []generatorJSON `json:"generators"`
		}
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil || len(doc.Generators) != 2 {
			t.Fatalf("%v, %d generators in %s", err, len(doc.Generators), buf.String())
		}
		g1, g2 := doc.Generators[0], doc.Generators[1]
		if g1.Lost || g1.LostHow != "" || !g2.Lost || g2.LostHow != c.want.LostHow || g2.Signal != c.want.Signal ||
			(g2.ExitStatus == nil) != (c.want.ExitStatus == nil) || (g2.ExitStatus != nil && *g2.ExitStatus != *c.want.ExitStatus) {
			t.Errorf("how %v: the JSON's generators %+v, %+v; want gen1 in the run, gen2 lost as %+v", c.how, g1, g2, c.want)
		}
		writeGenerators(&table, []*measure.Result{r})
		if l := table.String(); !strings.Contains(l, c.words) {
			t.Errorf("how %v: the table lacks %q:\n%s", c.how, c.words, l)
		}
	}
}

func TestJSONHasATopLevelGeneratorsList(t *testing.T) {
	rep := &measure.Report{Strategies: []*measure.Result{fleetResult("a", 3, 500, 480), fleetResult("b", 1, 500, 400)}}
	var buf bytes.Buffer
	if err := withGenerators(report.Formats["json"])(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Generators []generatorJSON `json:"generators"`
		Strategies []json.RawMessage
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("%v in %s", err, buf.String())
	}
	if len(doc.Generators) != 2 || len(doc.Strategies) != 2 {
		t.Fatalf("generators %+v, %d strategies; want 2 and 2", doc.Generators, len(doc.Strategies))
	}
	g2 := doc.Generators[1]
	// 3 repetitions at 480/s and 1 at 400/s: 460/s over the 4.
	if g2.Name != "gen2" || g2.TargetRate != 500 || g2.Reps != 4 || g2.AchievedRate != 460 || len(g2.Strategies) != 2 {
		t.Errorf("gen2 is %+v; want target 500/s, 4 reps, 460/s achieved, over 2 strategies", g2)
	}
	var table bytes.Buffer
	writeGenerators(&table, rep.Strategies)
	if !strings.Contains(table.String(), "gen2           50%         500         480      3") {
		t.Errorf("the table under the comparison:\n%s\nwant gen2's share, target, achieved rate and reps for a", table.String())
	}
}

// TestFleetThroughputIsTheGeneratorsSum runs a short open-loop race over
// two generators against a loopback server and reads its JSON: the
// strategy's throughput, operations over the seconds of load, equals the
// sum of the generators' achieved rates, each on its own clock, within
// rounding. Divided by the engine's repetition time instead, which holds
// the coordinated start's lead and the last report's trip, it fell a few
// per cent short of it.
func TestFleetThroughputIsTheGeneratorsSum(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) }))
	defer srv.Close()
	out, _ := perflabOK(t, "http", srv.URL, "--generators", "2", "--rate", "200", "--reps", "3", "--duration", "200ms", "--format", "json")
	var doc struct {
		Generators []generatorJSON `json:"generators"`
		Strategies []struct {
			Throughput float64            `json:"throughput"`
			Errors     int64              `json:"errors"`
			Metrics    map[string]float64 `json:"metrics"`
		} `json:"strategies"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if len(doc.Generators) != 2 || len(doc.Strategies) != 1 || doc.Strategies[0].Errors != 0 {
		t.Fatalf("%d generators, %d strategies: want 2 generators racing one URL without errors in %s", len(doc.Generators), len(doc.Strategies), out)
	}
	var sum float64
	for _, g := range doc.Generators {
		sum += g.AchievedRate
		// The rate is what its label says: requests over their time.
		if g.Requests <= 0 || g.MeasuredNs <= 0 || math.Abs(g.AchievedRate-float64(g.Requests)/(float64(g.MeasuredNs)/1e9)) > 1e-6*g.AchievedRate {
			t.Errorf("%s: %v/s achieved, %d requests in %d ns: want the one the other over the third", g.Name, g.AchievedRate, g.Requests, g.MeasuredNs)
		}
	}
	s := doc.Strategies[0]
	// Each generator's window is its repetition's duration on its own
	// clock; the windows differ by the microseconds a timer fires late,
	// which leaves the two figures a hair apart, never a per cent.
	if sum <= 0 || math.Abs(s.Throughput-sum) > sum/1000 || math.Abs(s.Metrics[own.MetricFleetRate]-sum) > sum/1e9 {
		t.Errorf("throughput %v/s, generators' achieved rates summed %v/s, fleet rate %v/s: want all three equal within rounding",
			s.Throughput, sum, s.Metrics[own.MetricFleetRate])
	}
}

// TestTheRateOverAllURLsIsRequestsOverTime races a for 3 repetitions of a
// second at 500/s and b for 1 of half a second at 200/s: over both, a
// generator sent 1600 requests in 3.5 s, 457/s, where a mean of the two
// rates weighted by repetitions says 425/s. A run kept before the
// requests and their time were figures keeps the weighted mean.
func TestTheRateOverAllURLsIsRequestsOverTime(t *testing.T) {
	a, b := fleetResult("a", 3, 500, 500), fleetResult("b", 1, 200, 200)
	for _, g := range []string{"gen1", "gen2"} {
		a.Metrics[own.GeneratorMetric(g, "requests")], a.Metrics[own.GeneratorMetric(g, "measured_ns")] = 1500, 3e9
		b.Metrics[own.GeneratorMetric(g, "requests")], b.Metrics[own.GeneratorMetric(g, "measured_ns")] = 100, 0.5e9
	}
	gens := generatorsOf([]*measure.Result{a, b})
	if len(gens) != 2 || gens[0].Requests != 1600 || gens[0].MeasuredNs != 3.5e9 || math.Abs(gens[0].AchievedRate-1600/3.5) > 1e-9 {
		t.Errorf("generators %+v: want 1600 requests in 3.5 s, %v/s", gens, 1600/3.5)
	}
	old := generatorsOf([]*measure.Result{fleetResult("a", 3, 500, 500), fleetResult("b", 1, 200, 200)})
	if len(old) != 2 || old[0].AchievedRate != 425 || old[0].Requests != 0 {
		t.Errorf("a run kept without requests and time: %+v, want 425/s, the repetitions' weighted mean", old)
	}
}

// TestGeneratorsAreNamedAsTheirFiguresSay: a remote generator's name,
// which says where it runs, is the one the JSON and the table give.
func TestGeneratorsAreNamedAsTheirFiguresSay(t *testing.T) {
	r := &measure.Result{Name: "a", Metrics: map[string]float64{own.MetricGenerators: 2, own.MetricFleetRate: 900,
		own.MetricSkewMax: 145e6, own.MetricSkewTolerance: 5e6}}
	for i, name := range []string{"gen1@web-east-1.example", "gen2@web-west-2"} {
		r.Metrics[own.GeneratorMetric(name, "index")] = float64(i + 1)
		r.Metrics[own.GeneratorMetric(name, "share")] = 0.5
		r.Metrics[own.GeneratorMetric(name, "achieved_rate")] = 450
		r.Metrics[own.GeneratorMetric(name, "reps")] = 3
	}
	gens := generatorsOf([]*measure.Result{r})
	if len(gens) != 2 || gens[0].Name != "gen1@web-east-1.example" || gens[1].Name != "gen2@web-west-2" || gens[1].AchievedRate != 450 {
		t.Errorf("generators %+v, want each named as it joined", gens)
	}
	var table bytes.Buffer
	writeGenerators(&table, []*measure.Result{r})
	for _, want := range []string{"gen1@web-east-1.example     50%      closed         450      3", "started up to 145ms apart, over the 5ms tolerance"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, table.String())
		}
	}
}
