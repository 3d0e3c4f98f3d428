package fleet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/perflab/perflab/labs/internal/natsd"
	"github.com/perflab/perflab/labs/lab"
)

// The subjects of a hub. A generator subscribes to its commands under an
// id of its own making before it asks to join, so that no command can
// reach it before it listens; it publishes its reports under the same id.
const (
	subjectJoin     = "perflab.fleet.join"
	subjectCommands = "perflab.fleet.cmd."
	subjectReports  = "perflab.fleet.report."
)

// maxPayload bounds one NATS message on a hub's server: a setup carries the
// request bodies, each at most 16 MiB (regular.BodyLimit), and a report is
// under maxReport.
const maxPayload = 32 << 20

// watchEvery is how often a hub looks for generators whose connection
// closed: a generator killed mid-run is named within this, not after the
// stall's grace.
const watchEvery = 200 * time.Millisecond

// A Hub is the coordinator's side of a fleet whose generators run on other
// machines: an embedded NATS server they join, always guarded by a token,
// and the generators that joined it.
type Hub struct {
	ns    *server.Server
	nc    *nats.Conn
	addr  string
	token string
	want  int

	mu     sync.Mutex
	links  []*remote
	joined chan struct{}

	stopWatch chan struct{}
	watching  sync.WaitGroup
}

// Listen starts a hub on listen, "host:port" (empty: 127.0.0.1 on a random
// port), for n generators. Every client must give token; an empty one is
// made here, so that nothing listens without one.
func Listen(listen, token string, n int) (*Hub, error) {
	if n < 1 || n > MaxGenerators {
		return nil, fmt.Errorf("generators must be between 1 and %d, got %d", MaxGenerators, n)
	}
	if token == "" {
		token = lab.NewToken()
	}
	if err := lab.CheckSecret("the fleet's token", token); err != nil {
		return nil, err
	}
	host, port, err := natsd.Address("listen", listen)
	if err != nil {
		return nil, err
	}
	ns, err := natsd.Start("fleet server", &server.Options{
		ServerName: "perflab-fleet", Host: host, Port: port, Authorization: token,
		MaxPayload: maxPayload, NoLog: true, NoSigs: true,
	})
	if err != nil {
		return nil, err
	}
	h := &Hub{ns: ns.Server, addr: net.JoinHostPort(host, strconv.Itoa(ns.Port)), token: token, want: n,
		joined: make(chan struct{}, 1), stopWatch: make(chan struct{})}
	u := url.URL{Scheme: "nats", User: url.User(token), Host: ns.Dial}
	h.nc, err = nats.Connect(u.String(), nats.Name("perflab coordinator"), nats.NoReconnect())
	if err == nil {
		_, err = h.nc.Subscribe(subjectJoin, h.join)
	}
	if err == nil {
		err = h.nc.Flush()
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("connect to the fleet server: %w", err), h.Close())
	}
	h.watching.Go(h.watch)
	return h, nil
}

// Addr is the address the hub listens on, host:port, as given (0.0.0.0
// stays so: the generators need one of this machine's addresses).
func (h *Hub) Addr() string { return h.addr }

// Token is what a generator gives to join.
func (h *Hub) Token() string { return h.token }

// Want is how many generators the hub waits for.
func (h *Hub) Want() int { return h.want }

// A joinRequest is what a generator sends to join.
type joinRequest struct {
	// ID names the generator's subjects: 16 to 64 letters and digits.
	ID string `json:"id"`
	// Name is where the generator runs (host-pid), for messages.
	Name string `json:"name"`
	// CID is its connection's id on the server, watched for its end.
	CID uint64 `json:"cid"`
	// Host is the host name of the machine it runs on, as that machine
	// gives it: its name in the run says where it runs (see genName).
	Host string `json:"host,omitempty"`
}

// A joinReply accepts a generator under a name, or refuses it.
type joinReply struct {
	Name    string `json:"name,omitempty"`
	Refused string `json:"refused,omitempty"`
	// Full says the refusal is only for this run: it has its generators.
	Full bool `json:"full,omitempty"`
}

var validID = regexp.MustCompile(`^[0-9a-zA-Z]{16,64}$`)

// join answers a generator's request to join.
func (h *Hub) join(m *nats.Msg) {
	reply := func(r joinReply) {
		b, _ := json.Marshal(r) // two strings: cannot fail
		_ = m.Respond(b)        // a generator gone since asking needs no answer
	}
	var req joinRequest
	dec := json.NewDecoder(bytesReader(m.Data))
	dec.DisallowUnknownFields()
	if len(m.Data) > 4096 || dec.Decode(&req) != nil || !validID.MatchString(req.ID) || len(req.Name) > 256 || len(req.Host) > 256 {
		reply(joinReply{Refused: "a join request that is not one"})
		return
	}
	conns, err := h.ns.Connz(&server.ConnzOptions{CID: req.CID})
	if err != nil || len(conns.Conns) != 1 {
		reply(joinReply{Refused: "a join request from no open connection"})
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.links) >= h.want {
		reply(joinReply{Refused: fmt.Sprintf("the run has its %d generators", h.want), Full: true})
		return
	}
	r := &remote{hub: h, id: req.ID, from: fmt.Sprintf("%s at %s", req.Name, conns.Conns[0].IP), cid: req.CID,
		gen: genName(len(h.links)+1, req.Host), ch: make(chan []byte, reportQueue), gone: make(chan struct{})}
	if _, err := h.nc.Subscribe(subjectReports+req.ID, r.take); err != nil {
		reply(joinReply{Refused: "the coordinator could not listen for its reports: " + err.Error()})
		return
	}
	h.links = append(h.links, r)
	reply(joinReply{Name: r.gen})
	select {
	case h.joined <- struct{}{}:
	default:
	}
}

// Await waits up to bound for the hub's generators to join, calling
// joined with each one's name and where it runs as it comes.
func (h *Hub) Await(ctx context.Context, bound time.Duration, joined func(name, from string)) error {
	t := time.NewTimer(bound)
	defer t.Stop()
	told := 0
	for {
		h.mu.Lock()
		links := h.links
		h.mu.Unlock()
		for ; told < len(links); told++ {
			if joined != nil {
				joined(links[told].gen, links[told].from)
			}
		}
		if len(links) >= h.want {
			return nil
		}
		select {
		case <-h.joined:
		case <-t.C:
			return fmt.Errorf("%d of %d generators joined within %v", len(links), h.want, bound)
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
}

// Attach makes a fleet of the hub's generators and sends them the run's
// targets. A generator that left or was lost since is lost in the fleet
// from the start, under its name, so that names stay those of the join.
func Attach(h *Hub, targets []Target) (*Fleet, error) {
	h.mu.Lock()
	links := h.links
	h.mu.Unlock()
	if len(links) == 0 {
		return nil, errors.New("no generator has joined")
	}
	f := &Fleet{}
	for _, r := range links {
		f.links = append(f.links, r)
		f.lost = append(f.lost, r.isGone())
	}
	if f.Alive() == 0 {
		return nil, errors.New("every generator that joined has left")
	}
	if err := f.setup(targets); err != nil {
		return nil, err
	}
	return f, nil
}

// watch marks each generator whose connection closed as gone, until the
// hub closes.
func (h *Hub) watch() {
	t := time.NewTicker(watchEvery)
	defer t.Stop()
	for {
		select {
		case <-h.stopWatch:
			return
		case <-t.C:
		}
		h.mu.Lock()
		links := h.links
		h.mu.Unlock()
		for _, r := range links {
			if r.isGone() {
				continue
			}
			if c, err := h.ns.Connz(&server.ConnzOptions{CID: r.cid}); err == nil && len(c.Conns) == 0 {
				r.markGone()
			}
		}
	}
}

// leaveGrace bounds how long a closing hub waits for its generators to
// leave as told: a server shut down under a generator that has not read
// the word yet would have it end as one that lost its coordinator.
const leaveGrace = 2 * time.Second

// awaitLeaving waits up to d for every generator's connection to close.
func (h *Hub) awaitLeaving(d time.Duration) {
	h.mu.Lock()
	links := h.links
	h.mu.Unlock()
	end := time.Now().Add(d)
	for _, r := range links {
		for time.Now().Before(end) {
			c, err := h.ns.Connz(&server.ConnzOptions{CID: r.cid})
			if err != nil || len(c.Conns) == 0 {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// Close tells every generator that the run is over, so that each leaves
// as asked rather than as one that lost its coordinator, and stops the
// server, which closes every generator's connection.
func (h *Hub) Close() error {
	var errs []error
	if h.nc != nil {
		h.mu.Lock()
		for _, r := range h.links {
			if !r.isGone() {
				errs = append(errs, h.nc.Publish(subjectCommands+r.id, leaveLine))
			}
		}
		h.mu.Unlock()
		if err := h.nc.Flush(); err != nil && !errors.Is(err, nats.ErrConnectionClosed) {
			errs = append(errs, err)
		}
		h.nc.Close()
		h.awaitLeaving(leaveGrace)
	}
	select {
	case <-h.stopWatch:
	default:
		close(h.stopWatch)
	}
	h.watching.Wait()
	h.ns.Shutdown()
	h.ns.WaitForShutdown()
	return errors.Join(errs...)
}
