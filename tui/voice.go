package tui

import (
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// voice words the engine's findings and reasons on screen, naming each knob
// as the set-up's field is labelled (see buildFields). The budget of a run
// that goes on until decided is no field of the set-up, so advice about it
// is left out.
var voice = report.NewVoice(map[measure.Knob]string{
	measure.KnobReps:     "repetitions",
	measure.KnobRate:     "arrival rate",
	measure.KnobDuration: "duration",
})
