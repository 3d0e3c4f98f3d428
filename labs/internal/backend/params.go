package backend

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// Defaults are a workload's own defaults for the backend parameters, as a
// person would type them.
type Defaults struct {
	Latency, Jitter, Dist, Limit string
}

// Params returns the parameters of the loopback backend, with a workload's
// defaults, for an IO workload to list beside its own.
func Params(d Defaults) []lab.Param {
	return []lab.Param{
		{Name: "latency", Kind: lab.Duration, Default: d.Latency, Min: "0s", Max: "10s", Help: "the backend's mean time to answer one request", IdleWhenSet: "target"},
		{Name: "dist", Kind: lab.Choice, Default: d.Dist, Choices: Dists, Help: "latency distribution: constant, uniform (latency ± jitter) or lognormal (long tail)", IdleWhenSet: "target"},
		{Name: "jitter", Kind: lab.Duration, Default: d.Jitter, Min: "0s", Max: "10s", Help: "uniform: answers spread evenly over latency ± jitter", IdleWhenSet: "target"},
		{Name: "sigma", Kind: lab.Float, Default: "1", Min: "0.01", Max: "4", Help: "lognormal: the tail's weight (1: p99 about 6x the mean)", IdleWhenSet: "target"},
		{Name: "limit", Kind: lab.Int, Default: d.Limit, Min: "0", Max: "100000", Help: "requests the backend serves at once; more wait in its queue (0: no limit)", IdleWhenSet: "target"},
		{Name: "stall_every", Kind: lab.Duration, Default: "0s", Min: "0s", Max: "1h", Help: "the backend freezes once in every stall_every (0s: never)", IdleWhenSet: "target"},
		{Name: "stall_for", Kind: lab.Duration, Default: "0s", Min: "0s", Max: "1h", Help: "how long each stall lasts", IdleWhenSet: "target"},
		{Name: "error_rate", Kind: lab.Float, Default: "0", Min: "0", Max: "1", Help: "share of requests the backend answers with 500", IdleWhenSet: "target"},
		{Name: "target", Kind: lab.URL, Schemes: targetSchemes, Default: "", Help: "http://host:port/path of your own service to load instead of the loopback backend"},
	}
}

// MaxInFlight bounds an open loop's requests in flight: the engine keeps
// two histograms of some 270 kB for each of its open-loop workers.
const MaxInFlight = 128

// OpenLoopConfig returns an IO workload's Config hook: a positive rate
// parameter, or the --rate of the command line, runs the engine's open loop
// with the parameter named workers (the pool size, the requests of a batch)
// as the most requests in flight, up to MaxInFlight. The rate lands in the
// values too, so that strategies see it and build subjects the open loop can
// drive.
func OpenLoopConfig(workers string) func(v lab.Values, c *measure.Config) {
	return func(v lab.Values, c *measure.Config) {
		if r := v.Float("rate"); r > 0 {
			c.Rate = r
		} else if c.Rate > 0 {
			v["rate"] = c.Rate
		}
		if c.Rate > 0 && c.Workers == 0 {
			c.Workers = min(v.Int(workers), MaxInFlight)
		}
	}
}

// Check vets the backend parameters against each other, as a workload's
// Check hook: a latency or stall that cannot be served is refused before
// anything starts.
func Check(v lab.Values) error {
	return ConfigOf(v).Validate()
}

// ConfigOf reads a server configuration from a workload's values, which
// must include Params.
func ConfigOf(v lab.Values) Config {
	return Config{
		Latency: Latency{
			Dist:   Dist(v.String("dist")),
			Mean:   v.Duration("latency"),
			Jitter: v.Duration("jitter"),
			Sigma:  v.Float("sigma"),
		},
		Limit:      v.Int("limit"),
		StallEvery: v.Duration("stall_every"),
		StallFor:   v.Duration("stall_for"),
		ErrorRate:  v.Float("error_rate"),
	}
}

// A Target is where a run's requests go: the loopback backend started for
// the run, or a person's own service.
type Target struct {
	*Client
	// Server is the loopback backend; nil when aiming at a person's own
	// service.
	Server *Server
}

// Connect starts the backend for the run described by env's values, or
// aims at the target parameter when it is set, and returns a client with
// conns connections open. Both are released when env closes.
func Connect(env *lab.Env, conns int) (*Target, error) {
	addr := env.Params.String("target")
	if addr != "" {
		if err := checkTarget(addr); err != nil {
			return nil, err
		}
		c := NewClient(addr, conns)
		env.OnClose(c.Close)
		t := &Target{Client: c}
		return t, t.Warm(env.Ctx, conns)
	}
	srv, err := Start(env.Ctx, ConfigOf(env.Params))
	if err != nil {
		return nil, err
	}
	// Registered first, so that it runs last: the client lets go of its
	// connections before the server closes them.
	env.OnClose(srv.Close)
	c := NewClient(srv.URL(), conns)
	env.OnClose(c.Close)
	t := &Target{Client: c, Server: srv}
	return t, t.Warm(env.Ctx, conns)
}

// checkTarget checks a target given other than through the parameter,
// which Parse has checked already, by the same rule.
func checkTarget(addr string) error {
	_, err := lab.ParseURL("target", addr, targetSchemes)
	return err
}

// targetSchemes are what the backend's client speaks.
var targetSchemes = []string{"http", "https"}

// warmTimeout bounds the warm-up, so that a target that never answers is
// an error and not a run that never starts.
const warmTimeout = 10 * time.Second

// Warm opens conns connections before anything is measured, by sending conns
// requests at once, so that no strategy pays for opening them. The loopback
// backend answers them at once; a person's own service answers them as it
// does any request. Warm fails only when every request fails: the target is
// down or refuses us.
func (t *Target) Warm(ctx context.Context, conns int) error {
	ctx, cancel := context.WithTimeout(ctx, warmTimeout)
	defer cancel()
	c := t.Client
	if t.Server != nil {
		c = &Client{url: strings.TrimSuffix(t.url, "/") + warmPath, hc: t.hc}
	}
	errs := make(chan error, conns)
	var wg sync.WaitGroup
	for range conns {
		wg.Go(func() { errs <- c.Call(ctx) })
	}
	wg.Wait()
	close(errs)
	var first error
	for err := range errs {
		if err == nil {
			return nil
		}
		first = cmp.Or(first, err)
	}
	return fmt.Errorf("no answer from %s: %w", t.url, first)
}
