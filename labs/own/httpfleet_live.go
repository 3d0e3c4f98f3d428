package own

import (
	"cmp"
	"slices"
	"strings"

	"github.com/perflab/perflab/labs/internal/fleet"
)

// The figures a fleet run adds for its live view, beside those of
// httpfleet.go: each generator's place in the fleet (index, from 1, so
// that a reader lists them in order whatever their names) and its
// achieved rate in the repetition just run (last_rate), which shows a
// generator falling behind at once where its mean over the run would
// take many repetitions to.
const (
	figureIndex    = "index"
	figureLastRate = "last_rate"
)

// figures are the subject's metrics with the live view's figures added.
// The engine reads them after every measured repetition (LiveMetrics), on
// its goroutine while no repetition runs, so they need no lock; each call
// returns a new map, which the engine's snapshots keep.
func (s *fleetSubject) figures() map[string]float64 {
	m := s.metrics()
	for g, name := range s.names {
		m[GeneratorMetric(name, figureIndex)] = float64(g + 1)
		rate := 0.0
		if g < len(s.last.Ran) && s.last.Ran[g] {
			if d := s.last.Gens[g]; d.ElapsedNs > 0 {
				rate = float64(d.Ops+d.Errors) / (float64(d.ElapsedNs) / 1e9)
			}
		}
		m[GeneratorMetric(name, figureLastRate)] = rate
	}
	return m
}

// A FleetFigures is a fleet's figures for one URL, read back from a
// result's (or a snapshot's) metrics: what a screen shows of each
// generator.
type FleetFigures struct {
	// Generators are in the fleet's order.
	Generators []GeneratorFigures
	// Rate is the fleet's achieved rate, the generators' still in the
	// run summed.
	Rate float64
	// Lost counts the generators that died or stalled.
	Lost int
	// SkewMaxNs is the largest spread of the generators' start times;
	// SkewToleranceNs the spread promised.
	SkewMaxNs, SkewToleranceNs float64
}

// A GeneratorFigures is one generator's share of a URL's load and what it
// achieved.
type GeneratorFigures struct {
	Name string
	// Share is its part of the load, 0 to 1; 0 once it is lost.
	Share float64
	// TargetRate is its share of an open loop's rate; Open says there is
	// one (a closed loop has none: each generator opens the connections
	// asked for).
	TargetRate float64
	Open       bool
	// LastRate is its requests a second in the last repetition it ran;
	// Rate its requests over its own clock's time in the measured
	// repetitions it ran to their end.
	LastRate, Rate float64
	Reps           int
	// Lost says it died or stalled; LostAtRep is the measured repetition
	// of this URL it was lost in, 0 if in another URL's or the warm-up.
	Lost      bool
	LostAtRep int
	// LostHow says how it was lost: "exited" (ExitStatus, or -1 and
	// Signal, the signal's number, say how), "left" (its connection
	// closed), "stalled" (it said nothing past the grace) or "failed"
	// (it said something wrong); empty while it is in the run.
	LostHow    string
	ExitStatus int
	Signal     int
}

// FleetOf reads a fleet's figures from metrics; ok is false for the
// metrics of a run without generators.
func FleetOf(metrics map[string]float64) (f FleetFigures, ok bool) {
	if metrics[MetricGenerators] <= 0 {
		return FleetFigures{}, false
	}
	f = FleetFigures{Rate: metrics[MetricFleetRate], Lost: int(metrics[MetricLost]),
		SkewMaxNs: metrics[MetricSkewMax], SkewToleranceNs: metrics[MetricSkewTolerance]}
	index := map[string]float64{}
	for key, v := range metrics {
		if name, ok := generatorOf(key, figureIndex); ok {
			index[name] = v
		}
	}
	for name := range index {
		g := GeneratorFigures{Name: name}
		get := func(figure string) float64 { return metrics[GeneratorMetric(name, figure)] }
		g.Share, g.Rate, g.LastRate, g.Reps = get("share"), get("achieved_rate"), get(figureLastRate), int(get("reps"))
		g.TargetRate, g.Open = metrics[GeneratorMetric(name, "target_rate")]
		at, lost := metrics[GeneratorMetric(name, "lost_at_rep")]
		g.Lost, g.LostAtRep = lost, int(at)
		if how, ok := metrics[GeneratorMetric(name, "lost_how")]; ok && lost {
			g.LostHow = fleet.LossKind(how).String()
			g.ExitStatus, g.Signal = int(get("lost_exit_status")), int(get("lost_signal"))
		}
		f.Generators = append(f.Generators, g)
	}
	slices.SortFunc(f.Generators, func(a, b GeneratorFigures) int {
		return cmp.Or(cmp.Compare(index[a.Name], index[b.Name]), strings.Compare(a.Name, b.Name))
	})
	return f, true
}

// generatorOf returns the generator's name in key, if key is that
// generator's figure.
func generatorOf(key, figure string) (string, bool) {
	rest, ok := strings.CutPrefix(key, "generator_")
	if !ok {
		return "", false
	}
	name, ok := strings.CutSuffix(rest, "_"+figure)
	return name, ok && name != ""
}
