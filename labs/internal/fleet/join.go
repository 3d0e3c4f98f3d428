package fleet

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/nats-io/nats.go"
)

// Lifeline: a generator on another machine pings its coordinator's server
// every pingEvery and gives up after maxPings unanswered, so that one whose
// coordinator vanished without closing the connection (a machine switched
// off, a network cut) stops within seconds. A coordinator that exits or is
// killed closes the connection, which stops it at once.
const (
	pingEvery = time.Second
	maxPings  = 3
)

// ErrCoordinatorLost is a generator's end when its coordinator went away
// without saying the run was over.
var ErrCoordinatorLost = errors.New("lost its coordinator")

// ErrRefused is a generator's end when the coordinator would not take it
// at all: a wrong token, or a request it did not understand.
var ErrRefused = errors.New("refused")

// ErrRunFull is a generator's end when the run already has its generators;
// the next run may take it.
var ErrRunFull = errors.New("turned away")

// JoinOptions are a generator's on another machine.
type JoinOptions struct {
	// URL is the coordinator's, nats://TOKEN@host:port.
	URL string
	// Name is where the generator runs, for the coordinator's messages.
	Name string
	// Host is the machine's host name, which the coordinator puts in the
	// generator's name in results: gen1@Host.
	Host string
	// Joined, if set, is called with the name the coordinator gave.
	Joined func(name string)
}

// Join joins the coordinator's hub at o.URL and serves it as a generator
// until the run is over (nil), the coordinator is lost
// (ErrCoordinatorLost), or ctx ends. A wrong token is ErrRefused, a run
// that has its generators ErrRunFull.
func Join(ctx context.Context, o JoinOptions) error {
	closed := make(chan struct{})
	where := redact(o.URL)
	nc, err := nats.Connect(o.URL, nats.Name("perflab generator "+o.Name), nats.NoReconnect(),
		nats.PingInterval(pingEvery), nats.MaxPingsOutstanding(maxPings), nats.Timeout(5*time.Second),
		nats.ClosedHandler(func(*nats.Conn) { close(closed) }))
	if err != nil {
		if errors.Is(err, nats.ErrAuthorization) {
			return fmt.Errorf("join the coordinator at %s: %w: the token is not the coordinator's", where, ErrRefused)
		}
		return fmt.Errorf("join the coordinator at %s: %w", where, err)
	}
	defer nc.Close()
	var idb [16]byte
	_, _ = rand.Read(idb[:]) // crypto/rand.Read never fails on Linux
	id := hex.EncodeToString(idb[:])
	// Commands arrive as lines on a pipe, so that Serve reads them as it
	// reads a local generator's standard input; the pipe ends when the
	// connection does, which Serve takes as its coordinator leaving.
	pr, pw := io.Pipe()
	left := make(chan struct{})
	_, err = nc.Subscribe(subjectCommands+id, func(m *nats.Msg) {
		if bytes.Equal(m.Data, leaveLine) {
			close(left)
			pw.Close()
			return
		}
		// A write after the pipe closed fails, and the command is moot.
		_, _ = pw.Write(append(m.Data, '\n'))
	})
	if err == nil {
		err = nc.Flush()
	}
	var cid uint64
	if err == nil {
		cid, err = nc.GetClientID()
	}
	if err != nil {
		return fmt.Errorf("join the coordinator at %s: %w", where, err)
	}
	name, err := askToJoin(nc, joinRequest{ID: id, Name: o.Name, CID: cid, Host: o.Host})
	if err != nil {
		return fmt.Errorf("join the coordinator at %s: %w", where, err)
	}
	if o.Joined != nil {
		o.Joined(name)
	}
	go func() {
		<-closed
		pw.Close()
	}()
	err = Serve(ctx, pr, publisher{nc: nc, subject: subjectReports + id})
	select {
	case <-left:
		return nil
	default:
	}
	if ctx.Err() != nil {
		return nil
	}
	select {
	case <-closed:
		return fmt.Errorf("generator %s: %w at %s", name, ErrCoordinatorLost, where)
	default:
	}
	return err
}

// askToJoin sends the join request and reads the coordinator's answer.
func askToJoin(nc *nats.Conn, req joinRequest) (string, error) {
	b, err := json.Marshal(req)
	if err != nil {
		return "", err
	}
	m, err := nc.Request(subjectJoin, b, readyTimeout)
	if err != nil {
		return "", fmt.Errorf("no answer to joining: %w", err)
	}
	var rep joinReply
	if len(m.Data) > 4096 || json.Unmarshal(m.Data, &rep) != nil {
		return "", errors.New("an answer to joining that is not one")
	}
	if rep.Full {
		return "", fmt.Errorf("%w: %s", ErrRunFull, rep.Refused)
	}
	if rep.Refused != "" || rep.Name == "" {
		return "", fmt.Errorf("%w: %s", ErrRefused, rep.Refused)
	}
	return rep.Name, nil
}

// A publisher writes each line Serve writes as one message.
type publisher struct {
	nc      *nats.Conn
	subject string
}

func (p publisher) Write(b []byte) (int, error) {
	if err := p.nc.Publish(p.subject, bytes.TrimSuffix(b, []byte("\n"))); err != nil {
		return 0, err
	}
	return len(b), nil
}

// redact is u without its token, for messages a terminal or a log keeps.
func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return "the address given"
	}
	return p.Host
}
