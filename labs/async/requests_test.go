package async

import (
	"context"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// small keeps a test run light: 20 requests to a backend that serves 8 at
// once.
var small = map[string]string{"n": "20", "pool": "2", "sem": "4", "latency": "20ms", "jitter": "0s", "limit": "8"}

func TestRequestsEveryStrategyAnswersAll(t *testing.T) {
	rep := labtest.Run(t, requestsWorkload(), small, measure.Config{Reps: 2, RepDuration: time.Millisecond})
	for _, s := range rep.Strategies {
		if s.Errors != 0 {
			t.Errorf("%s: %d errors", s.Name, s.Errors)
		}
		for _, r := range s.Reps {
			if r.Ops%20 != 0 || r.Ops == 0 {
				t.Errorf("%s: a repetition answered %d requests, want whole batches of 20", s.Name, r.Ops)
			}
		}
	}
	threads := labtest.Result(t, rep, "threads").Metrics
	fanout := labtest.Result(t, rep, "fanout").Metrics
	if _, ok := threads["peak_threads"]; !ok {
		t.Skip("no /proc/self/status: thread counts are not sampled here")
	}
	// 20 requests that each wait 20 ms on a thread of their own: the
	// sampler, every 2 ms, sees them all.
	if threads["peak_threads"] < 20 || threads["peak_threads"] <= fanout["peak_threads"] {
		t.Errorf("peak threads: thread per request %v, fan-out %v; want at least 20 and more than fan-out",
			threads["peak_threads"], fanout["peak_threads"])
	}
}

func TestRequestsOpenLoop(t *testing.T) {
	// 200 a second of 5 ms requests is within even the pool of 2's reach.
	params := map[string]string{"n": "20", "pool": "2", "sem": "4", "latency": "5ms", "jitter": "0s", "rate": "200"}
	rep := labtest.Run(t, requestsWorkload(), params, measure.Config{Reps: 1, RepDuration: 50 * time.Millisecond})
	if rep.Rate != 200 || rep.Workers != 20 {
		t.Fatalf("rate %v with %d workers, want 200 with 20 (n)", rep.Rate, rep.Workers)
	}
	for _, s := range rep.Strategies {
		if s.Service == nil || s.OpenLoop == nil {
			t.Fatalf("%s: no service time or open-loop counts in an open loop", s.Name)
		}
		if s.Ops == 0 || s.Errors != 0 {
			t.Errorf("%s: %d requests, %d errors", s.Name, s.Ops, s.Errors)
		}
		// Response time counts from the intended start, service time from
		// the actual one, so the first is never below the second.
		if s.P50Ns < s.Service.P50Ns {
			t.Errorf("%s: response p50 %d ns below service p50 %d ns", s.Name, s.P50Ns, s.Service.P50Ns)
		}
	}
}

func TestRequestsRejectsTooManyThreads(t *testing.T) {
	// n is capped by its parameter; the thread strategy checks again in
	// case the cap is raised.
	if _, _, err := labtest.Start(context.Background(), requestsWorkload(), map[string]string{"n": "6000"}, labtest.Quick); err == nil {
		t.Fatal("n=6000 started, want an error")
	}
}

func TestCancelReleasesEverything(t *testing.T) {
	measuretest.NoLeaks(t)
	// Answers take 10 s: every request is in flight when the cancel
	// lands, and only the cancel can end the run.
	params := map[string]string{"n": "50", "latency": "10s", "jitter": "0s", "limit": "10"}
	labtest.Cancel(t, requestsWorkload(), params, measure.Config{Reps: 3, RepDuration: time.Second}, "a batch of 50 requests at the backend",
		func(fx any) bool { return fx.(*fixture).target.Server.Stats().Requests >= 50 })
}

// TestAPoolOwnsItsRecorders checks the recording rule: the pool's k
// goroutines record into a recorder each, while a goroutine per request
// borrows one of a few.
func TestAPoolOwnsItsRecorders(t *testing.T) {
	params := map[string]string{"n": "1000", "pool": "8", "sem": "64", "latency": "1ms", "jitter": "0s", "limit": "64"}
	env := labtest.Env(t, context.Background(), requestsWorkload(), params)
	fx := env.Fixture.(*fixture)
	for _, tt := range []struct {
		name  string
		build func(*fixture, lab.Values) (strategy, error)
		want  int
	}{
		{"pool", goroutinePool, 8},
		{"fanout", fanOut, measure.PoolSize(1000)},
		{"semaphore", withSemaphore, measure.PoolSize(1000)},
	} {
		st, err := tt.build(fx, env.Params)
		if err != nil {
			t.Fatal(err)
		}
		if got := fx.subject(st).Recorders; got != tt.want {
			t.Errorf("%s asks for %d recorders, want %d", tt.name, got, tt.want)
		}
	}
}
