package own

import (
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/labs/internal/worker/workertest"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// twoPathFleet is the HTTP lab racing paths a and b of a loopback server
// that answers after a millisecond, over two generator processes, each
// repetition lasting rep.
func twoPathFleet(t *testing.T, rep time.Duration) *lab.Lab {
	t.Helper()
	return countedFleet(t, rep, new(atomic.Int64))
}

// countedFleet is twoPathFleet whose server counts the requests it served.
func countedFleet(t *testing.T, rep time.Duration, served *atomic.Int64) *lab.Lab {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		served.Add(1)
		time.Sleep(time.Millisecond)
		_, _ = w.Write([]byte("ok"))
	}))
	t.Cleanup(srv.Close)
	l, err := HTTP(HTTPOptions{
		Requests:   []Request{{URL: srv.URL + "/a", Timeout: time.Second}, {URL: srv.URL + "/b", Timeout: time.Second}},
		Names:      []string{"a", "b"},
		Generators: 2, RepDuration: rep,
	})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestHTTPOverAFleet races two paths over two generator processes, closed
// loop and open, and checks that the results count what the generators
// answered and say each generator's share. One measured repetition: over
// several, the throughput (each repetition's requests over its span) and
// the generators' rates (each one's requests over its own windows) weigh
// the repetitions differently, and a loaded machine that stretched one
// generator's window in one repetition set them 3 % apart.
func TestHTTPOverAFleet(t *testing.T) {
	measuretest.NoLeaks(t)
	l := twoPathFleet(t, 100*time.Millisecond)
	for _, rate := range []string{"0", "400"} {
		rep := labtest.Run(t, l.Workloads[0], map[string]string{ParamConnections: "2", ParamRate: rate},
			measure.Config{Reps: 1, RepDuration: 100 * time.Millisecond})
		for _, name := range []string{"a", "b"} {
			r := labtest.Result(t, rep, name)
			m := r.Metrics
			if r.Ops == 0 || r.Errors != 0 || m["status_200"] != float64(r.Ops) {
				t.Errorf("rate %s, %s: %d ops, %d errors, %v answered 200: want every request a counted 200", rate, name, r.Ops, r.Errors, m["status_200"])
			}
			if m[MetricGenerators] != 2 || m[GeneratorMetric("gen1", "reps")] != 1 || m[GeneratorMetric("gen2", "share")] != 0.5 {
				t.Errorf("rate %s, %s: generator figures %v", rate, name, m)
			}
			sum := m[GeneratorMetric("gen1", "achieved_rate")] + m[GeneratorMetric("gen2", "achieved_rate")]
			if sum <= 0 || sum != m[MetricFleetRate] {
				t.Errorf("rate %s, %s: fleet rate %v, generators' sum %v", rate, name, m[MetricFleetRate], sum)
			}
			// Throughput is the requests over the generators' own
			// windows of load, so it is their rates summed: the
			// repetition's span is their windows' harmonic mean,
			// weighted by the requests each sent.
			if math.Abs(r.Throughput-sum) > sum/1000 {
				t.Errorf("rate %s, %s: throughput %v, generators' rates summed %v: want them equal within rounding", rate, name, r.Throughput, sum)
			}
			if rate == "400" && (m[GeneratorMetric("gen1", "target_rate")] != 200 || sum > 400*1.05) {
				t.Errorf("rate 400, %s: target %v each, achieved %v in all", name, m[GeneratorMetric("gen1", "target_rate")], sum)
			}
		}
	}
}

func TestHTTPRefusesTooManyGenerators(t *testing.T) {
	_, err := HTTP(HTTPOptions{Requests: []Request{{URL: "http://127.0.0.1:1/", Timeout: time.Second}}, Generators: MaxGenerators + 1})
	if err == nil || !strings.Contains(err.Error(), "generators: must be between 0 and") {
		t.Errorf("HTTP with %d generators: %v", MaxGenerators+1, err)
	}
}

// TestHTTPFleetLosesAGenerator kills one of two generators while the race
// runs: the run goes on, the lost generator is named in the figures, and
// the other takes the whole share.
func TestHTTPFleetLosesAGenerator(t *testing.T) {
	var served atomic.Int64
	l := countedFleet(t, 150*time.Millisecond, &served)
	killed := make(chan int, 1)
	go func() {
		// The generators are this process's only children: kill one
		// once both run and the race is under way (the server has
		// answered its first requests), however slowly a loaded
		// machine started them.
		for range 4000 {
			if kids := workertest.Children(t, os.Getpid()); len(kids) == 2 && served.Load() >= 20 {
				pid := max(kids[0], kids[1])
				_ = syscall.Kill(pid, syscall.SIGKILL)
				killed <- pid
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		killed <- 0
	}()
	rep := labtest.Run(t, l.Workloads[0], map[string]string{ParamConnections: "2", ParamRate: "400"},
		measure.Config{Reps: 6, RepDuration: 150 * time.Millisecond})
	if pid := <-killed; pid == 0 {
		t.Fatal("never saw the two generators")
	}
	for _, name := range []string{"a", "b"} {
		m := labtest.Result(t, rep, name).Metrics
		// Pids grow, so the second started is most likely the one
		// killed; either way one is lost and the other has it all.
		lost, kept := "gen2", "gen1"
		if _, named := m[GeneratorMetric("gen1", "lost_at_rep")]; named {
			lost, kept = kept, lost
		}
		if _, named := m[GeneratorMetric(lost, "lost_at_rep")]; !named || m[MetricLost] != 1 {
			t.Errorf("%s: no generator named as lost: %v", name, m)
		}
		// A SIGKILL: the figures say it exited, killed by signal 9,
		// in this URL's figures too if the other URL's repetition lost
		// it.
		if m[GeneratorMetric(lost, "lost_how")] != LostExited || m[GeneratorMetric(lost, "lost_signal")] != float64(syscall.SIGKILL) ||
			m[GeneratorMetric(lost, "lost_exit_status")] != -1 {
			t.Errorf("%s: %s was killed, its figures say how %v, signal %v, status %v", name, lost,
				m[GeneratorMetric(lost, "lost_how")], m[GeneratorMetric(lost, "lost_signal")], m[GeneratorMetric(lost, "lost_exit_status")])
		}
		if m[GeneratorMetric(lost, "share")] != 0 || m[GeneratorMetric(kept, "share")] != 1 || m[GeneratorMetric(kept, "target_rate")] != 400 {
			t.Errorf("%s: after %s was killed: %v; want %s taking all 400/s", name, lost, m, kept)
		}
	}
}
