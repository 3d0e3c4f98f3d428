package room

import (
	"encoding/json"
	"fmt"
	"net"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/perflab/perflab/labs/internal/natsd"
	"github.com/perflab/perflab/labs/lab"
)

// A Room is the teacher's side: the server participants join, and the
// teacher's connection to it, which publishes the lesson and counts the
// answers.
type Room struct {
	ns    *server.Server
	nc    *nats.Conn
	addr  string
	token string

	mu    sync.Mutex
	state State
	// answers holds, lesson by lesson, each participant's answer.
	answers map[int]map[string]answered
	// answeredSeq counts the first answers, to order the names.
	answeredSeq int
	drops       Drops
	// results are the participants' races (see results.go).
	results results
	// version is the newest version PublishVersion published.
	version int64
	// now reads the clock that results are late by: time.Now, but a
	// test's own.
	now func() time.Time
}

// CheckOptions checks a room's listen address and token as Open would,
// without opening anything.
func CheckOptions(listen, token string) error {
	if _, _, err := parseListen(listen); err != nil {
		return err
	}
	if err := lab.CheckSecret("the room's token", token); err != nil {
		return lab.Optionf("room_token", "%v", err)
	}
	return nil
}

// Open starts a room's server on listen, "host:port" (empty: 127.0.0.1 on
// a random port), guarded by token (empty: a new one), and connects the
// teacher to it.
func Open(listen, token string) (*Room, error) {
	host, port, err := parseListen(listen)
	if err != nil {
		return nil, err
	}
	if token == "" {
		token = lab.NewToken()
	}
	if err := lab.CheckSecret("the room's token", token); err != nil {
		return nil, lab.Optionf("room_token", "%v", err)
	}
	teacherPass := lab.NewToken()
	ns, err := natsd.Start("room server", &server.Options{
		ServerName: "perflab-room",
		Host:       host,
		Port:       port,
		NoLog:      true,
		NoSigs:     true,
		MaxPayload: 4 * MaxMessage,
		// Each participant logs in as a user of its own (see auth).
		CustomClientAuthentication: auth{teacherPass: teacherPass, token: token},
	})
	if err != nil {
		return nil, err
	}
	r := &Room{ns: ns.Server, addr: net.JoinHostPort(host, strconv.Itoa(ns.Port)), token: token, now: time.Now,
		answers: map[int]map[string]answered{}, state: State{Seq: time.Now().UnixNano(), Lesson: -1, Phase: PhaseAgenda},
		results: results{byRace: map[int64]map[string]Result{}, shown: map[int64]time.Time{}}}
	// The teacher dials loopback when the room listens on every
	// interface (natsd.Server.Dial).
	r.nc, err = nats.Connect("nats://"+ns.Dial, nats.UserInfo(teacherUser, teacherPass), nats.Name("perflab teacher"))
	if err == nil {
		err = r.subscribe()
	}
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("room: the teacher's connection: %w", err)
	}
	return r, nil
}

// parseListen splits "host:port": empty is 127.0.0.1 on a random port.
func parseListen(listen string) (string, int, error) {
	host, port, err := natsd.Address("the room's address", listen)
	if err != nil {
		return "", 0, lab.Optionf("room_listen", "%v", err)
	}
	return host, port, nil
}

// subscribe answers requests for the state and takes answers.
func (r *Room) subscribe() error {
	if _, err := r.nc.Subscribe(SubjectStateGet, func(m *nats.Msg) {
		r.mu.Lock()
		data, err := json.Marshal(r.state)
		r.mu.Unlock()
		if err == nil {
			// A reply lost to a participant that went away is that
			// participant's to ask again.
			_ = m.Respond(data)
		}
	}); err != nil {
		return err
	}
	if _, err := r.nc.Subscribe(SubjectAnswer+".*", r.take); err != nil {
		return err
	}
	if _, err := r.nc.Subscribe(SubjectResult+".*", r.takeResult); err != nil {
		return err
	}
	return r.nc.Flush()
}

// take counts one answer, or drops it, and tells its participant which.
func (r *Room) take(m *nats.Msg) {
	reply := r.record(m.Subject, m.Data)
	if m.Reply == "" {
		return
	}
	data, err := json.Marshal(reply)
	if err == nil {
		// As above: a participant that went away lost only its reply.
		_ = m.Respond(data)
	}
}

// record takes the answer data sent on subject, if it is good and the
// question it answers is open.
func (r *Room) record(subject string, data []byte) Reply {
	r.mu.Lock()
	defer r.mu.Unlock()
	// The server lets a participant publish only under its own user, so
	// the subject names the sender; the body must agree.
	a, err := DecodeAnswer(data)
	switch {
	case err != nil:
		r.dropReceived(data)
		return Reply{Why: ReasonBad}
	case subject != SubjectAnswer+"."+a.ID:
		r.drops.Malformed++
		return Reply{Why: ReasonBad}
	case CheckName(a.Name) != nil:
		r.drops.Name++
		return Reply{Why: ReasonBad}
	}
	if !r.state.Open() || a.Lesson != r.state.Lesson {
		return Reply{Why: ReasonClosed}
	}
	if a.Choice >= len(r.state.Choices) {
		r.drops.Malformed++
		return Reply{Why: ReasonBad}
	}
	if r.answers[a.Lesson] == nil {
		r.answers[a.Lesson] = map[string]answered{}
	}
	old, ok := r.answers[a.Lesson][a.ID]
	if !ok && len(r.answers[a.Lesson]) >= maxRacers {
		// As many answer as race: a flood of made-up IDs must not fill
		// the teacher's memory, nor the kept room's file with names.
		r.drops.Full++
		return Reply{Why: ReasonBad}
	}
	if !ok {
		r.answeredSeq++
		old.first = r.answeredSeq
	}
	r.answers[a.Lesson][a.ID] = answered{choice: a.Choice, name: a.Name, first: old.first}
	return Reply{Taken: true}
}

// answered is one participant's answer to a lesson, as the teacher keeps
// it.
type answered struct {
	choice int
	name   string
	// first orders the participants by their first answer to the
	// lesson, so that a name keeps its place when its answer changes.
	first int
}

// Address is the address participants join, host:port.
func (r *Room) Address() string { return r.addr }

// Token is the token participants join with.
func (r *Room) Token() string { return r.token }

// Publish makes s the state on show and sends it to the room. Its Seq is
// the room's to set.
func (r *Room) Publish(s State) error { return r.PublishVersion(0, s) }

// PublishVersion is Publish for a caller whose states may reach the room
// out of order (a TUI sends each from a command of its own): version is
// the caller's count of its states, and a state of a version older than
// one published is dropped. Version 0 is always published.
func (r *Room) PublishVersion(version int64, s State) error {
	if err := s.Check(); err != nil {
		return fmt.Errorf("room state: %w", err)
	}
	r.mu.Lock()
	if version != 0 && version <= r.version {
		r.mu.Unlock()
		return nil
	}
	r.version = max(r.version, version)
	s.Seq = r.state.Seq + 1
	r.showRace(r.state, s)
	r.state = s
	data, err := json.Marshal(s)
	r.mu.Unlock()
	if err != nil {
		return err
	}
	return r.nc.Publish(SubjectState, data)
}

// Tally is a lesson's answers counted by choice, and who answered: it is
// kept with the lesson's race (see Kept), in this JSON shape.
type Tally struct {
	// Counts holds the answers to each choice, in the question's order.
	Counts []int `json:"counts"`
	// Total is the number of participants who answered.
	Total int `json:"total"`
	// Names holds the name each participant who answered gave, in the
	// order they first answered, "" for one who gave none: never with
	// their choices, which are not for the room to see before the reveal.
	Names []string `json:"names,omitempty"`
}

// Tally counts the answers to lesson, whose question has choices choices.
func (r *Room) Tally(lesson, choices int) Tally {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := Tally{Counts: make([]int, choices)}
	in := make([]answered, 0, len(r.answers[lesson]))
	for _, a := range r.answers[lesson] {
		if a.choice < choices {
			t.Counts[a.choice]++
			t.Total++
			in = append(in, a)
		}
	}
	slices.SortFunc(in, func(a, b answered) int { return a.first - b.first })
	for _, a := range in {
		t.Names = append(t.Names, a.name)
	}
	return t
}

// Close tells the participants the room is closed, then ends the
// teacher's connection and the server.
func (r *Room) Close() {
	if r.nc != nil {
		r.mu.Lock()
		s := State{Seq: r.state.Seq + 1, Title: r.state.Title, Lesson: -1, Lessons: r.state.Lessons, Phase: PhaseClosed}
		r.state = s
		r.mu.Unlock()
		// The room closes whether or not the last word reaches everyone:
		// a participant that misses it sees the connection go.
		if data, err := json.Marshal(s); err == nil && r.nc.Publish(SubjectState, data) == nil {
			_ = r.nc.FlushTimeout(time.Second)
		}
		r.nc.Close()
	}
	r.ns.Shutdown()
	r.ns.WaitForShutdown()
}
