package threads

import (
	"context"
	"testing"

	"github.com/perflab/perflab/labs/labtest"
)

func TestIOEveryStrategyCompletesTasks(t *testing.T) {
	rep := labtest.Run(t, ioWorkload(), map[string]string{"tasks": "8", "k": "4", "latency": "200us", "jitter": "100us", "cpu": "1us"}, labtest.Quick)
	if len(rep.Strategies) != 3 {
		t.Fatalf("%d strategies, want 3", len(rep.Strategies))
	}
	for _, s := range rep.Strategies {
		if s.Ops == 0 || s.Errors != 0 {
			t.Errorf("%s: %d ops, %d errors; want some ops and no errors", s.Name, s.Ops, s.Errors)
		}
		// Whole batches only: a repetition always finishes the batch it is in.
		for _, r := range s.Reps {
			if r.Ops%8 != 0 {
				t.Errorf("%s: a repetition did %d tasks, not a whole number of batches of 8", s.Name, r.Ops)
			}
		}
	}
}

func TestIORejectsJitterAboveLatency(t *testing.T) {
	_, _, err := labtest.Start(context.Background(), ioWorkload(), map[string]string{"latency": "1ms", "jitter": "2ms"}, labtest.Quick)
	if err == nil {
		t.Fatal("jitter above latency started a run, want an error")
	}
}
