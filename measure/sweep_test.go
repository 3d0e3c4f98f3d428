package measure

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestFitExponentRecoversKnownPowerLaws(t *testing.T) {
	xs := []float64{16, 256, 4096, 65536}
	for _, tc := range []struct {
		name string
		k, c float64
	}{
		{"flat", 0, 20},
		{"log-ish slope", 0.25, 3},
		{"linear", 1, 0.7},
		{"n log n slope", 1.1, 5},
		{"quadratic", 2, 0.01},
	} {
		y := make([]float64, len(xs))
		for i, x := range xs {
			y[i] = tc.c * math.Pow(x, tc.k)
		}
		got, ok := fitExponent(xs, y)
		if !ok || math.Abs(got-tc.k) > 1e-9 {
			t.Errorf("%s: fitExponent = %v, %v; want %v, true", tc.name, got, ok, tc.k)
		}
	}
}

// TestFitExponentUnderNoise fits curves whose every point is off by up to
// ±20 %, as a noisy run's medians are: the fitted exponent must stay within
// 0.1 of the true one over a 4096-fold range of n.
func TestFitExponentUnderNoise(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	xs := []float64{16, 64, 256, 1024, 4096, 16384, 65536}
	for trial := range 200 {
		k := rng.Float64() * 2
		y := make([]float64, len(xs))
		for i, x := range xs {
			y[i] = 40 * math.Pow(x, k) * (0.8 + 0.4*rng.Float64())
		}
		got, ok := fitExponent(xs, y)
		if !ok || math.Abs(got-k) > 0.1 {
			t.Fatalf("trial %d: fitExponent = %.3f, %v; want %.3f ± 0.1", trial, got, ok, k)
		}
	}
}

func TestFitExponentSkipsPointsOffTheLogScale(t *testing.T) {
	got, ok := fitExponent([]float64{0, 10, 100, -5}, []float64{7, 10, 100, 3})
	if !ok || math.Abs(got-1) > 1e-9 {
		t.Errorf("fitExponent = %v, %v; want 1, true from the two positive points", got, ok)
	}
	for _, tc := range []struct {
		name string
		x, y []float64
	}{
		{"no points", nil, nil},
		{"one point", []float64{10}, []float64{5}},
		{"one distinct x", []float64{10, 10}, []float64{5, 6}},
		{"zero ns/op", []float64{10, 100}, []float64{0, 0}},
	} {
		if got, ok := fitExponent(tc.x, tc.y); ok {
			t.Errorf("%s: fitExponent = %v, true; want no fit", tc.name, got)
		}
	}
}

// sweepOf builds a sweep whose strategies cost c·n^k at each n.
func sweepOf(ns []float64, costs map[string]func(n float64) float64, order ...string) *Sweep {
	var pts []SweepPoint
	for _, n := range ns {
		p := SweepPoint{Value: n}
		for _, name := range order {
			ns := costs[name](n)
			p.Strategies = append(p.Strategies, &Result{Name: name, NsPerOp: Summary{Median: ns, Lo: ns, Hi: ns}})
		}
		pts = append(pts, p)
	}
	return NewSweep("n", pts)
}

func TestNewSweepFitsEveryStrategy(t *testing.T) {
	s := sweepOf([]float64{16, 256, 4096, 65536}, map[string]func(float64) float64{
		"slice": func(n float64) float64 { return 0.5 * n },
		"map":   func(n float64) float64 { return 12 },
		"pairs": func(n float64) float64 { return 0.001 * n * n },
	}, "slice", "map", "pairs")
	want := map[string]float64{"slice": 1, "map": 0, "pairs": 2}
	for name, k := range want {
		if got, ok := s.Exponents[name]; !ok || math.Abs(got-k) > 1e-9 {
			t.Errorf("exponent of %s = %v (present %v), want %v", name, got, ok, k)
		}
	}
	if got := strings.Join(s.Names(), ","); got != "slice,map,pairs" {
		t.Errorf("Names = %s, want slice,map,pairs", got)
	}
	x, y := s.Series("slice")
	if len(x) != 4 || x[3] != 65536 || y[3] != 0.5*65536 {
		t.Errorf("Series(slice) = %v, %v", x, y)
	}
}

func TestPointIsOnePointOfASweepAsARunOfItsOwn(t *testing.T) {
	a, b := &Result{Name: "a"}, &Result{Name: "b"}
	rep := &Report{
		Params: map[string]any{"keys": 3},
		Sweep:  &Sweep{Param: "n", Points: []SweepPoint{{Value: 16, Strategies: []*Result{a}}, {Value: 256, Strategies: []*Result{b}}}},
	}
	p := rep.Point(1)
	if p.Sweep != nil || len(p.Strategies) != 1 || p.Strategies[0] != b {
		t.Errorf("point 1 = sweep %v, strategies %v; want no sweep and point 1's results", p.Sweep, p.Strategies)
	}
	if p.Params["n"] != 256.0 || p.Params["keys"] != 3 {
		t.Errorf("point 1's params = %v, want keys 3 and n 256", p.Params)
	}
	if _, ok := rep.Params["n"]; ok || rep.Sweep == nil {
		t.Errorf("Point changed the sweep it was taken from: %+v", rep)
	}
	if got := (&Report{Sweep: rep.Sweep}).Point(0).Params["n"]; got != 16.0 {
		t.Errorf("a sweep without params: point 0's n = %v, want 16", got)
	}
}
