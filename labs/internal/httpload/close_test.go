package httpload

import (
	"bufio"
	"context"
	"net"
	"strings"
	"testing"
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
