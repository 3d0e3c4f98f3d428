package own

import (
	"cmp"
	"slices"

	"github.com/perflab/perflab/measure"
)

// kneeFactor is how far p99 may rise above its level at the lowest load
// before the curve has left its flat part: a doubling is no longer noise.
const kneeFactor = 2

// A LoadPoint is one strategy's figures at one offered load of a rate sweep.
type LoadPoint struct {
	// Offered is the target rate, requests a second; Achieved what the
	// dispatcher managed, failures included.
	Offered, Achieved float64
	// P50Ns and P99Ns are the response time from each request's intended
	// start; ServiceP99Ns the service time from its actual start.
	P50Ns, P99Ns, ServiceP99Ns int64
	Errors                     int64
}

// A LoadCurve is one strategy's latency against offered load.
type LoadCurve struct {
	Name   string
	Points []LoadPoint
	// Knee is the index of the first point whose p99 is more than twice
	// the p99 at the lowest load, or whose achieved rate falls short of
	// nine tenths of the offered one; -1 when the curve stays flat.
	Knee int
}

// LoadCurves returns each strategy's curve from a sweep of the rate, its
// points from the lowest load up; nil for any other sweep.
func LoadCurves(sw *measure.Sweep) []LoadCurve {
	if sw == nil || sw.Param != ParamRate {
		return nil
	}
	var curves []LoadCurve
	for _, name := range sw.Names() {
		c := LoadCurve{Name: name, Knee: -1}
		for _, pt := range sw.Points {
			for _, r := range pt.Strategies {
				if r.Name == name {
					c.Points = append(c.Points, loadPoint(pt.Value, r))
				}
			}
		}
		slices.SortFunc(c.Points, func(a, b LoadPoint) int { return cmp.Compare(a.Offered, b.Offered) })
		c.Knee = knee(c.Points)
		curves = append(curves, c)
	}
	return curves
}

func loadPoint(offered float64, r *measure.Result) LoadPoint {
	p := LoadPoint{Offered: offered, Achieved: r.Throughput, P50Ns: r.P50Ns, P99Ns: r.P99Ns, Errors: r.Errors}
	if r.OpenLoop != nil {
		p.Achieved = r.OpenLoop.AchievedRate
	}
	if r.Service != nil {
		p.ServiceP99Ns = r.Service.P99Ns
	}
	return p
}

// knee finds where the curve leaves its flat part; see LoadCurve.Knee.
func knee(pts []LoadPoint) int {
	if len(pts) == 0 {
		return -1
	}
	flat := pts[0].P99Ns
	for i, p := range pts {
		if p.P99Ns > kneeFactor*flat || p.Achieved < 0.9*p.Offered {
			return i
		}
	}
	return -1
}
