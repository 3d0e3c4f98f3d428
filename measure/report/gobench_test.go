package report

import (
	"strings"
	"testing"

	"golang.org/x/perf/benchfmt"

	"github.com/perflab/perflab/measure"
)

func TestWriteGoBenchFeedsBenchstat(t *testing.T) {
	b := written(t, WriteGoBench, fakeReport())
	wantAll(t, "gobench output", b, "BenchmarkMembership/Slice\t1000\t2500 ns/op\t0 B/op\t0 allocs/op", "BenchmarkMembership/Map\t600000\t16.6 ns/op")
}

// sweepReport is fakeReport swept over n at 16 and 256, each point with
// its own figures, as perflab run --sweep leaves it: the report's own
// strategies and parameters are the last point's.
func sweepReport() *measure.Report {
	r := fakeReport()
	var points []measure.SweepPoint
	for _, v := range []float64{16, 256} {
		var strategies []*measure.Result
		for _, s := range fakeReport().Strategies[:2] {
			c := *s
			c.Reps = []measure.Rep{{Ops: 1000, ElapsedNs: int64(v) * 1000, NsPerOp: v}}
			c.NsPerOp.Median = v
			strategies = append(strategies, &c)
		}
		points = append(points, measure.SweepPoint{Value: v, Strategies: strategies})
	}
	r.Sweep = measure.NewSweep("n", points)
	r.Strategies = points[1].Strategies
	r.Params["n"] = 256
	return r
}

// TestWriteGoBenchSweepIsReadByBenchfmt writes a sweep and reads it back as
// benchstat does: every point of every strategy, named with its n, under
// the run's parameters as configuration.
func TestWriteGoBenchSweepIsReadByBenchfmt(t *testing.T) {
	b := written(t, WriteGoBench, sweepReport())
	got := map[string]float64{}
	rd := benchfmt.NewReader(strings.NewReader(b), "sweep.txt")
	for rd.Scan() {
		res, ok := rd.Result().(*benchfmt.Result)
		if !ok {
			continue
		}
		if hr := res.GetConfig("hit_ratio"); hr != "0.5" {
			t.Errorf("%s: hit_ratio config %q, want 0.5", res.Name, hr)
		}
		if n := res.GetConfig("n"); n != "" {
			t.Errorf("%s: the swept n is also a configuration line (%q): it belongs in the name", res.Name, n)
		}
		ns, _ := res.Value("sec/op")
		got[string(res.Name.Full())] = ns * 1e9
	}
	if err := rd.Err(); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"Membership/Slice/n=16": 16, "Membership/Map/n=16": 16, "Membership/Slice/n=256": 256, "Membership/Map/n=256": 256}
	for name, ns := range want {
		if g, ok := got[name]; !ok || g < ns*0.999 || g > ns*1.001 {
			t.Errorf("benchmark %s: %v ns/op (found %v), want %v; read %v from:\n%s", name, g, ok, ns, got, b)
		}
	}
	if len(got) != len(want) {
		t.Errorf("read %d benchmarks, want %d: %v", len(got), len(want), got)
	}
}

func TestWriteGoBenchCarriesTheRunsParameters(t *testing.T) {
	b := written(t, WriteGoBench, fakeReport())
	for _, want := range []string{"\nhit_ratio: 0.5\n", "\nn: 10000\n", "\nreps: 10\n", "\nrep-duration: 100ms\n", "\nload: closed loop\n"} {
		if !strings.Contains(b, want) {
			t.Errorf("gobench output lacks the configuration line %q:\n%s", strings.TrimSpace(want), b)
		}
	}
}
