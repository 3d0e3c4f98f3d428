package backend

import (
	"context"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/perflab/perflab/measure/measuretest"
)

// start starts a server for one test and closes it when the test ends.
func start(t *testing.T, cfg Config) (*Server, *Client) {
	t.Helper()
	s, err := Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	c := NewClient(s.URL(), 64)
	t.Cleanup(func() {
		c.Close()
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s, c
}

// load sends n requests, conc at a time, and returns each one's latency
// sorted, and the count of failed ones.
func load(t *testing.T, c *Client, n, conc int) (lat []time.Duration, failed int) {
	t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan struct{}, n)
	for range n {
		next <- struct{}{}
	}
	close(next)
	for range conc {
		wg.Go(func() {
			for range next {
				t0 := time.Now()
				err := c.Call(context.Background())
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					failed++
				} else {
					lat = append(lat, d)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(lat)
	return lat, failed
}

// The bounds below are generous on the slow side, because a loaded test
// machine adds scheduling delay to every request, and strict on the fast
// side, because a timer never fires early.

func TestServerHonoursLatency(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name string
		l    Latency
		min  time.Duration
	}{
		{"constant", Latency{Dist: Constant, Mean: 4 * ms}, 4 * ms},
		{"uniform", Latency{Dist: Uniform, Mean: 4 * ms, Jitter: 2 * ms}, 2 * ms},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := start(t, Config{Latency: tt.l})
			lat, failed := load(t, c, 200, 20)
			if failed > 0 {
				t.Fatalf("%d requests failed", failed)
			}
			if lat[0] < tt.min {
				t.Errorf("fastest answer %v, want at least %v", lat[0], tt.min)
			}
			if p50 := lat[len(lat)/2]; p50 > tt.l.Mean+40*ms {
				t.Errorf("median %v, want near %v", p50, tt.l.Mean)
			}
		})
	}
}

func TestServerLognormalHasALongTail(t *testing.T) {
	_, c := start(t, Config{Latency: Latency{Dist: Lognormal, Mean: 40 * time.Millisecond, Sigma: 1}})
	lat, failed := load(t, c, 200, 100)
	if failed > 0 {
		t.Fatalf("%d requests failed", failed)
	}
	// With sigma 1 the median is 24 ms and the p90 88 ms. Scheduling
	// delay on a busy machine shifts both, so compare their distance,
	// and ask for half of it.
	p50, p90 := lat[len(lat)/2], lat[len(lat)*9/10]
	if p90-p50 < 32*time.Millisecond {
		t.Errorf("p90 %v is within 32ms of the median %v: no long tail", p90, p50)
	}
	if p50 < 12*time.Millisecond {
		t.Errorf("median %v, want near 24ms", p50)
	}
}

func TestServerLimitQueues(t *testing.T) {
	s, c := start(t, Config{Latency: Latency{Dist: Constant, Mean: 20 * time.Millisecond}, Limit: 2})
	t0 := time.Now()
	if _, failed := load(t, c, 6, 6); failed > 0 {
		t.Fatalf("%d requests failed", failed)
	}
	// Six requests of 20 ms through two slots take at least three rounds.
	if d := time.Since(t0); d < 60*time.Millisecond {
		t.Errorf("6 requests through 2 slots took %v, want at least 60ms", d)
	}
	if got := s.Stats().Requests; got != 6 {
		t.Errorf("server counted %d requests, want 6", got)
	}
}

func TestServerStalls(t *testing.T) {
	_, c := start(t, Config{Latency: Latency{Dist: Constant}, StallEvery: 100 * time.Millisecond, StallFor: 50 * time.Millisecond})
	var worst time.Duration
	for t0 := time.Now(); time.Since(t0) < 350*time.Millisecond; {
		r0 := time.Now()
		if err := c.Call(context.Background()); err != nil {
			t.Fatal(err)
		}
		worst = max(worst, time.Since(r0))
	}
	// Back-to-back requests run into three stalls; one of them arrives
	// near a stall's start and waits most of its 50 ms.
	if worst < 25*time.Millisecond {
		t.Errorf("worst answer %v through stalls of 50ms, want at least 25ms", worst)
	}
}

func TestServerErrorRate(t *testing.T) {
	s, c := start(t, Config{Latency: Latency{Dist: Constant}, ErrorRate: 0.5})
	_, failed := load(t, c, 400, 8)
	if failed < 120 || failed > 280 {
		t.Errorf("%d of 400 failed at error_rate 0.5, want about 200", failed)
	}
	if got := s.Stats().Errors; got != int64(failed) {
		t.Errorf("server counted %d errors, client %d", got, failed)
	}
}

func TestConfigValidate(t *testing.T) {
	bad := []Config{
		{Latency: Latency{Dist: Constant}, Limit: -1},
		{Latency: Latency{Dist: Constant}, StallEvery: time.Second, StallFor: time.Second},
		{Latency: Latency{Dist: Constant}, ErrorRate: 1.5},
	}
	for _, c := range bad {
		if _, err := Start(context.Background(), c); err == nil {
			t.Errorf("%+v: started, want an error", c)
		}
	}
}

func TestCancelClosesEverything(t *testing.T) {
	measuretest.NoLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, Config{Latency: Latency{Dist: Constant, Mean: time.Hour}, Limit: 4})
	if err != nil {
		t.Fatal(err)
	}
	c := NewClient(s.URL(), 16)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Go(func() { errs <- c.Call(ctx) })
	}
	// Wait until every request is at the server: four served, twelve queued.
	measuretest.WaitFor(t, "16 requests at the server", func() bool { return s.Stats().Requests == 16 })
	cancel()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err == nil {
			t.Error("a request to a cancelled backend succeeded")
		}
	}
	c.Close()
	measuretest.WaitFor(t, "the listener to close", func() bool {
		conn, err := net.Dial("tcp", s.ln.Addr().String())
		if err == nil {
			conn.Close()
		}
		return err != nil
	})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
