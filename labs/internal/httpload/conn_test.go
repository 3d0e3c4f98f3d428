package httpload

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/perflab/perflab/measure/measuretest"
)

func target(t *testing.T, raw string, method string, body []byte) *Target {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return &Target{URL: u, Method: method, Body: body, Timeout: 5 * time.Second,
		Headers: []Header{{"X-Perflab", "yes"}}}
}

func TestConnSendsTheRequestAndCounts(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if r.Method != "POST" || r.Header.Get("X-Perflab") != "yes" || string(b) != "ping" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte("pong"))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()

	c := NewConn(target(t, srv.URL+"/", "POST", []byte("ping")))
	for range 5 {
		if err := c.Do(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if got := c.Counts.Status[200]; got != 5 {
		t.Errorf("status 200 counted %d times, want 5", got)
	}
	if got := conns.Load(); got != 1 {
		t.Errorf("%d connections opened for 5 requests, want 1: keep-alive", got)
	}
	// Each response is a status line, headers and the 4-byte body.
	if per := c.Counts.Bytes / 5; per < int64(len("HTTP/1.1 200 OK\r\n\r\npong")) {
		t.Errorf("%d bytes a response, want the whole response counted", per)
	}
	if err := c.Close(); err != nil {
		t.Error(err)
	}

	c = NewConn(target(t, srv.URL+"/missing", "POST", []byte("ping")))
	defer c.Close()
	err := c.Do(context.Background())
	var status *StatusError
	if !errors.As(err, &status) || status.Code != 404 || c.Counts.Errors[KindNon2xx] != 1 || c.Counts.Status[404] != 1 {
		t.Errorf("err %v, counts %+v: want a 404 StatusError counted as non_2xx", err, c.Counts)
	}
}

func TestConnSortsFailures(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/"
	ln.Close()

	hang, err := net.Listen("tcp", "127.0.0.1:0") // accepts, never answers
	if err != nil {
		t.Fatal(err)
	}
	defer hang.Close()
	reset, err := net.Listen("tcp", "127.0.0.1:0") // accepts, then hangs up
	if err != nil {
		t.Fatal(err)
	}
	defer reset.Close()
	go func() {
		for {
			conn, err := reset.Accept()
			if err != nil {
				return
			}
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}
	}()

	tests := []struct {
		url, want string
		timeout   time.Duration
	}{
		{refused, KindRefused, time.Second},
		{"http://" + hang.Addr().String() + "/", KindTimeout, 50 * time.Millisecond},
		{"http://" + reset.Addr().String() + "/", KindReset, time.Second},
	}
	for _, tt := range tests {
		tg := target(t, tt.url, "GET", nil)
		tg.Timeout = tt.timeout
		c := NewConn(tg)
		err := c.Do(context.Background())
		if got := Kind(err); err == nil || got != tt.want || c.Counts.Errors[tt.want] != 1 {
			t.Errorf("%s: err %v of kind %s, counts %v; want kind %s", tt.url, err, got, c.Counts.Errors, tt.want)
		}
		c.Close()
	}
}

// TestCancelEndsARequestInFlight sends a request the server never answers
// and cancels it: Do must return long before the timeout.
func TestCancelEndsARequestInFlight(t *testing.T) {
	hang, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer hang.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		if conn, err := hang.Accept(); err == nil {
			accepted <- conn
		}
	}()
	tg := target(t, "http://"+hang.Addr().String()+"/", "GET", nil)
	tg.Timeout = time.Hour
	c := NewConn(tg)
	defer c.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Do(ctx) }()
	conn := <-accepted
	defer conn.Close()
	cancel()
	measuretest.WaitFor(t, "the cancelled request to return", func() bool {
		select {
		case err = <-done:
			return true
		default:
			return false
		}
	})
	if !errors.Is(err, context.Canceled) || len(c.Counts.Errors) != 0 {
		t.Errorf("cancelled request: err %v, errors counted %v; want the context's error, counted nowhere", err, c.Counts.Errors)
	}
}
