// Package queue is the distributed half of lab 7: an embedded NATS server
// with JetStream, and the coordinator's side of the work queue that carries
// tasks to workers on this machine or others.
package queue

import (
	"fmt"
	"net/url"
	"os"
	"strconv"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/perflab/perflab/labs/internal/natsd"
)

// A Server is a NATS server with JetStream running inside this process, its
// store in a temporary folder that Close removes.
type Server struct {
	ns   *server.Server
	dir  string
	url  string
	port int
}

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
	host, port, err := natsd.Address("listen", listen)
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
	ns, err := natsd.Start("nats server", opts)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	u := &url.URL{Scheme: "nats", Host: ns.Dial}
	if token != "" {
		u.User = url.User(token)
	}
	return &Server{ns: ns.Server, dir: dir, url: u.String(), port: ns.Port}, nil
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
