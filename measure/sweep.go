package measure

import (
	"maps"
	"math"
)

// Sweep holds a run repeated over values of one parameter.
type Sweep struct {
	Param  string       `json:"param"`
	Points []SweepPoint `json:"points"`
	// Exponents estimates each strategy's growth: the slope of log ns/op
	// against log value.
	Exponents map[string]float64 `json:"exponents"`
}

// A SweepPoint is the results at one value of the swept parameter.
type SweepPoint struct {
	Value      float64   `json:"value"`
	Strategies []*Result `json:"strategies"`
}

// NewSweep returns the sweep of param over points, with each strategy's
// growth exponent fitted on its median ns/op at every point.
func NewSweep(param string, points []SweepPoint) *Sweep {
	s := &Sweep{Param: param, Points: points, Exponents: map[string]float64{}}
	for _, name := range s.Names() {
		x, y := s.Series(name)
		if k, ok := fitExponent(x, y); ok {
			s.Exponents[name] = k
		}
	}
	return s
}

// Names returns the strategies of the sweep in the order they were first
// measured.
func (s *Sweep) Names() []string {
	var names []string
	seen := map[string]bool{}
	for _, p := range s.Points {
		for _, r := range p.Strategies {
			if !seen[r.Name] {
				seen[r.Name] = true
				names = append(names, r.Name)
			}
		}
	}
	return names
}

// Series returns one strategy's growth curve: the swept values at which it
// was measured and its median ns/op at each.
func (s *Sweep) Series(name string) (values, nsPerOp []float64) {
	for _, p := range s.Points {
		for _, r := range p.Strategies {
			if r.Name == name {
				values = append(values, p.Value)
				nsPerOp = append(nsPerOp, r.NsPerOp.Median)
			}
		}
	}
	return values, nsPerOp
}

// Point returns point i of the report's sweep as a run of its own: the
// point's results, with the swept parameter set to the point's value. The
// command line and the TUI compare a sweep point by point this way.
func (r *Report) Point(i int) *Report {
	p := *r
	pt := r.Sweep.Points[i]
	p.Sweep, p.Strategies = nil, pt.Strategies
	p.Params = maps.Clone(r.Params)
	if p.Params == nil {
		p.Params = map[string]any{}
	}
	p.Params[r.Sweep.Param] = pt.Value
	return &p
}

// fitExponent returns k of y ≈ c·x^k: the least-squares slope of log y
// against log x. A straight line on a log-log plot is a power law, and its
// slope is the power, so an O(n) cost fits near 1, O(1) near 0 and O(n²)
// near 2. Points with a non-positive x or y cannot sit on a log scale and
// are left out; ok is false when fewer than two distinct x remain.
func fitExponent(x, y []float64) (k float64, ok bool) {
	var lx, ly []float64
	for i := range min(len(x), len(y)) {
		if x[i] > 0 && y[i] > 0 && !math.IsInf(x[i], 0) && !math.IsInf(y[i], 0) {
			lx = append(lx, math.Log(x[i]))
			ly = append(ly, math.Log(y[i]))
		}
	}
	if len(lx) < 2 {
		return 0, false
	}
	mx, my := mean(lx), mean(ly)
	var sxy, sxx float64
	for i := range lx {
		sxy += (lx[i] - mx) * (ly[i] - my)
		sxx += (lx[i] - mx) * (lx[i] - mx)
	}
	if sxx == 0 {
		return 0, false
	}
	return sxy / sxx, true
}

func mean(v []float64) float64 {
	var sum float64
	for _, x := range v {
		sum += x
	}
	return sum / float64(len(v))
}
