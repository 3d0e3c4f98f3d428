package room

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"
)

// hostileNames are names a hand-made client may send, which perflab join
// refuses to: each would break the teacher's screen.
var hostileNames = map[string]string{
	"a newline":            "ada\nbob",
	"an ANSI escape":       "\x1b[2J\x1b[31mada",
	"a bidirectional flip": "ada\u202ebob",
	"10 KB":                strings.Repeat("x", 10<<10),
	"a carriage return":    "ada\rbob",
	"a C1 control (CSI)":   "ada\u009b2J",
	"a tab":                "ada\tbob",
	"a DEL":                "ada\x7f",
	"a null":               "ada\x00",
	"a newline at the end": "ada\n",
}

func TestCheckName(t *testing.T) {
	for what, name := range hostileNames {
		if err := CheckName(name); err == nil {
			t.Errorf("%s: CheckName(%.20q) = nil, want refused", what, name)
		}
	}
	for _, name := range []string{"", "ada", "Zoë Ångström", "李雷", "ada (2)", strings.Repeat("é", 20)} {
		if err := CheckName(name); err != nil {
			t.Errorf("CheckName(%q) = %v, want taken", name, err)
		}
	}
}

// TestHostileNamesDropped sends answers and results with hostile names
// from a raw NATS client, as a hand-made participant would: the teacher
// drops each, counts why, and keeps no name of them.
func TestHostileNamesDropped(t *testing.T) {
	r := open(t)
	if err := r.Publish(question(0)); err != nil {
		t.Fatal(err)
	}
	const me = "0123456789abcdef0123456789abcdef"
	nc := dialParticipant(t, r, me)
	var want Drops
	for what, name := range []string{"ada\nbob", "\x1b[2J\x1b[31mada", strings.Repeat("x", 10<<10)} {
		data, err := json.Marshal(Answer{ID: me, Name: name, Lesson: 0, Choice: 1})
		if err != nil {
			t.Fatal(err)
		}
		m, err := nc.Request(SubjectAnswer+"."+me, data, 5*time.Second)
		if err != nil {
			t.Fatalf("%d: %v", what, err)
		}
		if rep, err := DecodeReply(m.Data); err != nil || rep.Why != ReasonBad {
			t.Errorf("%d: reply %+v, %v; want bad", what, rep, err)
		}
	}
	// The newline passes a message's checks and is dropped for the
	// name; the escape fails them; 10 KB is over the bound.
	want = Drops{Name: 1, Malformed: 1, Large: 1}
	if got := r.Drops(); got != want {
		t.Errorf("answers: dropped %v, want %v", got, want)
	}
	if got := r.Tally(0, 3); got.Total != 0 || len(got.Names) != 0 {
		t.Errorf("tally after hostile names = %+v, want none", got)
	}

	racing(t, r, 0, 5)
	for _, name := range []string{"ada\nbob", "ada\u202ebob"} {
		res := done(5, 4, 2)
		res.ID, res.Name = me, name
		data, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		if err := nc.Publish(SubjectResult+"."+me, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	want.Name += 2
	waitDrops(t, r, want)
	if rs := r.Results(5); len(rs) != 0 {
		t.Errorf("results after hostile names = %+v, want none", rs)
	}
}

// waitDrops waits for the room's count of drops to be want.
func waitDrops(t *testing.T, r *Room, want Drops) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for r.Drops() != want {
		if time.Now().After(deadline) {
			t.Fatalf("dropped %v, want %v", r.Drops(), want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// fakeNow is a clock a test moves.
type fakeNow struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeNow) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeNow) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestLateResultsKeptWithinTheBound: a participant whose race ends after
// the teacher left it is kept with it, within LateResults of leaving; a
// later one is dropped as late.
func TestLateResultsKeptWithinTheBound(t *testing.T) {
	r := open(t)
	clock := &fakeNow{t: time.Unix(1e9, 0)}
	r.mu.Lock()
	r.now = clock.now
	r.mu.Unlock()
	racing(t, r, 0, 5)
	ada, bob := join(t, r, "ada"), join(t, r, "bob")
	// The teacher leaves lesson 0 for lesson 1's question, then races it.
	if err := r.Publish(question(1)); err != nil {
		t.Fatal(err)
	}
	clock.add(LateResults - time.Second)
	res := done(5, 4, 2)
	if err := ada.Report(res); err != nil {
		t.Fatal(err)
	}
	waitSpread(t, r, 5, 1, 1)
	racing(t, r, 1, 6)
	clock.add(2 * time.Second)
	if err := bob.Report(res); err != nil {
		t.Fatal(err)
	}
	waitDrops(t, r, Drops{Late: 1})
	if s := r.Spread(5); len(s.Finished) != 1 || s.Finished[0].Name != "ada" {
		t.Errorf("spread of the race left = %+v, want ada's alone", s)
	}
}
