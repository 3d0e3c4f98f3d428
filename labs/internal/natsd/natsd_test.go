package natsd

import (
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

func TestAddress(t *testing.T) {
	for _, tc := range []struct {
		listen, host string
		port         int
		err          string
	}{
		{"", "127.0.0.1", -1, ""},
		{"127.0.0.1:0", "127.0.0.1", -1, ""},
		{"127.0.0.1:4300", "127.0.0.1", 4300, ""},
		{"[::1]:4300", "::1", 4300, ""},
		{"no port", "", 0, "the room's address"},
	} {
		host, port, err := Address("the room's address", tc.listen)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Address(%q) = %v; want an error naming %q", tc.listen, err, tc.err)
			}
			continue
		}
		if err != nil || host != tc.host || port != tc.port {
			t.Errorf("Address(%q) = %q, %d, %v; want %q, %d", tc.listen, host, port, err, tc.host, tc.port)
		}
	}
}

// TestStartOnARandomLoopbackPort starts a server on a random port of
// loopback, as an empty listen asks: it accepts a client at Dial before
// Start returns, and listens on loopback only.
func TestStartOnARandomLoopbackPort(t *testing.T) {
	for _, listen := range []string{"", "localhost:0"} {
		host, port, err := Address("listen", listen)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Start("test server", &server.Options{Host: host, Port: port, NoLog: true, NoSigs: true})
		if err != nil {
			t.Fatal(err)
		}
		if s.Port <= 0 || s.Dial != net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port)) {
			t.Errorf("listen %q: port %d, dial %q; want a chosen port on 127.0.0.1", listen, s.Port, s.Dial)
		}
		if a, ok := s.Addr().(*net.TCPAddr); !ok || !a.IP.IsLoopback() {
			t.Errorf("listen %q: the server listens on %v, not loopback", listen, s.Addr())
		}
		nc, err := nats.Connect("nats://"+s.Dial, nats.NoReconnect())
		if err != nil {
			t.Errorf("listen %q: a client could not connect at %s: %v", listen, s.Dial, err)
		} else {
			nc.Close()
		}
		s.Shutdown()
		s.WaitForShutdown()
	}
}

func TestStartRefusesBadOptions(t *testing.T) {
	// A payload larger than the most a client may have pending is refused
	// by the server's own check; the error names the server.
	s, err := Start("room server", &server.Options{Host: "127.0.0.1", Port: -1, NoLog: true, NoSigs: true,
		MaxPayload: 1 << 30, MaxPending: 1 << 20})
	if err == nil {
		s.Shutdown()
	}
	if err == nil || !strings.HasPrefix(err.Error(), "room server: ") {
		t.Errorf("Start = %v; want an error naming the room server", err)
	}
}
