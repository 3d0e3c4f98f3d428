package room

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/nats-io/nats.go"
)

// TestParticipantSpeaksOnlyForItself has a participant publish an answer
// and a result under another participant's ID: the server refuses both,
// and the teacher counts nothing.
func TestParticipantSpeaksOnlyForItself(t *testing.T) {
	r := open(t)
	if err := r.Publish(question(0)); err != nil {
		t.Fatal(err)
	}
	honest := join(t, r, "ada")
	const mallory = "0123456789abcdef0123456789abcdef"
	spy := dialParticipant(t, r, mallory)
	forged, _ := json.Marshal(Answer{ID: honest.id, Lesson: 0, Choice: 2})
	for _, subj := range []string{SubjectAnswer + "." + honest.id, SubjectResult + "." + honest.id, SubjectState} {
		if err := spy.Publish(subj, forged); err != nil {
			t.Fatal(err)
		}
		if err := spy.Flush(); err != nil {
			t.Fatal(err)
		}
		spy.waitViolation(t, subj)
	}
	// Its own subjects it may use.
	own, _ := json.Marshal(Answer{ID: mallory, Lesson: 0, Choice: 1})
	m, err := spy.Request(SubjectAnswer+"."+mallory, own, requestTimeout)
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := DecodeReply(m.Data); err != nil || !rep.Taken {
		t.Fatalf("a participant's own answer: %+v, %v", rep, err)
	}
	if err := spy.Publish(SubjectResult+"."+mallory, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if err := spy.Flush(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-spy.errs:
		t.Errorf("publishing its own result: %v", err)
	default:
	}
	if got := r.Tally(0, 3); got.Total != 1 || got.Counts[1] != 1 || got.Counts[2] != 0 {
		t.Errorf("tally = %+v, want mallory's own answer only", got)
	}
}

// TestLoginsRefused tries the ways in a participant should not have: a
// wrong token, a user name of the wrong shape, the teacher's user with
// the token.
func TestLoginsRefused(t *testing.T) {
	r := open(t)
	for _, c := range []struct{ what, user, pass string }{
		{"a wrong token", "0123456789abcdef0123456789abcdef", "ffffffffffffffffffffffffffffffff"},
		{"no token", "0123456789abcdef0123456789abcdef", ""},
		{"a user with a dot", "0123456789abcdef.123456789abcdef", r.Token()},
		{"a user with a wildcard", "0123456789abcdef*", r.Token()},
		{"a short user", "abc", r.Token()},
		{"the teacher with the token", teacherUser, r.Token()},
	} {
		nc, err := nats.Connect("nats://"+r.Address(), nats.UserInfo(c.user, c.pass))
		if err == nil {
			nc.Close()
			t.Errorf("%s: let in", c.what)
			continue
		}
		if !errors.Is(err, nats.ErrAuthorization) {
			t.Errorf("%s: %v, want an authorization violation", c.what, err)
		}
	}
}

func TestValidParticipant(t *testing.T) {
	for user, want := range map[string]bool{
		"0123456789abcdef0123456789abcdef": true,
		"0123456789abcdef":                 true,
		"0123456789ABCDEF":                 false,
		"0123456789abcde":                  false,
		"teacher":                          false,
		"0123456789abcdef>":                false,
		"":                                 false,
	} {
		if got := ValidParticipant(user); got != want {
			t.Errorf("ValidParticipant(%q) = %v, want %v", user, got, want)
		}
	}
}
