package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestHTTPBadInputExits2WithOneLine(t *testing.T) {
	for _, args := range [][]string{
		{"http"},
		{"http", "127.0.0.1:8080"},
		{"http", "http://[::1"},
		{"http", "-m", "FETCH", "http://127.0.0.1:1/"},
		{"http", "-H", "NoColon", "http://127.0.0.1:1/"},
		{"http", "--name", "a", "http://127.0.0.1:1/", "http://127.0.0.1:2/"},
		{"http", "--sweep", "rate=1000", "http://127.0.0.1:1/"},
		{"http", "--sweep", "rate=1,2", "--rate", "5", "http://127.0.0.1:1/"},
		{"http", "-c", "0", "http://127.0.0.1:1/"},
	} {
		out, stderr, code := perflab(t, args...)
		if code != 2 || out != "" || stderr == "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one line on stderr", args, code, out, stderr)
		}
	}
}

// TestHTTPEveryRequestFailedExits1 loads a port nobody listens on and a
// path that is never found: the result is printed, with the failures
// counted by cause, and the run exits 1 with one line saying why.
func TestHTTPEveryRequestFailedExits1(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	tests := []struct{ url, cause string }{
		{"http://127.0.0.1:1/", "connection refused"},
		{srv.URL + "/missing", "answered 404"},
	}
	for _, tt := range tests {
		out, stderr, code := perflab(t, "http", "--reps", "1", "--duration", "20ms", "-c", "1", tt.url)
		last := strings.TrimSpace(stderr)
		last = last[strings.LastIndex(last, "\n")+1:]
		want := "perflab: every request to " + tt.url + " failed: "
		if code != 1 || !strings.HasPrefix(last, want) || !strings.HasSuffix(last, tt.cause) || !strings.Contains(out, "errors_") {
			t.Errorf("%s: exit %d, stdout %q, last line of stderr %q; want exit 1, the result, and %q ending in %q", tt.url, code, out, last, want, tt.cause)
		}
	}
}

// TestHTTPSomeRequestsFailingIsAResult loads a server that fails one
// request in two: the failures are counted and the run exits 0.
func TestHTTPSomeRequestsFailingIsAResult(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1)%2 == 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	out, stderr, code := perflab(t, "http", "--reps", "1", "--duration", "20ms", "-c", "1", srv.URL)
	if code != 0 || !strings.Contains(out, "status_503=") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 0 and the 503s counted", code, out, stderr)
	}
}

func TestFailureCausesLargestFirst(t *testing.T) {
	tests := []struct {
		metrics map[string]float64
		want    string
	}{
		{map[string]float64{"errors_refused": 10036, "errors_timeout": 0}, "10,036 connection refused"},
		{map[string]float64{"errors_timeout": 3, "errors_reset": 7, "errors_other": 1}, "7 connection reset or closed by the server, 3 timed out (past 2s), 1 failed otherwise"},
		{map[string]float64{"errors_non_2xx": 12, "status_404": 2, "status_503": 10}, "10 answered 503, 2 answered 404"},
		{map[string]float64{}, "no cause was counted"},
	}
	for _, tt := range tests {
		if got := failureCauses(tt.metrics, 2*time.Second); got != tt.want {
			t.Errorf("failureCauses(%v) = %q, want %q", tt.metrics, got, tt.want)
		}
	}
}

func TestHTTPRateSweepDrawsTheLoadCurve(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) }))
	defer srv.Close()
	out, _ := perflabOK(t, "http", "--reps", "1", "--duration", "50ms", "-c", "4", "--sweep", "rate=200,400", "--name", "svc", srv.URL)
	for _, want := range []string{"latency against load: svc", "offered/s", "achieved/s", "service p99"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "  200  ") || !strings.Contains(out, "  400  ") {
		t.Errorf("load curve lacks a row per offered rate:\n%s", out)
	}
}

// TestHTTPSilentServerKeepsTheBudget loads a loopback listener that accepts
// and never answers, with a budget shorter than one repetition: the run ends
// near the budget (a lone URL's fixed design of ten 2 s repetitions would
// take 22 s), and says it cut the request in flight.
func TestHTTPSilentServerKeepsTheBudget(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var accepted sync.WaitGroup
	var conns []net.Conn
	accepted.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	})
	defer func() {
		_ = ln.Close()
		accepted.Wait()
		for _, c := range conns {
			_ = c.Close()
		}
	}()
	start := time.Now()
	out, stderr, code := perflab(t, "http", "--max-time", "1s", "--duration", "2s", "--timeout", "1000s", "-c", "1", "--no-save", "http://"+ln.Addr().String()+"/")
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("a 1s budget against a silent server took %v", took)
	}
	if code != 0 || !strings.Contains(out+stderr, "1 operation in flight when a repetition of 2s or the run's budget ended cut short") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 0 and the cut request said", code, out, stderr)
	}
}
