package labs

import (
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/labs/own"
)

// FleetFigures are a fleet's figures for one URL of an HTTP run over load
// generators, and GeneratorFigures one generator's: its share, its target
// and the rates it achieved, and whether it was lost (see own.FleetOf).
type (
	FleetFigures     = own.FleetFigures
	GeneratorFigures = own.GeneratorFigures
)

// FleetOf reads a fleet's figures from a result's or a live snapshot's
// metrics; ok is false for a subject without generators.
func FleetOf(metrics map[string]float64) (FleetFigures, bool) { return own.FleetOf(metrics) }

// Generators is how many load generators a run with values v asked for: 0
// for a workload without them, or a run from this process.
func Generators(v lab.Values) int {
	n, _ := v[own.ParamGenerators].(int)
	return n
}
