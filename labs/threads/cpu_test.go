package threads

import (
	"testing"
)

func TestCPUEveryStrategyCompletesTasks(t *testing.T) {
	rep := labtestRun(t, cpuWorkload(), map[string]string{"tasks": "8", "k": "4", "work": "20us"})
	if len(rep.Strategies) != 4 {
		t.Fatalf("%d strategies, want 4", len(rep.Strategies))
	}
	for _, s := range rep.Strategies {
		if s.Ops == 0 || s.Errors != 0 {
			t.Errorf("%s: %d ops, %d errors", s.Name, s.Ops, s.Errors)
		}
		for _, r := range s.Reps {
			if r.Ops%8 != 0 {
				t.Errorf("%s: a repetition did %d tasks, not whole batches of 8", s.Name, r.Ops)
			}
		}
	}
}
