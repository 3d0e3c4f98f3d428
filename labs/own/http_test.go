package own

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

func TestHTTPRefusesBadInput(t *testing.T) {
	ok := Request{URL: "http://127.0.0.1:1/", Timeout: time.Second}
	tests := []struct {
		o    HTTPOptions
		want string
	}{
		{HTTPOptions{}, "at least one URL"},
		{HTTPOptions{Requests: []Request{ok, ok}, Names: []string{"a"}}, "name: given 1 times for 2 URLs"},
		{HTTPOptions{Requests: []Request{ok, {URL: "localhost:80", Timeout: time.Second}}}, "must start with http://"},
		{HTTPOptions{Requests: []Request{{URL: ok.URL, Method: "BREW", Timeout: time.Second}}}, "unknown method"},
	}
	for _, tt := range tests {
		if _, err := HTTP(tt.o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("HTTP(%+v) error %v, want one with %q", tt.o, err, tt.want)
		}
	}
}

// TestHTTPRacesRequests loads two paths of one server, closed loop and
// open, and checks the counts every result carries.
func TestHTTPRacesRequests(t *testing.T) {
	measuretest.NoLeaks(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/teapot" {
			w.WriteHeader(http.StatusTeapot)
		}
		_, _ = w.Write([]byte("ok"))
	}))
	defer srv.Close()
	l, err := HTTP(HTTPOptions{
		Requests: []Request{{URL: srv.URL + "/", Timeout: time.Second}, {URL: srv.URL + "/teapot", Timeout: time.Second}},
		Names:    []string{"ok", "teapot"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, rate := range []string{"0", "500"} {
		rep := labtest.Run(t, l.Workloads[0], map[string]string{ParamConnections: "2", ParamRate: rate}, measure.Config{Reps: 2, RepDuration: 20 * time.Millisecond})
		good, bad := labtest.Result(t, rep, "ok"), labtest.Result(t, rep, "teapot")
		if good.Ops == 0 || good.Errors != 0 || good.Metrics["status_200"] != float64(good.Ops) || good.Metrics["response_bytes"] <= 0 {
			t.Errorf("rate %s: ok: %d ops, %d errors, metrics %v; want every request a counted 200", rate, good.Ops, good.Errors, good.Metrics)
		}
		if bad.Errors == 0 || bad.Metrics["errors_non_2xx"] != float64(bad.Errors) || bad.Metrics["status_418"] != float64(bad.Errors) {
			t.Errorf("rate %s: teapot: %d errors, metrics %v; want every 418 a non_2xx error", rate, bad.Errors, bad.Metrics)
		}
		if open := good.OpenLoop != nil; open != (rate != "0") {
			t.Errorf("rate %s: open loop stats %v, want them exactly when a rate is set", rate, good.OpenLoop)
		}
	}
}

func TestHTTPCancelMidRequest(t *testing.T) {
	measuretest.NoLeaks(t)
	var inFlight atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inFlight.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	l, err := HTTP(HTTPOptions{Requests: []Request{{URL: srv.URL, Timeout: time.Hour}}})
	if err != nil {
		t.Fatal(err)
	}
	labtest.Cancel(t, l.Workloads[0], map[string]string{ParamConnections: "2"}, measure.Config{Reps: 2, RepDuration: time.Hour},
		"a request in flight", func(any) bool { return inFlight.Load() > 0 })
}

func TestKneeIsWhereP99LeavesTheFlat(t *testing.T) {
	pt := func(offered, achieved float64, p99 int64) LoadPoint {
		return LoadPoint{Offered: offered, Achieved: achieved, P99Ns: p99}
	}
	tests := []struct {
		name string
		pts  []LoadPoint
		want int
	}{
		{"flat", []LoadPoint{pt(100, 100, 1000), pt(200, 200, 1500), pt(400, 399, 1900)}, -1},
		{"p99 doubles", []LoadPoint{pt(100, 100, 1000), pt(200, 200, 1200), pt(400, 400, 2500), pt(800, 800, 9000)}, 2},
		{"rate not met", []LoadPoint{pt(100, 100, 1000), pt(200, 150, 1100)}, 1},
		{"none", nil, -1},
	}
	for _, tt := range tests {
		if got := knee(tt.pts); got != tt.want {
			t.Errorf("%s: knee = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestLoadCurvesOnlyForARateSweep(t *testing.T) {
	res := func(name string, p99 int64, achieved float64) *measure.Result {
		return &measure.Result{Name: name, P99Ns: p99, OpenLoop: &measure.OpenLoopStats{AchievedRate: achieved}}
	}
	sw := &measure.Sweep{Param: ParamRate, Points: []measure.SweepPoint{
		{Value: 2000, Strategies: []*measure.Result{res("a", 5000, 1500)}},
		{Value: 1000, Strategies: []*measure.Result{res("a", 1000, 1000)}},
	}}
	got := LoadCurves(sw)
	if len(got) != 1 || len(got[0].Points) != 2 || got[0].Points[0].Offered != 1000 || got[0].Knee != 1 {
		t.Errorf("LoadCurves = %+v, want one curve from the lowest load up with its knee at 2000/s", got)
	}
	sw.Param = ParamConnections
	if got := LoadCurves(sw); got != nil {
		t.Errorf("LoadCurves of a sweep of connections = %+v, want none", got)
	}
}

// TestHTTPSilentServerEndsAtTheBound loads a loopback listener that accepts
// and never answers, with a request timeout far past the run, in a fixed
// design and in one that goes on until decided: each run ends near its
// bounds, not at the timeout, and says how many requests it cut.
func TestHTTPSilentServerEndsAtTheBound(t *testing.T) {
	measuretest.NoLeaks(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var held sync.WaitGroup
	var conns []net.Conn
	var mu sync.Mutex
	held.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	})
	defer func() {
		_ = ln.Close()
		held.Wait()
		for _, c := range conns {
			_ = c.Close()
		}
	}()
	url := "http://" + ln.Addr().String() + "/"
	l, err := HTTP(HTTPOptions{Requests: []Request{{URL: url, Timeout: 1000 * time.Second}, {URL: url + "b", Timeout: 1000 * time.Second}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, cfg := range []measure.Config{
		{Reps: 2, RepDuration: 100 * time.Millisecond},
		{MaxTime: time.Second, RepDuration: 100 * time.Millisecond},
	} {
		start := time.Now()
		rep := labtest.Run(t, l.Workloads[0], map[string]string{ParamConnections: "2"}, cfg)
		if took := time.Since(start); took > 20*time.Second {
			t.Errorf("%+v: requests with a 1000 s timeout to a silent server took %v, want them cut at the bound", cfg, took)
		}
		res := labtest.Result(t, rep, url)
		var cut *measure.Finding
		for i, f := range res.Findings {
			if f.Kind == measure.FindingCut {
				cut = &res.Findings[i]
			}
		}
		if cut == nil || cut.Count == 0 || res.Ops != 0 || res.Errors != 0 {
			t.Errorf("%+v: %d ops, %d errors, findings %+v; want the requests cut at the bound said, counted nowhere", cfg, res.Ops, res.Errors, res.Findings)
		}
	}
}
