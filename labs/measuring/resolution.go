package measuring

import (
	"context"
	"sync/atomic"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// resolution compares two loops of the same arithmetic, one doing d % more
// of it than the other: a difference dialled in, so that a person sees how
// many rounds it takes to see 1 %, 5 % or 20 % on this machine, and that
// d = 0 is an A/A run.
func resolution() *lab.Workload {
	return &lab.Workload{
		ID:    "resolution",
		Title: "How small a difference can you see?",
		Params: []lab.Param{
			{Name: "d", Kind: lab.Int, Default: "5", Min: "0", Max: "50", Help: "per cent more work the baseline does than the trimmed loop (0: an A/A run)"},
		},
		// Each strategy builds memory only: fresh instances every block.
		Fresh: true,
		Strategies: []lab.Strategy{
			{ID: "extra", Title: "the loop with d % more work", Help: "the code as it is: d % more steps than it needs", New: newExtra},
			{ID: "trimmed", Title: "the trimmed loop", Help: "the same steps without the extra d %", New: newTrimmed},
		},
	}
}

// resolutionSteps is the work of one operation: a few microseconds of
// dependent arithmetic, which touches no memory, so that only the number
// of steps differs between the strategies.
const resolutionSteps = 2000

func newExtra(env *lab.Env) (*measure.Subject, error) {
	return stepper(resolutionSteps + resolutionSteps*env.Params.Int("d")/100), nil
}

func newTrimmed(*lab.Env) (*measure.Subject, error) {
	return stepper(resolutionSteps), nil
}

// stepper makes a subject whose operation runs steps rounds of a
// xorshift generator, each depending on the last, so that the compiler can
// neither drop nor vectorise them.
func stepper(steps int) *measure.Subject {
	var sink atomic.Uint64
	return &measure.Subject{
		Loop: func(_ context.Context, _, n int) error {
			x := uint64(88172645463325252)
			for range n {
				for range steps {
					x ^= x << 13
					x ^= x >> 7
					x ^= x << 17
				}
			}
			sink.Store(x)
			return nil
		},
	}
}
