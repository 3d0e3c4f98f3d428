// Package queue is the distributed half of lab 7: an embedded NATS server
// with JetStream, and the coordinator's side of the work queue that carries
// tasks to workers on this machine or others.
package queue

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// A Server is a NATS server with JetStream running inside this process, its
// store in a temporary folder that Close removes.
type Server struct {
	ns  *server.Server
	dir string
	url string
}

// readyTimeout bounds how long the embedded server may take to accept
// connections.
const readyTimeout = 10 * time.Second

// Store limits: the queue holds small task messages only, and explicit
// limits keep JetStream from sizing itself to the whole machine.
const (
	maxMemory = 64 << 20
	maxStore  = 256 << 20
)

// StartServer starts an embedded server listening on listen, "host:port".
// An empty listen, the default, is 127.0.0.1 on a random port: reachable
// from this machine only. "0.0.0.0:4222" lets workers on other machines
// join.
func StartServer(listen string) (*Server, error) {
	host, port, err := parseListen(listen)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "perflab-nats-")
	if err != nil {
		return nil, fmt.Errorf("make the JetStream store: %w", err)
	}
	opts := &server.Options{
		ServerName:         "perflab",
		Host:               host,
		Port:               port,
		JetStream:          true,
		StoreDir:           dir,
		JetStreamMaxMemory: maxMemory,
		JetStreamMaxStore:  maxStore,
		NoLog:              true,
		NoSigs:             true,
	}
	ns, err := server.NewServer(opts)
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("nats server: %w", err)
	}
	ns.Start()
	if !ns.ReadyForConnections(readyTimeout) {
		ns.Shutdown()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("nats server on %s not ready within %v (is the port taken?)", net.JoinHostPort(host, strconv.Itoa(port)), readyTimeout)
	}
	addr, ok := ns.Addr().(*net.TCPAddr)
	if !ok {
		ns.Shutdown()
		os.RemoveAll(dir)
		return nil, errors.New("nats server has no TCP address")
	}
	// Local clients dial loopback even when the server listens on every
	// interface: 0.0.0.0 is not an address to connect to.
	dial := host
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		dial = "127.0.0.1"
	}
	return &Server{ns: ns, dir: dir, url: "nats://" + net.JoinHostPort(dial, strconv.Itoa(addr.Port))}, nil
}

// parseListen splits "host:port" into the server's options: an empty
// string is 127.0.0.1 on a random port (-1 to the server; 0 is its default
// port, 4222).
func parseListen(listen string) (string, int, error) {
	if listen == "" {
		return "127.0.0.1", -1, nil
	}
	host, p, err := net.SplitHostPort(listen)
	if err != nil {
		return "", 0, fmt.Errorf("listen must be host:port such as 0.0.0.0:4222, got %q", listen)
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("listen port must be 0 to 65535, got %q", p)
	}
	if port == 0 {
		port = -1
	}
	if host == "" {
		host = "0.0.0.0"
	}
	return host, port, nil
}

// URL is where clients on this machine connect.
func (s *Server) URL() string { return s.url }

// StoreDir is the temporary folder that holds the JetStream store.
func (s *Server) StoreDir() string { return s.dir }

// Close shuts the server down, waits for it, and removes its store.
func (s *Server) Close() error {
	s.ns.Shutdown()
	s.ns.WaitForShutdown()
	if err := os.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("remove the JetStream store: %w", err)
	}
	return nil
}
