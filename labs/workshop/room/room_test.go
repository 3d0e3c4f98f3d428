package room

import (
	"encoding/json"
	"errors"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
)

// question is a lesson's open question, as the teacher publishes it.
func question(lesson int) State {
	return State{Title: "t", Lesson: lesson, Lessons: 3, Name: "threads/cpu",
		Question: "Which wins?", Choices: []string{"a", "b", "c"}, Phase: PhaseQuestion}
}

func open(t *testing.T) *Room {
	t.Helper()
	r, err := Open("", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Close)
	return r
}

func join(t *testing.T, r *Room, name string) *Participant {
	t.Helper()
	p, err := Join(r.Address(), r.Token(), name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// waitState waits for a state of the lesson and phase wanted.
func waitState(t *testing.T, p *Participant, lesson int, phase Phase) State {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case s := <-p.States():
			if s.Lesson == lesson && s.Phase == phase {
				return s
			}
		case <-deadline:
			t.Fatalf("no state of lesson %d, %s, within 10 s", lesson, phase)
		}
	}
}

func TestAnswersCountedOnePerParticipant(t *testing.T) {
	r := open(t)
	if err := r.Publish(question(1)); err != nil {
		t.Fatal(err)
	}
	a, b := join(t, r, "ada"), join(t, r, "bob")
	for _, step := range []struct {
		p      *Participant
		choice int
	}{{a, 0}, {b, 2}, {a, 1}} { // ada changes her mind
		rep, err := step.p.Answer(1, step.choice)
		if err != nil || !rep.Taken {
			t.Fatalf("answer %d: %+v, %v", step.choice, rep, err)
		}
	}
	got := r.Tally(1, 3)
	if got.Total != 2 || got.Counts[0] != 0 || got.Counts[1] != 1 || got.Counts[2] != 1 {
		t.Errorf("tally = %+v, want 0 1 1 of 2", got)
	}
	// Ada answered first and keeps her place when she changes her mind.
	if !slices.Equal(got.Names, []string{"ada", "bob"}) {
		t.Errorf("names = %q, want ada, bob", got.Names)
	}
	// Once the race starts, answers are closed.
	race := question(1)
	race.Phase = PhaseRace
	if err := r.Publish(race); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.Answer(1, 0); err != nil || rep.Taken || rep.Why != ReasonClosed {
		t.Errorf("answer after the race started: %+v, %v; want closed", rep, err)
	}
	if got := r.Tally(1, 3); got.Counts[2] != 1 {
		t.Errorf("a closed answer changed the tally: %+v", got)
	}
}

func TestLateJoinerPicksUpTheLesson(t *testing.T) {
	r := open(t)
	for i := range 3 {
		if err := r.Publish(question(i)); err != nil {
			t.Fatal(err)
		}
	}
	p := join(t, r, "late")
	if s := waitState(t, p, 2, PhaseQuestion); s.Question != "Which wins?" || len(s.Choices) != 3 {
		t.Errorf("late joiner's state = %+v", s)
	}
	reveal := question(2)
	reveal.Phase = PhaseReveal
	if err := r.Publish(reveal); err != nil {
		t.Fatal(err)
	}
	waitState(t, p, 2, PhaseReveal)
}

func TestWrongTokenRefused(t *testing.T) {
	r := open(t)
	_, err := Join(r.Address(), strings.Repeat("x", 32), "")
	if !errors.Is(err, ErrToken) {
		t.Errorf("join with a wrong token: %v, want ErrToken", err)
	}
}

// participantConn is a raw connection with a participant's credentials,
// as a hostile participant would make, logged in as user. Its errors
// (the server's permissions violations) are kept in errs.
type participantConn struct {
	*nats.Conn
	user string
	errs chan error
}

func dialParticipant(t *testing.T, r *Room, user string) participantConn {
	t.Helper()
	errs := make(chan error, 16)
	nc, err := nats.Connect("nats://"+r.Address(), nats.UserInfo(user, r.Token()), nats.CustomInboxPrefix(inbox(user)),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			select {
			case errs <- err:
			default:
			}
		}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return participantConn{Conn: nc, user: user, errs: errs}
}

// waitViolation waits for the server to report a permissions violation
// naming subject on the connection.
func (pc participantConn) waitViolation(t *testing.T, subject string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case err := <-pc.errs:
			msg := strings.ToLower(err.Error())
			if strings.Contains(msg, "permissions violation") && strings.Contains(msg, strings.ToLower(subject)) {
				return
			}
		case <-deadline:
			t.Fatalf("no permissions violation on %s within 10 s; last error %v", subject, pc.LastError())
		}
	}
}

func TestParticipantCannotReadAnswers(t *testing.T) {
	r := open(t)
	if err := r.Publish(question(0)); err != nil {
		t.Fatal(err)
	}
	spy := dialParticipant(t, r, "5b1e0c3f9a7d42e8b6c0d1f2a3e4b5c6")
	seen := make(chan *nats.Msg, 4)
	// The server refuses each subscription: the connection reports a
	// permissions violation.
	for _, subj := range []string{SubjectAnswer + ".*", ">", SubjectAnswer + ".>", SubjectResult + ".>", "_INBOX.>"} {
		if _, err := spy.ChanSubscribe(subj, seen); err != nil {
			t.Fatal(err)
		}
		if err := spy.Flush(); err != nil {
			t.Fatal(err)
		}
		spy.waitViolation(t, subj)
	}
	p := join(t, r, "honest")
	if rep, err := p.Answer(0, 1); err != nil || !rep.Taken {
		t.Fatalf("answer: %+v, %v", rep, err)
	}
	if err := spy.Flush(); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-seen:
		t.Errorf("a participant read %s: %q", m.Subject, m.Data)
	default:
	}
	// Nor may a participant speak for the teacher: a state it publishes
	// is refused by the server and reaches no one. Had it arrived, its
	// Seq would make the teacher's next state look stale, and the wait
	// below would fail.
	fake, _ := json.Marshal(State{Seq: 1 << 62, Lesson: -1, Lessons: 1, Phase: PhaseClosed})
	if err := spy.Publish(SubjectState, fake); err != nil {
		t.Fatal(err)
	}
	if err := spy.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := r.Publish(question(0)); err != nil {
		t.Fatal(err)
	}
	waitState(t, p, 0, PhaseQuestion)
}

func TestMalformedAnswersDropped(t *testing.T) {
	r := open(t)
	if err := r.Publish(question(0)); err != nil {
		t.Fatal(err)
	}
	const me = "0123456789abcdef0123456789abcdef"
	nc := dialParticipant(t, r, me)
	answer := func(id string) []byte {
		data, _ := json.Marshal(Answer{ID: id, Lesson: 0, Choice: 1})
		return data
	}
	cases := map[string][]byte{
		"not json":            []byte("not json"),
		"another's ID inside": answer("fedcba9876543210fedcba9876543210"),
		"too big":             []byte(`{"id":"` + me + `","name":"` + strings.Repeat("x", MaxMessage) + `"}`),
		"no such choice":      []byte(`{"id":"` + me + `","lesson":0,"choice":7}`),
		"an unknown field":    []byte(`{"id":"` + me + `","lesson":0,"choice":0,"extra":1}`),
	}
	for what, data := range cases {
		m, err := nc.Request(SubjectAnswer+"."+me, data, 5*time.Second)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if rep, err := DecodeReply(m.Data); err != nil || rep.Why != ReasonBad {
			t.Errorf("%s: reply %+v, %v; want bad", what, rep, err)
		}
	}
	if got, want := r.Drops(), (Drops{Large: 1, Malformed: len(cases) - 1}); got != want {
		t.Errorf("dropped %v, want %v", got, want)
	}
	if got := r.Tally(0, 3); got.Total != 0 {
		t.Errorf("tally after bad answers = %+v, want none", got)
	}
}

func TestDecodeStateRefuses(t *testing.T) {
	for _, data := range []string{
		`{"seq":1,"lesson":0,"lessons":1,"phase":"dance"}`,
		`{"seq":1,"lesson":5,"lessons":2,"phase":"lesson"}`,
		`{"seq":1,"lesson":0,"lessons":1,"phase":"question","choices":["a"]}`,
		`{"seq":1,"lesson":0,"lessons":1,"phase":"lesson","title":"\u001b[2J"}`,
		`{"seq":1,"lesson":0,"lessons":1,"phase":"lesson"} {}`,
		`[]`,
	} {
		if _, err := DecodeState([]byte(data)); err == nil {
			t.Errorf("DecodeState(%s) took it", data)
		}
	}
	if _, err := DecodeState([]byte(`{"seq":1,"lesson":-1,"lessons":3,"phase":"agenda","title":"w"}`)); err != nil {
		t.Errorf("DecodeState(agenda): %v", err)
	}
}

func TestOpenRefusesShortToken(t *testing.T) {
	if _, err := Open("", "short"); err == nil {
		t.Error("Open took a 5-character token")
	}
	if _, err := Open("nowhere", ""); err == nil {
		t.Error("Open took a listen address without a port")
	}
}

// TestReconnectPicksUpTheLesson restarts the teacher's room on the same
// address and token: a participant reconnects by itself and asks for the
// lesson on show, which it missed while away.
func TestReconnectPicksUpTheLesson(t *testing.T) {
	first, err := Open("", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Publish(question(0)); err != nil {
		t.Fatal(err)
	}
	p := join(t, first, "ada")
	waitState(t, p, 0, PhaseQuestion)
	addr, token := first.Address(), first.Token()
	first.Close()

	select {
	case up := <-p.Links():
		if up {
			t.Error("the link came back before the room opened again")
		}
	case <-time.After(10 * time.Second):
		t.Error("no word of the lost link within 10 s")
	}
	second, err := Open(addr, token)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(second.Close)
	// Published before the participant is back: it has to ask.
	if err := second.Publish(question(2)); err != nil {
		t.Fatal(err)
	}
	waitState(t, p, 2, PhaseQuestion)
	select {
	case up := <-p.Links():
		if !up {
			t.Error("the link is said lost after the participant is back")
		}
	case <-time.After(10 * time.Second):
		t.Error("no word of the link coming back within 10 s")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		rep, err := p.Answer(2, 1)
		if err == nil && rep.Taken {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("answer after the reconnect: %+v, %v", rep, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := second.Tally(2, 3); got.Total != 1 || got.Counts[1] != 1 {
		t.Errorf("tally after the reconnect = %+v", got)
	}
}

// TestPublishVersionDropsStale publishes a caller's states out of order:
// the older one, arriving last, is dropped.
func TestPublishVersionDropsStale(t *testing.T) {
	r := open(t)
	if err := r.PublishVersion(3, question(1)); err != nil {
		t.Fatal(err)
	}
	lesson := question(0)
	lesson.Phase = PhaseLesson
	if err := r.PublishVersion(2, lesson); err != nil {
		t.Fatal(err)
	}
	p := join(t, r, "")
	if s := waitState(t, p, 1, PhaseQuestion); s.Lesson != 1 {
		t.Errorf("state on show = %+v, want lesson 1's question", s)
	}
	if rep, err := p.Answer(1, 0); err != nil || !rep.Taken {
		t.Errorf("answer to the question on show: %+v, %v", rep, err)
	}
}

// TestJoinWhereNoRoomAnswers names the address and what to check, not the
// NATS client's words.
func TestJoinWhereNoRoomAnswers(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // a port where nothing listens
	_, err = Join(addr, "abcdefghijklmnop1234", "ada")
	if err == nil || !strings.Contains(err.Error(), "no room answers at "+addr) || strings.Contains(err.Error(), "nats:") {
		t.Errorf("Join where no room answers: %v", err)
	}
}
