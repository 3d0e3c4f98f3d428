// Package natsd starts the NATS servers perflab embeds in its own process:
// lab 7's work queue, a fleet's hub and a workshop's room. Each asks for a
// server of its own options (JetStream, a token, custom authentication);
// this package says once where such a server listens, how long it may take
// to accept connections, and where clients on this machine dial it.
package natsd

import (
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/perflab/perflab/labs/lab"
)

// ReadyTimeout bounds how long an embedded server may take to accept
// connections.
const ReadyTimeout = 10 * time.Second

// Address splits listen, "host:port", into a server's Host and Port. An
// empty listen is 127.0.0.1 on a random port: reachable from this machine
// only. A random port is -1 to the server, whose 0 is its default, 4222.
// name says the address in an error ("listen", "the room's address").
func Address(name, listen string) (host string, port int, err error) {
	if listen == "" {
		return "127.0.0.1", -1, nil
	}
	host, port, err = lab.ParseAddress(name, listen)
	if err != nil {
		return "", 0, err
	}
	if port == 0 {
		port = -1
	}
	return host, port, nil
}

// A Server is an embedded server, started and accepting connections.
type Server struct {
	*server.Server
	// Port is the port it listens on, the system's choice when a random
	// one was asked for.
	Port int
	// Dial is host:port for clients on this machine: loopback when the
	// server listens on every interface, which is no address to connect
	// to, or on a name.
	Dial string
}

// Start starts a server of opts, whose Host and Port come from Address,
// and waits until it accepts connections. what names the server in errors
// ("room server").
func Start(what string, opts *server.Options) (*Server, error) {
	ns, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ns.Start()
	// The listener exists once the server is ready: its address is read
	// after, not before.
	if !ns.ReadyForConnections(ReadyTimeout) {
		ns.Shutdown()
		return nil, fmt.Errorf("%s on %s not ready within %v (is the port taken?)", what, net.JoinHostPort(opts.Host, strconv.Itoa(max(opts.Port, 0))), ReadyTimeout)
	}
	tcp, ok := ns.Addr().(*net.TCPAddr)
	if !ok {
		ns.Shutdown()
		return nil, fmt.Errorf("%s has no TCP address", what)
	}
	dial := opts.Host
	if ip := net.ParseIP(dial); ip == nil || ip.IsUnspecified() {
		dial = "127.0.0.1"
	}
	return &Server{Server: ns, Port: tcp.Port, Dial: net.JoinHostPort(dial, strconv.Itoa(tcp.Port))}, nil
}
