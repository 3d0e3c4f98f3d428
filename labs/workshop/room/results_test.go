package room

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
)

// racing publishes lesson's race of id on r.
func racing(t *testing.T, r *Room, lesson int, id int64) {
	t.Helper()
	s := question(lesson)
	s.Phase, s.Race = PhaseRace, &Race{ID: id, Path: "threads/cpu", MaxTimeNs: int64(time.Second)}
	if err := r.Publish(s); err != nil {
		t.Fatal(err)
	}
}

// waitSpread waits for the room's spread of race to hold started races
// and finished results.
func waitSpread(t *testing.T, r *Room, race int64, started, finished int) Spread {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := r.Spread(race)
		if s.Started == started && len(s.Finished) == finished {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("spread of race %d = %d started, %d finished; want %d, %d", race, s.Started, len(s.Finished), started, finished)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestResultsAggregated(t *testing.T) {
	r := open(t)
	racing(t, r, 1, 7)
	a, b, c := join(t, r, "ada"), join(t, r, "bob"), join(t, r, "cy")
	for _, p := range []*Participant{a, b, c} {
		if err := p.Report(Result{Race: 7, Lesson: 1, Status: StatusRacing, Machine: Machine{Cores: 2, OS: "linux", Arch: "amd64", Go: "go1"}}); err != nil {
			t.Fatal(err)
		}
	}
	waitSpread(t, r, 7, 3, 0)
	for _, step := range []struct {
		p     *Participant
		cores int
	}{{a, 12}, {b, 2}} {
		res := done(7, step.cores, float64(step.cores)/2)
		res.Lesson = 1
		if err := step.p.Report(res); err != nil {
			t.Fatal(err)
		}
	}
	s := waitSpread(t, r, 7, 3, 2)
	if s.Finished[0].Machine.Cores != 2 || s.Finished[1].Machine.Cores != 12 || s.Finished[0].Name != "bob" {
		t.Errorf("finished = %+v, want bob's 2 cores then ada's 12", s.Finished)
	}
	if s.NotFinished() != 1 {
		t.Errorf("not finished = %d, want 1 (cy)", s.NotFinished())
	}
	// A race ends once: a later word of it does not undo it.
	if err := a.Report(Result{Race: 7, Lesson: 1, Status: StatusRacing, Machine: Machine{Cores: 12, OS: "linux", Arch: "amd64", Go: "go1"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.Report(Result{Race: 7, Lesson: 1, Status: StatusFailed, Why: "no python3", Machine: Machine{Cores: 4, OS: "linux", Arch: "amd64", Go: "go1"}}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for r.Spread(7).Failed != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("cy's failure not counted: %+v", r.Spread(7))
		}
		time.Sleep(10 * time.Millisecond)
	}
	if s := r.Spread(7); len(s.Finished) != 2 || s.NotFinished() != 1 || s.Started != 3 {
		t.Errorf("after a repeat and a failure: %+v", s)
	}
	// What the teacher keeps is each one's newest word, in the order of
	// their IDs, and draws the same spread.
	rs := r.Results(7)
	if len(rs) != 3 || rs[0].ID > rs[1].ID || rs[1].ID > rs[2].ID {
		t.Errorf("results = %+v", rs)
	}
	if !reflect.DeepEqual(SpreadOf(rs), r.Spread(7)) {
		t.Errorf("the spread of the results %+v is not the room's %+v", SpreadOf(rs), r.Spread(7))
	}
}

// TestMalformedResultsDropped publishes bad results on a participant's own
// subject, the only one the server lets it use (auth_test.go shows it
// refuses another's): the teacher drops and counts each, and counts none.
func TestMalformedResultsDropped(t *testing.T) {
	r := open(t)
	racing(t, r, 0, 5)
	const user = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
	nc := dialParticipant(t, r, user)
	other, _ := json.Marshal(done(9, 4, 2)) // a race never shown
	for _, data := range [][]byte{
		[]byte("not json"),
		other,
		[]byte(`{"id":"big","name":"` + strings.Repeat("x", MaxMessage) + `"}`),
	} {
		if err := nc.Publish(SubjectResult+"."+user, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for r.Drops() != (Drops{Large: 1, Malformed: 2}) {
		if time.Now().After(deadline) {
			t.Fatalf("dropped %v, want 1 large and 2 malformed", r.Drops())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if s := r.Spread(5); s.Started != 0 || r.Spread(9).Started != 0 {
		t.Errorf("malformed results counted: %+v", s)
	}
}

func TestParticipantCannotReadResults(t *testing.T) {
	r := open(t)
	racing(t, r, 0, 1)
	spy := dialParticipant(t, r, "5b1e0c3f9a7d42e8b6c0d1f2a3e4b5c6")
	seen := make(chan *nats.Msg, 4)
	if _, err := spy.ChanSubscribe(SubjectResult+".*", seen); err != nil {
		t.Fatal(err)
	}
	if err := spy.Flush(); err != nil {
		t.Fatal(err)
	}
	spy.waitViolation(t, SubjectResult+".*")
	p := join(t, r, "honest")
	if err := p.Report(done(1, 4, 2)); err != nil {
		t.Fatal(err)
	}
	waitSpread(t, r, 1, 1, 1)
	if err := spy.Flush(); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-seen:
		t.Errorf("a participant read %s: %q", m.Subject, m.Data)
	default:
	}
}
