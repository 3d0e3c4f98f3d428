package threads

import (
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/measure"
)

// TestPoolsAreProfiledAsTheirStrategy profiles the CPU workload: the pools'
// workers, started before the run, do every strategy's work but the
// sequential one, and their samples must count for the strategy that
// handed them the work. Each task computes alike, so each strategy's CPU
// time per task is of the sequential one's order; without the labels the
// pools' profiles were empty ("0 samples", "threads no longer runs it").
func TestPoolsAreProfiledAsTheirStrategy(t *testing.T) {
	if testing.Short() {
		t.Skip("profiling rounds last two seconds")
	}
	rep := labtest.Run(t, cpuWorkload(), map[string]string{"tasks": "16", "k": "4", "work": "200us"},
		measure.Config{Reps: 2, RepDuration: 200 * time.Millisecond, Profile: true})
	seq := labtest.Result(t, rep, "sequential").Profile
	if seq == nil || seq.Samples == 0 {
		t.Fatalf("no profile of the sequential strategy: %+v", seq)
	}
	for _, name := range []string{"threads", "goroutines", "gil"} {
		p := labtest.Result(t, rep, name).Profile
		if p == nil || p.Samples == 0 || p.CPUNsPerOp < seq.CPUNsPerOp/4 {
			t.Errorf("%s's profile: %+v; want its workers' CPU time, of the order of sequential's %.0f ns an operation", name, p, seq.CPUNsPerOp)
		}
	}
}
