package backend

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/perflab/perflab/labs/internal/clock"
)

// Config says how a Server answers.
type Config struct {
	// Latency is the time the server takes over each request once it has
	// a slot to serve it in.
	Latency Latency
	// Limit is how many requests the server serves at once; the rest wait
	// in its queue, as on a real backend with a fixed pool of workers.
	// Zero means no limit.
	Limit int
	// StallEvery and StallFor make the server freeze for StallFor once in
	// every StallEvery, as a garbage collector or a failover would: no
	// request is answered during a stall. Zero StallEvery means no stalls.
	StallEvery, StallFor time.Duration
	// ErrorRate is the share of requests answered 500, from 0 to 1.
	ErrorRate float64
}

// Validate reports a configuration that cannot be served, in one line.
func (c Config) Validate() error {
	if err := c.Latency.Validate(); err != nil {
		return err
	}
	switch {
	case c.Limit < 0:
		return fmt.Errorf("limit must not be negative, got %d", c.Limit)
	case c.StallEvery < 0 || c.StallFor < 0:
		return errors.New("stall_every and stall_for must not be negative")
	case c.StallFor > 0 && c.StallEvery == 0:
		// Without a period the stall would never come: the run would
		// measure a server that does not stall, as if stall_for were
		// not given.
		return fmt.Errorf("stall_for %v needs stall_every: say how often the server stalls", c.StallFor)
	case c.StallEvery > 0 && c.StallFor == 0:
		return fmt.Errorf("stall_every %v needs stall_for: say how long each stall lasts", c.StallEvery)
	case c.StallEvery > 0 && c.StallFor >= c.StallEvery:
		return fmt.Errorf("stall_for %v must be shorter than stall_every %v, or the server never answers", c.StallFor, c.StallEvery)
	case c.ErrorRate < 0 || c.ErrorRate > 1:
		return fmt.Errorf("error_rate must be between 0 and 1, got %g", c.ErrorRate)
	}
	return nil
}

// A Server is a loopback HTTP backend with injected latency, a concurrency
// limit, stalls and errors. It answers every path with a short body.
type Server struct {
	cfg   Config
	ln    net.Listener
	srv   *http.Server
	url   string
	start time.Time
	// slots holds a token per request being served; nil when unlimited.
	slots chan struct{}

	// ctx is the parent of every request's context; cancel ends them all.
	ctx    context.Context
	cancel context.CancelFunc
	served sync.WaitGroup // Serve's goroutine
	conns  sync.WaitGroup // open connections
	stop   func() bool    // unhooks the close on the caller's context
	once   sync.Once
	err    error

	stats serverStats
}

// serverStats are counted by the handlers.
type serverStats struct {
	requests, errors, queued, peakQueue atomic.Int64
}

// Start listens on 127.0.0.1 at a random port and serves until Close is
// called or ctx ends, whichever is first.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("backend: %w", err)
	}
	s := &Server{cfg: cfg, ln: ln, url: "http://" + ln.Addr().String() + "/", start: time.Now()}
	if cfg.Limit > 0 {
		s.slots = make(chan struct{}, cfg.Limit)
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return s.ctx },
		ConnState:         s.track,
	}
	s.served.Go(func() { _ = s.srv.Serve(ln) })
	s.stop = context.AfterFunc(ctx, func() { _ = s.Close() })
	return s, nil
}

// track counts open connections, so that Close can wait for every one to
// be gone.
func (s *Server) track(_ net.Conn, state http.ConnState) {
	switch state {
	case http.StateNew:
		s.conns.Add(1)
	case http.StateClosed, http.StateHijacked:
		s.conns.Done()
	}
}

// URL returns the address to send requests to: "http://127.0.0.1:PORT/".
func (s *Server) URL() string { return s.url }

// Config returns the server's configuration.
func (s *Server) Config() Config { return s.cfg }

// Close stops the server: it closes the listener and every connection, ends
// the requests being served and returns once all of them are gone. It is
// safe to call more than once.
func (s *Server) Close() error {
	s.once.Do(func() {
		s.stop()
		if err := s.srv.Close(); err != nil {
			s.err = fmt.Errorf("backend: %w", err)
		}
		// Connections are closed: now end the handlers still waiting.
		s.cancel()
		s.served.Wait()
		s.conns.Wait()
	})
	return s.err
}

// ServeHTTP serves one request: wait for a slot, wait out a stall, wait the
// latency, wait out a stall again, then answer, with an error now and then.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == warmPath {
		// Opening connections before a run: answer at once, uncounted.
		_, _ = w.Write(okBody)
		return
	}
	ctx := r.Context()
	s.stats.requests.Add(1)
	if !s.acquire(ctx) {
		abort()
	}
	defer s.release()
	if s.stalled(ctx) != nil || clock.Sleep(ctx, s.cfg.Latency.Sample(Shared)) != nil || s.stalled(ctx) != nil {
		abort()
	}
	if s.cfg.ErrorRate > 0 && rand.Float64() < s.cfg.ErrorRate {
		s.stats.errors.Add(1)
		http.Error(w, "injected error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write(okBody)
}

var okBody = []byte("ok\n")

// warmPath is answered at once, past the latency, limit and stalls, so that
// a client can open its connections before a run without waiting.
const warmPath = "/warm"

// abort drops the connection of a request interrupted by the server's close
// or the client's departure: returning would send an empty 200, and an
// interrupted request must never look answered.
func abort() { panic(http.ErrAbortHandler) }

// acquire waits for a slot in the queue and reports whether it got one
// before ctx ended.
func (s *Server) acquire(ctx context.Context) bool {
	if s.slots == nil {
		return true
	}
	select {
	case s.slots <- struct{}{}:
		return true
	default:
	}
	// The fast path failed: the request joins the queue.
	q := s.stats.queued.Add(1)
	defer s.stats.queued.Add(-1)
	for p := s.stats.peakQueue.Load(); q > p && !s.stats.peakQueue.CompareAndSwap(p, q); p = s.stats.peakQueue.Load() {
	}
	select {
	case s.slots <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s *Server) release() {
	if s.slots != nil {
		<-s.slots
	}
}

// stalled waits until the stall under way, if any, is over. Stalls take the
// last StallFor of every StallEvery since the server started.
func (s *Server) stalled(ctx context.Context) error {
	if s.cfg.StallEvery <= 0 || s.cfg.StallFor <= 0 {
		return nil
	}
	phase := time.Since(s.start) % s.cfg.StallEvery
	if left := s.cfg.StallEvery - phase; left <= s.cfg.StallFor {
		return clock.Sleep(ctx, left)
	}
	return nil
}

// Stats are what a server has counted since it started.
type Stats struct {
	Requests, Errors int64
	// PeakQueue is the most requests that waited for a slot at once.
	PeakQueue int64
}

// Stats returns the server's counts so far.
func (s *Server) Stats() Stats {
	return Stats{Requests: s.stats.requests.Load(), Errors: s.stats.errors.Load(), PeakQueue: s.stats.peakQueue.Load()}
}
