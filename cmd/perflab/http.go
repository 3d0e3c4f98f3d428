package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/labs/own"
	"github.com/perflab/perflab/measure/report"
)

// httpFlags are the flags of perflab http.
type httpFlags struct {
	outputFlags
	req         own.Request
	names       []string
	connections int
	rate        float64
	duration    time.Duration
	generators  int
	fleet       fleetFlags
	roundFlags
}

func newHTTPCmd() *cobra.Command {
	var f httpFlags
	cmd := &cobra.Command{
		Use:   "http URL [URL...]",
		Short: "Load HTTP services, closed or open loop, and race them with a verdict",
		Long: `http sends each URL's request over keep-alive HTTP/1.1 connections, as a strategy of the
engine: a warm-up repetition, then repetitions interleaved URL by URL. With -c alone the loop
is closed (each connection sends its next request when the answer arrives); with --rate it is
open (requests start on schedule whatever the latency, and latency counts from when each was
due, beside the service time from when it started). Results count status codes, bytes and
errors by kind: refused, timeout, reset, non-2xx. A sweep of the rate draws p50 and p99 against
offered load and marks the knee.

Defaults: 10 connections, closed loop. One URL runs a warm-up and 10 rounds of 500ms (about
5.5s), since with nothing to compare there is nothing to decide; two or more URLs run rounds
until every comparison is decided, within --max-time (30s). A terminal shows a progress line on
stderr; a pipe gets none. A URL none of whose requests succeeded ends the run with status 1 and
one line counting the causes (connection refused, timeouts, status codes).`,
		Example: `  perflab http http://127.0.0.1:8080/ -c 8
  perflab http --name old --name new http://127.0.0.1:8080/v1 http://127.0.0.1:8080/v2
  perflab http -m POST -H 'Content-Type: application/json' -d '{"n":1}' http://127.0.0.1:8080/api
  perflab http --sweep rate=500,1000,2000,4000 -c 64 http://127.0.0.1:8080/
  perflab http --generators 2 --rate 4000 -c 32 http://127.0.0.1:8080/
  perflab http --generators 4 --fleet-listen 0.0.0.0:4300 --rate 20000 -c 64 http://10.0.0.7:8080/`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usage("name at least one URL to load, such as perflab http http://127.0.0.1:8080/")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHTTP(cmd, &f, args)
		},
	}
	f.add(cmd, "run once per value of connections or rate (a latency-versus-load curve), `name=v1,v2,...`")
	fl := cmd.Flags()
	fl.StringVarP(&f.req.Method, "method", "m", "GET", "request method: "+strings.Join(own.Methods, ", "))
	fl.StringArrayVarP(&f.req.Headers, "header", "H", nil, "request header, `'Name: value'` (repeatable)")
	fl.StringVarP(&f.req.Body, "body", "d", "", "request body")
	fl.StringVar(&f.req.BodyFile, "body-file", "", "read the request body from this file")
	fl.DurationVar(&f.req.Timeout, "timeout", 10*time.Second, "bound on one request, connecting included; a request past it counts as a timeout")
	fl.BoolVarP(&f.req.Insecure, "insecure", "k", false, "accept any TLS certificate")
	fl.StringArrayVarP(&f.names, "name", "n", nil, "label of a URL in results, one per URL in order (repeatable)")
	fl.IntVarP(&f.connections, "connections", "c", 10, "keep-alive connections (closed loop), or the most requests in flight (open loop)")
	fl.Float64Var(&f.rate, "rate", 0, "open loop: start this many requests a second (0: closed loop)")
	f.roundFlags.addFlags(fl)
	fl.DurationVar(&f.duration, "duration", 500*time.Millisecond, "length of one repetition")
	fl.IntVar(&f.generators, "generators", 0, "spread the load over this many local generator processes, started at one moment each repetition: --rate is split among them, -c is each one's (0: none)")
	f.fleet.addFlags(fl)
	return cmd
}

func runHTTP(cmd *cobra.Command, f *httpFlags, urls []string) (err error) {
	write, sw, err := f.outputFlags.check()
	if err != nil {
		return err
	}
	if f.generators > 0 && f.format == "json" {
		write = withGenerators(write)
	}
	switch {
	case f.roundFlags.checkRounds() != nil:
		return usageError{f.roundFlags.checkRounds()}
	case f.duration <= 0 || f.duration > time.Hour:
		return usage("--duration must be positive and at most 1h, got %v", f.duration)
	}
	if err := f.fleet.check(cmd, f.generators); err != nil {
		return err
	}
	o := own.HTTPOptions{Names: f.names, Generators: f.generators, RepDuration: f.duration}
	for _, u := range urls {
		r := f.req
		r.URL = u
		o.Requests = append(o.Requests, r)
	}
	l, err := own.HTTP(o)
	if err != nil {
		return usageError{err}
	}
	if sw != nil {
		// A flag and a sweep of the parameter it sets: one would
		// silently win.
		for flag, param := range map[string]string{"connections": own.ParamConnections, "rate": own.ParamRate} {
			if cmd.Flags().Changed(flag) && sw.Param == param {
				return usage("--%s and --sweep %s= both set the %s: give one", flag, param, param)
			}
		}
	}
	params := map[string]string{}
	if cmd.Flags().Changed("connections") {
		params[own.ParamConnections] = strconv.Itoa(f.connections)
	}
	if cmd.Flags().Changed("rate") {
		params[own.ParamRate] = strconv.FormatFloat(f.rate, 'g', -1, 64)
	}
	cfg := f.config(f.duration)
	lone(cmd, len(urls), &cfg)
	if f.fleet.remote {
		// Every check is done: only now does a server listen, and the
		// run waits for its generators before its first request.
		hub, err := f.fleet.await(cmd.Context(), f.generators, f.maxTime, cmd.ErrOrStderr())
		if hub != nil {
			defer func() { err = errors.Join(err, hub.Close()) }()
		}
		if err != nil {
			return err
		}
		o.Hub = hub
		if l, err = own.HTTP(o); err != nil {
			return usageError{err}
		}
	}
	rep, err := runOwnParams(cmd.Context(), l, params, cfg, sw, &f.outputFlags, write, cmd.OutOrStdout(), cmd.ErrOrStderr())
	if rep != nil && f.format == "table" && f.output == "" {
		writeLoadCurves(cmd.OutOrStdout(), own.LoadCurves(rep.Sweep))
		writeGenerators(cmd.OutOrStdout(), results(rep))
	}
	if err == nil && rep != nil {
		err = everyRequestFailed(rep, f.req.Timeout)
	}
	return err
}

// writeLoadCurves prints each strategy's latency against offered load, the
// knee marked.
func writeLoadCurves(w io.Writer, curves []own.LoadCurve) {
	for _, c := range curves {
		fmt.Fprintf(w, "\nlatency against load: %s (response time from the intended start; knee: p99 over twice its low-load level, or under 90%% of the offered rate achieved)\n", c.Name)
		fmt.Fprintf(w, "%10s  %10s  %10s  %10s  %12s  %8s\n", "offered/s", "achieved/s", "p50", "p99", "service p99", "errors")
		for i, p := range c.Points {
			mark := ""
			if i == c.Knee {
				mark = "  ← knee"
			}
			fmt.Fprintf(w, "%10.0f  %10.0f  %10s  %10s  %12s  %8d%s\n", p.Offered, p.Achieved,
				report.FormatNs(float64(p.P50Ns)), report.FormatNs(float64(p.P99Ns)), report.FormatNs(float64(p.ServiceP99Ns)), p.Errors, mark)
		}
		if c.Knee < 0 {
			fmt.Fprintln(w, "no knee: p99 stays flat over the loads measured")
		}
	}
}
