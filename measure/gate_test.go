package measure

import (
	"math"
	"strings"
	"testing"
)

func TestParseThreshold(t *testing.T) {
	tests := []struct {
		in       string
		metric   string
		limit    float64
		relative bool
		err      string
	}{
		{in: "slower>5%", metric: "slower", limit: 0.05, relative: true},
		{in: " p99 > 10% ", metric: "p99", limit: 0.10, relative: true},
		{in: "allocs>0", metric: "allocs", limit: 0},
		{in: "allocs/op>2.5%", metric: "allocs", limit: 0.025, relative: true},
		{in: "B/op>1024", metric: "bytes", limit: 1024},
		{in: "ns/op>3%", metric: "slower", limit: 0.03, relative: true},
		{in: "slower5%", err: "want METRIC>LIMIT"},
		{in: "faster>5%", err: "unknown figure"},
		{in: "slower>5", err: "takes a percentage"},
		{in: "p99>1ms", err: "must be a number"},
		{in: "slower>-5%", err: "must not be negative"},
		{in: "slower>NaN%", err: "must be a number"},
		{in: "slower>1e9%", err: "past any measurable change"},
	}
	for _, tt := range tests {
		got, err := parseThreshold(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("parseThreshold(%q) error = %v, want one with %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got.Metric != tt.metric || math.Abs(got.Limit-tt.limit) > 1e-12 || got.Relative != tt.relative {
			t.Errorf("parseThreshold(%q) = %+v, %v; want %s %g relative=%v", tt.in, got, err, tt.metric, tt.limit, tt.relative)
		}
	}
}

func TestParseGateSplitsCommas(t *testing.T) {
	g, err := ParseGate([]string{"slower>5%,p99>20%", "allocs>0"})
	if err != nil || len(g) != 3 || g[0].Metric != "slower" || g[1].Metric != "p99" || g[2].Metric != "allocs" {
		t.Errorf("ParseGate = %+v, %v; want slower, p99, allocs", g, err)
	}
	if _, err := ParseGate([]string{"slower>5%,"}); err == nil {
		t.Error("ParseGate accepted an empty rule after a comma")
	}
}

func ptr(v float64) *float64 { return &v }

func TestGateCheck(t *testing.T) {
	slow := Comparison{Verdict: Slower, Speedup: 1 / 1.10, P: 0.001}
	slightly := Comparison{Verdict: Slower, Speedup: 1 / 1.03, P: 0.01}
	noisy := Comparison{Verdict: Inconclusive, Speedup: 1 / 1.20, P: 0.3}
	tests := []struct {
		name      string
		rule      string
		row       DiffRow
		breach    string
		unchecked string
	}{
		{name: "significantly slower past the limit", rule: "slower>5%", row: DiffRow{Vs: slow}, breach: "10.0% slower"},
		{name: "significantly slower within the limit", rule: "slower>5%", row: DiffRow{Vs: slightly}},
		{name: "a large change inside noise", rule: "slower>5%", row: DiffRow{Vs: noisy}},
		{name: "p99 grown past the limit", rule: "p99>10%", row: DiffRow{OldP99Ns: 1000, NewP99Ns: 1200}, breach: "+20.0%"},
		{name: "p99 grown within the limit", rule: "p99>10%", row: DiffRow{OldP99Ns: 1000, NewP99Ns: 1050}},
		{name: "no p99", rule: "p99>10%", row: DiffRow{}, unchecked: "p99 not measured"},
		{name: "a new allocation", rule: "allocs>0", row: DiffRow{OldAllocs: ptr(0), NewAllocs: ptr(1)}, breach: "allocs/op 0 → 1"},
		{name: "allocations from zero, relative", rule: "allocs>50%", row: DiffRow{OldAllocs: ptr(0), NewAllocs: ptr(1)}, breach: "allocs/op"},
		{name: "fewer allocations", rule: "allocs>0", row: DiffRow{OldAllocs: ptr(2), NewAllocs: ptr(1)}},
		{name: "bytes within the limit", rule: "bytes>10%", row: DiffRow{OldBytes: ptr(100), NewBytes: ptr(105)}},
		{name: "bytes past the limit", rule: "bytes>64", row: DiffRow{OldBytes: ptr(100), NewBytes: ptr(200)}, breach: "B/op 100 → 200"},
		{name: "allocations not measured", rule: "allocs>0", row: DiffRow{NewAllocs: ptr(1)}, unchecked: "not measured"},
	}
	for _, tt := range tests {
		g, err := ParseGate([]string{tt.rule})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		tt.row.Name = "map"
		// A diff reads each run's figures from its results.
		tt.row.OldFigures = figures(&Result{P99Ns: tt.row.OldP99Ns, AllocsPerOp: tt.row.OldAllocs, BytesPerOp: tt.row.OldBytes})
		tt.row.NewFigures = figures(&Result{P99Ns: tt.row.NewP99Ns, AllocsPerOp: tt.row.NewAllocs, BytesPerOp: tt.row.NewBytes})
		got := g.Check(&Diff{Rows: []DiffRow{tt.row}})
		check := func(what string, lines []string, want string) {
			switch {
			case want == "" && len(lines) > 0:
				t.Errorf("%s: %s %q, want none", tt.name, what, lines)
			case want != "" && (len(lines) != 1 || !strings.Contains(lines[0], want) || !strings.HasPrefix(lines[0], "map: ")):
				t.Errorf("%s: %s %q, want one naming map with %q", tt.name, what, lines, want)
			}
		}
		check("breaches", got.Breaches, tt.breach)
		check("unchecked", got.Unchecked, tt.unchecked)
	}
}

// FuzzParseThreshold gives parseThreshold what a CI file might hold: it
// must never panic, and a rule it accepts has a known figure and a limit
// that is a finite, non-negative number.
func FuzzParseThreshold(f *testing.F) {
	for _, s := range []string{"slower>5%", "p99>10%", "allocs>0", "B/op>1e3", "slower>", ">5%", "slower>>5%", "p99>-0%", "allocs>inf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		th, err := parseThreshold(s)
		if err != nil {
			return
		}
		if _, ok := gateMetrics()[th.Metric]; !ok {
			t.Fatalf("%q: accepted figure %q", s, th.Metric)
		}
		if math.IsNaN(th.Limit) || math.IsInf(th.Limit, 0) || th.Limit < 0 {
			t.Fatalf("%q: accepted limit %g", s, th.Limit)
		}
	})
}

// testHitRatio is declared once, as a lab declares its figures, at the
// package's start: declared inside its test, a second run of the test
// (go test -count=2) declared it twice and panicked.
var testHitRatio = DeclareMetric(Metric{Name: "test_hit_ratio", Better: Higher, Meaning: "the share of calls a cache answered"})

// TestDeclaredMetricIsGated checks that a figure of a strategy's own, once
// declared with a direction, is a rule a gate holds a new run to, falling
// where higher is better, with no other change to the gate.
func TestDeclaredMetricIsGated(t *testing.T) {
	g, err := ParseGate([]string{testHitRatio.Name + ">10%"})
	if err != nil {
		t.Fatal(err)
	}
	old := &Result{Name: "lru", Metrics: map[string]float64{"test_hit_ratio": 0.8}}
	for _, tt := range []struct {
		now    float64
		breach bool
	}{{0.6, true}, {0.75, false}, {0.95, false}} {
		now := &Result{Name: "lru", Metrics: map[string]float64{"test_hit_ratio": tt.now}}
		res := g.Check(&Diff{Rows: []DiffRow{{Name: "lru", OldFigures: figures(old), NewFigures: figures(now)}}})
		if got := len(res.Breaches) > 0; got != tt.breach {
			t.Errorf("hit ratio 0.8 → %g: breaches %q, want a breach: %v", tt.now, res.Breaches, tt.breach)
		}
	}
	if _, ok := gateMetrics()["test_hit_ratio"]; !ok {
		t.Error("gateMetrics does not list the declared figure")
	}
}
