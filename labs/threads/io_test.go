package threads

import (
	"context"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/backend"
	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// labtestRun runs w briefly, failing the test on error.
func labtestRun(t *testing.T, w *lab.Workload, params map[string]string) *measure.Report {
	t.Helper()
	return labtest.Run(t, w, params, labtest.Quick)
}

func TestIOEveryStrategyCompletesTasks(t *testing.T) {
	for _, io := range []string{"backend", "sleep"} {
		t.Run(io, func(t *testing.T) {
			rep := labtestRun(t, ioWorkload(), map[string]string{"io": io, "tasks": "8", "k": "4", "latency": "200us", "jitter": "100us", "cpu": "1us"})
			checkWholeBatches(t, rep, 3, 8)
			threads := labtest.Result(t, rep, "threads").Metrics
			if _, ok := threads["peak_threads"]; ok && threads["peak_threads"] < 4 {
				t.Errorf("a pool of 4 OS threads peaked at %v threads", threads["peak_threads"])
			}
		})
	}
}

// checkWholeBatches checks that rep has the given number of strategies,
// each of which did tasks without errors, in whole batches of batch tasks.
func checkWholeBatches(t *testing.T, rep *measure.Report, strategies, batch int) {
	t.Helper()
	if len(rep.Strategies) != strategies {
		t.Fatalf("%d strategies, want %d", len(rep.Strategies), strategies)
	}
	for _, s := range rep.Strategies {
		if s.Ops == 0 || s.Errors != 0 {
			t.Errorf("%s: %d ops, %d errors; want some ops and no errors", s.Name, s.Ops, s.Errors)
		}
		// Whole batches only: a repetition always finishes the batch it is in.
		for _, r := range s.Reps {
			if r.Ops%int64(batch) != 0 {
				t.Errorf("%s: a repetition did %d tasks, not a whole number of batches of %d", s.Name, r.Ops, batch)
			}
		}
	}
}

func TestIORejectsJitterAboveLatency(t *testing.T) {
	for _, io := range []string{"backend", "sleep"} {
		_, _, err := labtest.Start(context.Background(), ioWorkload(), map[string]string{"io": io, "latency": "1ms", "jitter": "2ms"}, labtest.Quick)
		if err == nil {
			t.Errorf("io=%s: jitter above latency started a run, want an error", io)
		}
	}
}

func TestIOOpenLoop(t *testing.T) {
	params := map[string]string{"k": "4", "latency": "1ms", "jitter": "0s", "rate": "500"}
	rep := labtest.Run(t, ioWorkload(), params, measure.Config{Reps: 1, RepDuration: 40 * time.Millisecond})
	if rep.Rate != 500 || rep.Workers != 4 {
		t.Fatalf("rate %v with %d workers, want 500 with 4 (k)", rep.Rate, rep.Workers)
	}
	for _, s := range rep.Strategies {
		if s.Service == nil || s.OpenLoop == nil || s.Ops == 0 || s.Errors != 0 {
			t.Fatalf("%s: %d ops, %d errors, service %v, open loop %v: want an open-loop result", s.Name, s.Ops, s.Errors, s.Service, s.OpenLoop)
		}
		// Response time counts from the intended start, service time from
		// the actual one.
		if s.P50Ns < s.Service.P50Ns {
			t.Errorf("%s: response p50 %d ns below service p50 %d ns", s.Name, s.P50Ns, s.Service.P50Ns)
		}
	}
}

func TestIORateFlagRunsOpenLoop(t *testing.T) {
	w := ioWorkload()
	v, err := w.Parse(map[string]string{"k": "3"})
	if err != nil {
		t.Fatal(err)
	}
	c := measure.Config{Rate: 100}
	w.Config(v, &c)
	if v.Float("rate") != 100 || c.Workers != 3 {
		t.Errorf("--rate 100: rate parameter %v, workers %d; want 100 and 3", v.Float("rate"), c.Workers)
	}
}

func TestIOTargetMustBeAURL(t *testing.T) {
	for _, target := range []string{"localhost:8080", "ftp://127.0.0.1/", "http://"} {
		_, _, err := labtest.Start(context.Background(), ioWorkload(), map[string]string{"target": target}, labtest.Quick)
		if err == nil {
			t.Errorf("target %q started a run, want an error", target)
		}
	}
	_, _, err := labtest.Start(context.Background(), ioWorkload(), map[string]string{"io": "sleep", "target": "http://127.0.0.1:1/"}, labtest.Quick)
	if err == nil {
		t.Error("io=sleep with a target started a run, want an error")
	}
}

func TestIOCancelReleasesEverything(t *testing.T) {
	measuretest.NoLeaks(t)
	// Answers take 10 s: only the cancel can end the run, and it lands
	// while a task waits for its answer.
	params := map[string]string{"tasks": "16", "k": "8", "latency": "10s", "jitter": "0s"}
	labtest.Cancel(t, ioWorkload(), params, measure.Config{Reps: 3, RepDuration: time.Second}, "the run's first request at the backend",
		func(fx any) bool { return fx.(*ioFixture).caller.(*backend.Target).Server.Stats().Requests > 0 })
}
