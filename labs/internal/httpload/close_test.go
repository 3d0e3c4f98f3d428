package httpload

import (
	"bufio"
	"context"
	"errors"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// closingServer answers every request on 127.0.0.1 with response and then
// hangs up, as servers that close after each response do (Python's
// http.server speaks HTTP/1.0 and closes). It returns the URL.
func closingServer(t *testing.T, response string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			// Read the request's head to its blank line, answer, close.
			r := bufio.NewReader(conn)
			for {
				line, err := r.ReadString('\n')
				if err != nil || strings.TrimSpace(line) == "" {
					break
				}
			}
			_, _ = conn.Write([]byte(response))
			conn.Close()
		}
	}()
	return "http://" + ln.Addr().String() + "/"
}

// TestConnAgainstServersThatClose sends requests to servers that close the
// connection after each response, in each way HTTP/1.x allows: every request
// succeeds on a connection of its own and nothing counts as an error.
func TestConnAgainstServersThatClose(t *testing.T) {
	tests := []struct{ name, response string }{
		{"HTTP/1.1 Connection: close", "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello"},
		{"HTTP/1.0 with a length", "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello"},
		{"HTTP/1.0, the body to the close", "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := closingServer(t, tt.response)
			c := NewConn(target(t, url, "GET", nil))
			defer c.Close()
			for i := range 20 {
				if err := c.Do(context.Background()); err != nil {
					t.Fatalf("request %d: %v", i, err)
				}
				if body := string(c.resp.Body()); body != "hello" {
					t.Fatalf("request %d: body %q, want hello", i, body)
				}
			}
			if c.Counts.Status[200] != 20 || len(c.Counts.Errors) != 0 {
				t.Errorf("counts %+v, want 20 status 200 and no errors", c.Counts)
			}
			if min := int64(20 * len(tt.response)); c.Counts.Bytes < min {
				t.Errorf("%d bytes read, want at least the %d of 20 whole responses", c.Counts.Bytes, min)
			}
		})
	}
}

// smallBacklog listens on 127.0.0.1 with a listen backlog of one and does
// not accept yet, as a busy Python http.server: once its queue is full,
// the kernel drops further connection attempts, which retry a second later.
func smallBacklog(t *testing.T) net.Listener {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 1); err != nil {
		t.Fatal(err)
	}
	f := os.NewFile(uintptr(fd), "listener")
	defer f.Close()
	ln, err := net.FileListener(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln
}

// TestACutDialIsTakenOverByTheNextRequest fills a listen queue so that a
// connection attempt stalls, cuts the request (a repetition's end): Do
// returns at once and counts nothing. Once the server accepts, the next
// request, under a new context, finishes the same attempt rather than
// starting afresh.
func TestACutDialIsTakenOverByTheNextRequest(t *testing.T) {
	ln := smallBacklog(t)
	url := "http://" + ln.Addr().String() + "/"
	// Fill the queue: these connections wait, unaccepted.
	for range 3 {
		d := net.Dialer{Timeout: 100 * time.Millisecond}
		if conn, err := d.Dial("tcp", ln.Addr().String()); err == nil {
			defer conn.Close()
		}
	}
	c := NewConn(target(t, url, "GET", nil))
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := c.Do(ctx); !errors.Is(err, context.DeadlineExceeded) || len(c.Counts.Errors) != 0 {
		t.Fatalf("cut request: err %v, errors counted %v; want the context's error, counted nowhere", err, c.Counts.Errors)
	}
	if took := time.Since(start); took > 900*time.Millisecond {
		t.Errorf("cut request returned after %v, want at its context's end, not the SYN retry's", took)
	}
	if c.dialing == nil {
		t.Fatal("the connection attempt was dropped, want it left for the next request")
	}
	// Serve: answer every connection, queued ones first.
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				r := bufio.NewReader(conn)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					if strings.TrimSpace(line) == "" {
						_, _ = conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
					}
				}
			}()
		}
	}()
	if err := c.Do(context.Background()); err != nil {
		t.Fatalf("next request: %v", err)
	}
	if c.dialing != nil || c.Counts.Status[200] != 1 {
		t.Errorf("next request: attempt left %v, counts %+v; want the attempt taken over and one 200", c.dialing, c.Counts)
	}
}

// TestADialThatEndsAfterItsContextIsKept checks that a connection attempt
// found ended, once its request's context has ended too, is not handed to
// the request but kept for the next one. fasthttp retries a request whose
// connection a cut closed, and dials again: a select between two ready
// cases picks either, and a connection handed over after the cut waited
// its request's whole timeout on a silent server (a hang seen once in 40
// runs of TestHTTPSilentServerEndsAtTheBound).
func TestADialThatEndsAfterItsContextIsKept(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	c := NewConn(target(t, "http://"+ln.Addr().String()+"/", "GET", nil))
	defer c.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c.watch(ctx)
	for try := range 20 {
		made, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan dialResult, 1)
		done <- dialResult{conn: made}
		c.dialing = &attempt{done: done, cancel: func() {}}
		conn, err := c.dial(ln.Addr().String())
		if conn != nil || !errors.Is(err, context.Canceled) {
			t.Fatalf("try %d: dial after the context ended gave %v, %v; want the context's error", try, conn, err)
		}
		if c.dialing == nil || c.live != nil {
			t.Fatalf("try %d: the connection made was not kept for the next request (live %v)", try, c.live)
		}
		c.GiveUpDial()
	}
}
