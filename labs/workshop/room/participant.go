package room

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/perflab/perflab/labs/lab"
)

// ErrToken is a join refused by the room's server: the token is wrong.
var ErrToken = errors.New("the room refused the token")

// requestTimeout bounds a request to the teacher: for the state, or an
// answer's reply.
const requestTimeout = 3 * time.Second

// A Participant is one participant's connection to a room.
type Participant struct {
	nc   *nats.Conn
	id   string
	name string

	mu   sync.Mutex
	last int64
	// states holds the newest state not yet read: a newer one replaces it.
	states chan State
	// links holds the newest change of the connection not yet read: true
	// when it came back, false when it was lost.
	links chan bool
	// dropped counts states received and dropped as malformed.
	dropped int
}

// Join connects to the room at addr, "host:port", with token; name is how
// the participant calls itself (it may be empty). A participant that loses
// the connection reconnects, and asks for the state again.
func Join(addr, token, name string) (*Participant, error) {
	if err := checkText(name, maxName); err != nil {
		return nil, fmt.Errorf("name: %w", err)
	}
	p := &Participant{id: lab.NewToken(), name: name, states: make(chan State, 1), links: make(chan bool, 1), last: -1}
	nc, err := nats.Connect("nats://"+addr,
		// The participant's ID is its user: the server lets it publish
		// answers under that ID only, and read replies in its own inbox.
		nats.UserInfo(p.id, token),
		nats.CustomInboxPrefix(inbox(p.id)),
		nats.Name("perflab participant"),
		nats.Timeout(requestTimeout),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(500*time.Millisecond),
		nats.ReconnectHandler(func(*nats.Conn) {
			p.link(true)
			// A state asked for and lost comes with the next change.
			go func() { _ = p.ask() }()
		}),
		nats.DisconnectErrHandler(func(*nats.Conn, error) { p.link(false) }),
		nats.RetryOnFailedConnect(false))
	if err != nil {
		if errors.Is(err, nats.ErrAuthorization) || strings.Contains(strings.ToLower(err.Error()), "authorization") {
			return nil, ErrToken
		}
		if errors.Is(err, nats.ErrNoServers) {
			return nil, fmt.Errorf("no room answers at %s: check the address on the teacher's screen, and that the workshop runs with --room", addr)
		}
		return nil, fmt.Errorf("join %s: %w", addr, err)
	}
	p.nc = nc
	if _, err := nc.Subscribe(SubjectState, func(m *nats.Msg) { p.receive(m.Data) }); err != nil {
		nc.Close()
		return nil, err
	}
	if err := p.ask(); err != nil {
		nc.Close()
		return nil, fmt.Errorf("join %s: ask for the lesson: %w", addr, err)
	}
	return p, nil
}

// ask requests the state on show, for a participant that just joined or
// reconnected.
func (p *Participant) ask() error {
	m, err := p.nc.Request(SubjectStateGet, nil, requestTimeout)
	if err != nil {
		return err
	}
	p.receive(m.Data)
	return nil
}

// receive keeps a state received if it is good and newer than the last.
func (p *Participant) receive(data []byte) {
	s, err := DecodeState(data)
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		p.dropped++
		return
	}
	if s.Seq <= p.last {
		return
	}
	p.last = s.Seq
	select {
	case <-p.states:
	default:
	}
	p.states <- s
}

// link says the connection was lost (false) or came back (true).
func (p *Participant) link(up bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.links:
	default:
	}
	p.links <- up
}

// Links delivers the connection's changes: false when it is lost, true
// when it came back; only the newest unread one is kept.
func (p *Participant) Links() <-chan bool { return p.links }

// States delivers the lesson's state as it changes; only the newest
// unread one is kept.
func (p *Participant) States() <-chan State { return p.states }

// Dropped counts the states received and dropped as malformed.
func (p *Participant) Dropped() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.dropped
}

// Answer sends choice (from 0) as the answer to lesson, and returns the
// teacher's reply.
func (p *Participant) Answer(lesson, choice int) (Reply, error) {
	data, err := json.Marshal(Answer{ID: p.id, Name: p.name, Lesson: lesson, Choice: choice})
	if err != nil {
		return Reply{}, err
	}
	m, err := p.nc.Request(SubjectAnswer+"."+p.id, data, requestTimeout)
	if err != nil {
		return Reply{}, fmt.Errorf("send the answer: %w", err)
	}
	return DecodeReply(m.Data)
}

// Close leaves the room.
func (p *Participant) Close() { p.nc.Close() }
