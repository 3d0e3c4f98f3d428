package room

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// KeptSchema names the shape of a kept room, so that a reader of a later
// shape can tell.
const KeptSchema = "perflab/room/v1"

// MaxKept bounds a kept room's file, in bytes: a tally and the results of
// a large room, each at most MaxMessage, with room to spare.
const MaxKept = 4 << 20

// maxKeptResults bounds the results a kept room holds.
const maxKeptResults = 400

// Kept is the room as it was at one lesson's race: the question it was
// asked, its answers, and the participants' race results. The teacher's
// perflab keeps it beside the race in the runs folder (see KeptPath), so
// that a replayed workshop shows the room as it was.
type Kept struct {
	Schema string `json:"schema"`
	// Lesson is the lesson's place in its workshop, from 0.
	Lesson int `json:"lesson"`
	// Name names the lesson's race (lab/workload).
	Name     string   `json:"name"`
	Question string   `json:"question"`
	Choices  []string `json:"choices"`
	// Answers is the room's answers, closed when the race started.
	Answers Tally `json:"answers"`
	// Results holds the participants' race results as they arrived, each
	// the message a participant sent, which this package decodes: a
	// result is kept as it came, so that a later perflab reads it with
	// its own checks.
	Results []json.RawMessage `json:"results,omitempty"`
}

// KeptPath is the file where the room at the race kept at run is kept:
// beside it, of the same name. Its extension is not .json, so that a
// listing of the runs folder does not take it for a run. Its suffix is
// measure/runs' RoomSuffix, so that deleting the race deletes it too.
func KeptPath(run string) string {
	return strings.TrimSuffix(run, filepath.Ext(run)) + ".room"
}

// EncodeKept writes k as its file holds it, after checking it as
// DecodeKept will.
func EncodeKept(k Kept) ([]byte, error) {
	k.Schema = KeptSchema
	if err := k.Check(); err != nil {
		return nil, fmt.Errorf("kept room: %w", err)
	}
	return json.MarshalIndent(k, "", "  ")
}

// DecodeKept reads a kept room's file, strictly: within MaxKept, of
// KeptSchema, one JSON object without unknown fields, then checked. A file
// may come from anyone.
func DecodeKept(data []byte) (Kept, error) {
	var k Kept
	if len(data) > MaxKept {
		return k, fmt.Errorf("kept room of %d bytes, more than %d", len(data), MaxKept)
	}
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return k, fmt.Errorf("kept room not the expected shape: %w", err)
	}
	if head.Schema != KeptSchema {
		return k, fmt.Errorf("kept room of schema %.40q, want %q", head.Schema, KeptSchema)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&k); err != nil {
		return k, fmt.Errorf("kept room not the expected shape: %w", err)
	}
	if dec.More() {
		return k, errors.New("kept room with trailing data")
	}
	if err := k.Check(); err != nil {
		return k, fmt.Errorf("kept room refused: %w", err)
	}
	return k, nil
}

// Check says what is wrong with a kept room, or nil: its text as a
// state's, its tally adding up, its results each within MaxMessage.
func (k Kept) Check() error {
	s := State{Lesson: k.Lesson, Lessons: k.Lesson + 1, Name: k.Name, Question: k.Question, Choices: k.Choices, Phase: PhaseQuestion}
	if err := s.Check(); err != nil {
		return err
	}
	if k.Lesson < 0 {
		return fmt.Errorf("lesson %d", k.Lesson)
	}
	if err := k.Answers.check(len(k.Choices)); err != nil {
		return err
	}
	if len(k.Results) > maxKeptResults {
		return fmt.Errorf("%d results, more than %d", len(k.Results), maxKeptResults)
	}
	for i, r := range k.Results {
		if len(r) > MaxMessage {
			return fmt.Errorf("result %d of %d bytes, more than %d", i+1, len(r), MaxMessage)
		}
	}
	return nil
}

// check says what is wrong with a tally of a question of choices
// choices: counts that do not add up, names more than answers, a name not
// fit to show.
func (t Tally) check(choices int) error {
	if len(t.Counts) != choices {
		return fmt.Errorf("a tally of %d choices for a question of %d", len(t.Counts), choices)
	}
	sum := 0
	for _, n := range t.Counts {
		if n < 0 || n > 1<<20 {
			return fmt.Errorf("a count of %d", n)
		}
		sum += n
	}
	if sum != t.Total {
		return fmt.Errorf("counts adding up to %d of a total of %d", sum, t.Total)
	}
	if len(t.Names) > t.Total {
		return fmt.Errorf("%d names of %d answers", len(t.Names), t.Total)
	}
	for _, n := range t.Names {
		if err := checkText(n, maxName); err != nil {
			return fmt.Errorf("a name: %w", err)
		}
	}
	return nil
}
