package tui

import (
	"github.com/perflab/perflab/labs/workshop"
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

// outcomeSays is a race's outcome in words, with why an undecided race did
// not decide, in the screen's voice.
func outcomeSays(o workshop.Outcome) string {
	says := o.Says()
	if o.Kind == workshop.Undecided && o.Why != nil {
		if why := voice.Reason(o.Why); why != "" {
			says += ": " + why
		}
	}
	return says
}
