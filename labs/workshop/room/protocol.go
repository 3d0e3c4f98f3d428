package room

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The subjects of a room. The teacher publishes State on SubjectState at
// every change and answers requests on SubjectStateGet, so that a late
// joiner or a reconnected participant picks up the lesson on show.
// Participants publish an Answer as a request on SubjectAnswer + "." + ID.
const (
	SubjectState    = "room.state"
	SubjectStateGet = "room.state.get"
	SubjectAnswer   = "room.answer"
)

// MaxMessage bounds every message of a room, in bytes: a state carries a
// question and at most nine choices, an answer a few figures. A larger one
// is dropped unread.
const MaxMessage = 8 << 10

// Bounds of the text a message may carry.
const (
	maxText    = 1024
	maxChoices = 9
	maxName    = 40
	maxID      = 64
)

// A Phase is the part of a lesson the teacher's screen is on.
type Phase string

// The phases of a room. Answers are taken only on PhaseQuestion.
const (
	PhaseAgenda   Phase = "agenda"
	PhaseLesson   Phase = "lesson"
	PhaseQuestion Phase = "question"
	PhaseRace     Phase = "race"
	PhaseReveal   Phase = "reveal"
	PhaseEnd      Phase = "end"
	// PhaseClosed says the teacher closed the room: participants leave.
	PhaseClosed Phase = "closed"
)

var phases = map[Phase]bool{
	PhaseAgenda: true, PhaseLesson: true, PhaseQuestion: true,
	PhaseRace: true, PhaseReveal: true, PhaseEnd: true, PhaseClosed: true,
}

// State is what the teacher's screen shows, as a participant needs it.
type State struct {
	// Seq grows with every state the teacher publishes: a participant
	// drops a state older than the one it shows, as a reply to a request
	// may arrive after a newer published one. It starts at the time the
	// room opened, in nanoseconds, so that a room opened again (the
	// teacher's perflab restarted with the same address and token) goes
	// on from beyond the old one's.
	Seq int64 `json:"seq"`
	// Title is the workshop's.
	Title string `json:"title"`
	// Lesson is the lesson on show, from 0; -1 on the agenda and the end.
	Lesson  int `json:"lesson"`
	Lessons int `json:"lessons"`
	// Name names the lesson's race (lab/workload).
	Name     string   `json:"name,omitempty"`
	Question string   `json:"question,omitempty"`
	Choices  []string `json:"choices,omitempty"`
	Phase    Phase    `json:"phase"`
	// Race is the lesson's race while it runs and at its reveal, for
	// participants to run on their own machines (see result.go).
	Race *Race `json:"race,omitempty"`
}

// Open reports whether the state takes answers.
func (s State) Open() bool { return s.Phase == PhaseQuestion && s.Lesson >= 0 }

// Check says what is wrong with a state received, or nil.
func (s State) Check() error {
	switch {
	case s.Seq < 0:
		return errors.New("negative seq")
	case !phases[s.Phase]:
		return fmt.Errorf("unknown phase %q", s.Phase)
	case s.Lessons < 0 || s.Lessons > 1000 || s.Lesson < -1 || s.Lesson >= max(s.Lessons, 1):
		return fmt.Errorf("lesson %d of %d", s.Lesson, s.Lessons)
	case s.Open() && (len(s.Choices) < 2 || len(s.Choices) > maxChoices):
		return fmt.Errorf("a question with %d choices", len(s.Choices))
	case len(s.Choices) > maxChoices:
		return fmt.Errorf("%d choices", len(s.Choices))
	}
	if s.Race != nil {
		if err := s.Race.Check(); err != nil {
			return err
		}
	}
	for _, t := range append([]string{s.Title, s.Name, s.Question}, s.Choices...) {
		if err := checkText(t, maxText); err != nil {
			return err
		}
	}
	return nil
}

// An Answer is a participant's answer to a lesson's question. A second
// answer to the same lesson replaces the first while the question is open.
type Answer struct {
	// ID is the participant's, random and never shown to others.
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Lesson int    `json:"lesson"`
	// Choice is the index of the choice, from 0.
	Choice int `json:"choice"`
}

// Check says what is wrong with an answer received, or nil.
func (a Answer) Check() error {
	switch {
	case a.ID == "" || len(a.ID) > maxID || strings.ContainsAny(a.ID, ".*> \t\r\n"):
		return fmt.Errorf("participant ID %q", a.ID)
	case a.Lesson < 0 || a.Choice < 0 || a.Choice >= maxChoices:
		return fmt.Errorf("lesson %d, choice %d", a.Lesson, a.Choice)
	}
	return checkText(a.Name, maxName)
}

// A Reply is the teacher's reply to an answer: taken, or why not.
type Reply struct {
	Taken bool `json:"taken"`
	// Why is a refusal's reason, as data: ReasonClosed or ReasonBad.
	Why Reason `json:"why,omitempty"`
}

// A Reason says why an answer was not taken.
type Reason string

// The reasons an answer is refused.
const (
	// ReasonClosed: the question is not open (the race started, or the
	// teacher moved on).
	ReasonClosed Reason = "closed"
	// ReasonBad: the answer did not pass Check, or named a choice the
	// question does not have.
	ReasonBad Reason = "bad"
)

// checkText refuses text too long, not UTF-8, or holding control
// characters other than newlines: it is printed on a participant's
// terminal, where an escape sequence would be obeyed.
func checkText(s string, limit int) error {
	switch {
	case len(s) > limit:
		return fmt.Errorf("text of %d bytes, more than %d", len(s), limit)
	case !utf8.ValidString(s):
		return errors.New("text not UTF-8")
	case strings.ContainsFunc(s, func(r rune) bool { return r < ' ' && r != '\n' || r == 0x7f || r >= 0x80 && r < 0xa0 }):
		return errors.New("text holding a control character")
	}
	return nil
}

// decode reads one message of the room, strictly: within MaxMessage, one
// JSON object, no unknown field, then checked.
func decode[T interface{ Check() error }](data []byte) (T, error) {
	return decodeWithin[T](data, MaxMessage, "message")
}

// decodeWithin reads data as a T strictly, as the room reads whatever may
// come from anyone: within limit bytes, one JSON object, no unknown field,
// then checked. what names the thing in its errors ("message").
func decodeWithin[T interface{ Check() error }](data []byte, limit int, what string) (T, error) {
	var v T
	if len(data) > limit {
		return v, fmt.Errorf("%s of %d bytes, more than %d", what, len(data), limit)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return v, fmt.Errorf("%s not the expected shape: %w", what, err)
	}
	if dec.More() {
		return v, fmt.Errorf("%s with trailing data", what)
	}
	if err := v.Check(); err != nil {
		return v, fmt.Errorf("%s refused: %w", what, err)
	}
	return v, nil
}

// DecodeState reads a State received, or says why it is dropped.
func DecodeState(data []byte) (State, error) { return decode[State](data) }

// DecodeAnswer reads an Answer received, or says why it is dropped.
func DecodeAnswer(data []byte) (Answer, error) { return decode[Answer](data) }

// DecodeReply reads the teacher's Reply to an answer.
func DecodeReply(data []byte) (Reply, error) { return decode[Reply](data) }

// Check says what is wrong with a reply received, or nil.
func (r Reply) Check() error {
	if r.Taken != (r.Why == "") || r.Why != "" && r.Why != ReasonClosed && r.Why != ReasonBad {
		return fmt.Errorf("reply taken %v, why %q", r.Taken, r.Why)
	}
	return nil
}
