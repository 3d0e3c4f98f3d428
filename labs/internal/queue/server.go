// Package queue is the distributed half of lab 7: an embedded NATS server
// with JetStream, and the coordinator's side of the work queue that carries
// tasks to workers on this machine or others.
package queue

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/perflab/perflab/labs/lab"
)

// A Server is a NATS server with JetStream running inside this process, its
// store in a temporary folder that Close removes.
type Server struct {
	ns   *server.Server
	dir  string
	url  string
	port int
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
// from this machine only. A token, if set, is required of every client,
// which is how a server that other machines can reach is kept to the
// workers it was meant for.
func StartServer(listen, token string) (*Server, error) {
	host, port, err := parseListen(listen)
	if err != nil {
		return nil, err
	}
	// A coordinator that was killed could not remove its store: remove
	// those of dead coordinators before making a new one.
	cleanStaleStores(os.TempDir())
	dir, err := os.MkdirTemp("", storePrefix+strconv.Itoa(os.Getpid())+"-")
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
		Authorization:      token,
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
	u := &url.URL{Scheme: "nats", Host: net.JoinHostPort(dial, strconv.Itoa(addr.Port))}
	if token != "" {
		u.User = url.User(token)
	}
	return &Server{ns: ns, dir: dir, url: u.String(), port: addr.Port}, nil
}

// parseListen splits "host:port" into the server's options: an empty
// string is 127.0.0.1 on a random port (-1 to the server; 0 is its default
// port, 4222).
func parseListen(listen string) (string, int, error) {
	if listen == "" {
		return "127.0.0.1", -1, nil
	}
	host, port, err := lab.ParseAddress("listen", listen)
	if err != nil {
		return "", 0, err
	}
	if port == 0 {
		port = -1
	}
	return host, port, nil
}

// Port is the port the server listens on.
func (s *Server) Port() int { return s.port }

// URL is where clients on this machine connect, with the token if the
// server asks for one.
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
