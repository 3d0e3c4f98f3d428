package fleet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
)

// reportQueue is how many reports of one generator may wait to be read:
// a repetition's are one every Interval, so even a long one read late
// fits; one more is a report dropped, which the repetition's count of
// its messages then names.
const reportQueue = 1024

// leaveLine is the command that tells a generator the run is over.
var leaveLine = []byte(`{"leave":true}`)

// A remote is the coordinator's link to a generator that joined its hub:
// its commands go out on a subject of its own, and its reports come in on
// another, each at most maxReport bytes and decoded strictly.
type remote struct {
	hub  *Hub
	id   string
	gen  string
	from string
	cid  uint64

	ch      chan []byte
	dropped atomic.Int64
	gone    chan struct{}
	goneAt  sync.Once
	killed  sync.Once
}

func (r *remote) name() string { return r.gen }

// take queues one report as it arrives, on the subscription's goroutine;
// it never blocks, so one generator's reports cannot hold up another's.
func (r *remote) take(m *nats.Msg) {
	if len(m.Data) > maxReport {
		r.dropped.Add(1)
		return
	}
	select {
	case r.ch <- m.Data:
	default:
		r.dropped.Add(1)
	}
}

func (r *remote) send(c command) error {
	b, err := json.Marshal(c)
	if err == nil {
		err = r.hub.nc.Publish(subjectCommands+r.id, b)
	}
	if err != nil {
		return r.describe(err)
	}
	return nil
}

// recv returns the next report, reading those that arrived before the
// generator's connection closed first: its last words count.
func (r *remote) recv(d time.Duration) (report, error) {
	t := time.NewTimer(d)
	defer t.Stop()
	var b []byte
	select {
	case b = <-r.ch:
	default:
		select {
		case b = <-r.ch:
		case <-r.gone:
			select {
			case b = <-r.ch:
			default:
				return report{}, r.describe(&lossCause{kind: LossLeft, exitStatus: -1, msg: "left mid-run: its connection closed"})
			}
		case <-t.C:
			return report{}, r.describe(stalled(d, fmt.Sprintf("stalled: said nothing for %v", d)))
		}
	}
	if n := r.dropped.Load(); n > 0 {
		return report{}, r.describe(fmt.Errorf("%d of its reports were too large or came faster than they were read", n))
	}
	rep, err := decodeReport(b)
	if err != nil {
		return report{}, r.describe(err)
	}
	return rep, nil
}

// kill closes the generator's connection, which it takes as losing its
// coordinator: it stops at once.
func (r *remote) kill() {
	r.killed.Do(func() {
		// A connection already closed has nothing left to close.
		_ = r.hub.ns.DisconnectClientByID(r.cid)
		r.markGone()
	})
}

func (r *remote) markGone() { r.goneAt.Do(func() { close(r.gone) }) }

func (r *remote) isGone() bool {
	select {
	case <-r.gone:
		return true
	default:
		return false
	}
}

func (r *remote) describe(err error) error {
	return fmt.Errorf("generator %s (%s): %w", r.gen, r.from, err)
}

// bytesReader reads b.
func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
