package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
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

// TestHTTPRefusedIsCountedNotFatal loads a port nobody listens on: the run
// ends normally and its result counts the refusals.
func TestHTTPRefusedIsCountedNotFatal(t *testing.T) {
	out, stderr, code := perflab(t, "http", "--reps", "1", "--duration", "20ms", "-c", "1", "http://127.0.0.1:1/")
	if code != 0 || !strings.Contains(out, "errors_refused=") || strings.Contains(out, "errors_refused=0 ") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 0 and refusals counted", code, out, stderr)
	}
}

func TestHTTPRateSweepDrawsTheLoadCurve(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) }))
	defer srv.Close()
	out, stderr, code := perflab(t, "http", "--reps", "1", "--duration", "50ms", "-c", "4", "--sweep", "rate=200,400", "--name", "svc", srv.URL)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"latency against load: svc", "offered/s", "achieved/s", "service p99"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "  200  ") || !strings.Contains(out, "  400  ") {
		t.Errorf("load curve lacks a row per offered rate:\n%s", out)
	}
}
