package own

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/perflab/perflab/labs/internal/fleet"
	"github.com/perflab/perflab/labs/internal/httpload"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// Request is one request as a person types it: URL, method, headers, body,
// timeout and TLS checking.
type Request = httpload.Spec

// Methods are the request methods perflab sends.
var Methods = httpload.Methods

// HTTPOptions are a race of a person's HTTP requests, as typed.
type HTTPOptions struct {
	// Requests are the requests to race, baseline first: one per URL,
	// each with the same method, headers and body.
	Requests []Request
	// Names label the requests in results; empty means each URL.
	Names []string
	// Generators, if positive, spreads the load over this many local
	// generator processes: the rate is split among them, and in a closed
	// loop each opens the connections asked for.
	Generators int
	// Hub, if set, is where the Generators joined from other machines,
	// in place of local processes.
	Hub *FleetHub
	// RepDuration is the length of one repetition, which a fleet's
	// generators are told; 0 means the engine's default.
	RepDuration time.Duration
}

// The parameters of the http workload, as --param, --sweep and the TUI set
// them.
const (
	ParamConnections = "connections"
	ParamRate        = "rate"
	// ParamGenerators is the TUI's generators: perflab http takes them
	// as an option (HTTPOptions.Generators) instead.
	ParamGenerators = "generators"
)

// HTTP checks the options and returns the "your own" lab with one workload,
// http, whose strategies are the requests. Every error is one line, and no
// request has been sent when it is returned.
func HTTP(o HTTPOptions) (*lab.Lab, error) {
	if len(o.Requests) == 0 {
		return nil, errors.New("name at least one URL to load")
	}
	if len(o.Names) > 0 && len(o.Names) != len(o.Requests) {
		return nil, lab.Optionf("name", "given %d times for %d URLs: give one per URL", len(o.Names), len(o.Requests))
	}
	if err := checkNames(o.Names); err != nil {
		return nil, err
	}
	if o.Generators < 0 || o.Generators > MaxGenerators {
		return nil, lab.Optionf("generators", "must be between 0 and %d, got %d", MaxGenerators, o.Generators)
	}
	w := &lab.Workload{
		ID:    "http",
		Title: "Your HTTP services, under load",
		// A service is any program, maybe on another machine: no
		// profiler of perflab's reads it.
		Profile: lab.ProfileNone,
		Lesson: "Each request is a strategy, sent over keep-alive connections. With rate 0 the loop is closed: each " +
			"connection sends its next request when the last answer arrives. With a rate the loop is open: requests " +
			"start on schedule whatever the latency, and latency counts from when each was due.",
		Params: []lab.Param{
			{Name: ParamConnections, Kind: lab.Int, Default: "10", Min: "1", Max: strconv.Itoa(measure.MaxWorkers),
				Help: "keep-alive connections; in an open loop, the most requests in flight"},
			{Name: ParamRate, Kind: lab.Float, Default: "0", Min: "0",
				Help: "requests a second in an open loop; 0 is a closed loop"},
		},
		Config: func(v lab.Values, c *measure.Config) {
			c.Workers, c.Rate = v.Int(ParamConnections), v.Float(ParamRate)
		},
	}
	var targets []fleet.Target
	fs := &fleets{byEnv: map[*lab.Env]*fleet.Fleet{}}
	for i, s := range o.Requests {
		if err := CheckRequest(s); err != nil {
			return nil, err
		}
		t, err := s.Parse()
		if err != nil {
			return nil, err
		}
		name := s.URL
		if len(o.Names) > 0 {
			name = o.Names[i]
		}
		targets = append(targets, fleet.TargetOf(t))
		build := func(env *lab.Env) (*measure.Subject, error) { return httpSubject(env, t), nil }
		if o.Generators > 0 {
			build = func(env *lab.Env) (*measure.Subject, error) { return fleetHTTPSubject(env, fs, o, targets, i) }
		}
		w.Strategies = append(w.Strategies, lab.Strategy{
			ID: name, Title: t.Method + " " + t.URL.String(), Help: "sends " + t.Method + " " + t.URL.String(),
			New: build,
		})
	}
	return New(w), nil
}

// loadSubject is one request being raced: one connection per engine
// worker.
type loadSubject struct {
	conns []*httpload.Conn
}

func httpSubject(env *lab.Env, t *httpload.Target) *measure.Subject {
	s := &loadSubject{conns: make([]*httpload.Conn, env.Params.Int(ParamConnections))}
	for i := range s.conns {
		s.conns[i] = httpload.NewConn(t)
	}
	// The work that matters is the server's: subjectOf marks it external,
	// since the load generator's own allocations are not the figure a
	// person asks for. A request cancelled at a repetition's bound returns
	// at once, so that a server that stalls a reconnect cannot stretch the
	// repetition with every other connection idle.
	sub := subjectOf(s, nil)
	sub.Interruptible = true
	return sub
}

func (s *loadSubject) loop(ctx context.Context, w, n int) error {
	c := s.conns[w]
	for range n {
		if err := c.Do(ctx); err != nil {
			return err
		}
	}
	return nil
}

// reset forgets the counts and gives up the connection attempts the
// warm-up left under way; the workers are stopped between repetitions,
// when it is called.
func (s *loadSubject) reset() {
	for _, c := range s.conns {
		c.Counts.Reset()
		c.GiveUpDial()
	}
}

// metrics are the status codes, response bytes and errors by kind of the
// measured repetitions: every kind is listed, so that a result says "no
// timeouts" as plainly as it says some.
func (s *loadSubject) metrics() map[string]float64 {
	var all httpload.Counts
	all.Reset()
	for _, c := range s.conns {
		all.Add(&c.Counts)
	}
	m := map[string]float64{"response_bytes": float64(all.Bytes)}
	for code, n := range all.Status {
		m["status_"+strconv.Itoa(code)] = float64(n)
	}
	for _, k := range httpload.Kinds {
		m["errors_"+k] = float64(all.Errors[k])
	}
	return m
}

func (s *loadSubject) close() error {
	var errs []error
	for _, c := range s.conns {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}
