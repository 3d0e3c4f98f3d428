package threads

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// hammer has k goroutines make adds each to c, started together.
func hammer(c counter, k, adds int) {
	var start, wg sync.WaitGroup
	start.Add(1)
	for w := range k {
		wg.Go(func() {
			start.Wait()
			for range adds {
				c.add(w)
			}
		})
	}
	start.Done()
	wg.Wait()
}

func TestSafeCountersAreExact(t *testing.T) {
	const k, adds = 8, 20_000
	for name, c := range map[string]counter{
		"mutex":   &mutexCounter{},
		"atomic":  &atomicCounter{},
		"sharded": &shardedCounter{shards: make([]shard, k)},
	} {
		hammer(c, k, adds)
		if got := c.total(); got != k*adds {
			t.Errorf("%s counted %d, want %d", name, got, k*adds)
		}
	}
}

func TestRaceLosesUpdatesUnderLoad(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one CPU: the race needs two workers running at once")
	}
	// Two workers running at once lose updates within a few thousand
	// adds; but on a machine loaded by others, a round's workers may each
	// get a core only after the last has finished. So rounds go on until
	// one loses an update, for as long as the tests' patience: a condition
	// waited for, not a number of tries that luck must fit in.
	const k, adds = 4, 200_000
	rounds := 0
	measuretest.WaitFor(t, "a round of the racy counter that loses an update", func() bool {
		rounds++
		c := &racyCounter{}
		hammer(c, k, adds)
		got := c.total()
		if got > k*adds {
			t.Fatalf("counted %d, more than the %d adds made", got, k*adds)
		}
		if got < k*adds {
			t.Logf("round %d: counted %d of %d: %d lost", rounds, got, k*adds, k*adds-got)
		}
		return got < k*adds
	})
}

func TestContentionMetricsCompareExpectedAndCounted(t *testing.T) {
	rep := labtestRun(t, contentionWorkload(), map[string]string{"k": "4", "adds": "20000"})
	for _, s := range rep.Strategies {
		m := s.Metrics
		if m["expected"] == 0 || m["expected"] != m["counted"]+m["lost"] {
			t.Errorf("%s: expected %v, counted %v, lost %v: want expected = counted + lost > 0", s.Name, m["expected"], m["counted"], m["lost"])
		}
		if s.Name != "race" && m["lost"] != 0 {
			t.Errorf("%s lost %v updates, want none", s.Name, m["lost"])
		}
		// The engine counts every add made, in chunks.
		if s.Ops == 0 {
			t.Errorf("%s: no adds recorded", s.Name)
		}
	}
}

func TestCountStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if made := count(ctx, &atomicCounter{}, 0, 1_000_000, measure.RecorderSet{}); made != 0 {
		t.Errorf("made %d adds after cancel, want 0", made)
	}
}

// TestContentionLessonSaysWhatTheLabShows checks the lesson against what the
// lab measures on the machines it was tried on: the race is no faster than
// the atomic add, so the lesson must not sell it as fast.
func TestContentionLessonSaysWhatTheLabShows(t *testing.T) {
	w, err := New().Workload("contention")
	if err != nil {
		t.Fatal(err)
	}
	l := strings.ToLower(w.Lesson)
	for _, claim := range []string{"race is fast", "its speed is no excuse", "fast because it is wrong"} {
		if strings.Contains(l, claim) {
			t.Errorf("the lesson says %q, but the race is no faster than the atomic add", claim)
		}
	}
	if !strings.Contains(l, "no faster than the atomic add") {
		t.Error("the lesson does not say the race is no faster than the atomic add")
	}
}

// TestContentionSaysItsPercentilesAreOfChunks checks that the counters'
// results say they are timed in chunks of adds, as a batched Loop's do.
func TestContentionSaysItsPercentilesAreOfChunks(t *testing.T) {
	rep := labtestRun(t, contentionWorkload(), map[string]string{"k": "2", "adds": "4000"})
	for _, s := range rep.Strategies {
		if s.Batch != chunk {
			t.Errorf("%s: batch %d, want %d", s.Name, s.Batch, chunk)
		}
		found := false
		for _, f := range s.Findings {
			found = found || (f.Kind == measure.FindingBatched && f.Batch == chunk)
		}
		if !found {
			t.Errorf("%s: findings %+v do not say the percentiles are of chunk means", s.Name, s.Findings)
		}
	}
}
