package room

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// KeptSchema names the shape of a kept room, so that a reader of a later
// shape can tell.
const KeptSchema = "perflab/room/v1"

// MaxKept bounds a kept room's file, in bytes. The question, the tally
// and the names of a full room (maxRacers of them) always fit: 1.09 MB at
// their longest. The results fill what is left (see KeepResults): a
// typical result takes about 830 bytes, so a full room of 4,096 fits
// whole (3.4 MB), and 324 of the largest a message may carry (9.6 KB
// each, indented) fit beside the longest head (TestKeptFitsItsBound).
const MaxKept = 4 << 20

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
	// LeftOut counts the participants' results not kept, as they did not
	// fit within MaxKept beside the rest (see KeepResults). A room kept
	// by an older perflab has none: it kept all its results, or no room.
	LeftOut int `json:"left_out,omitempty"`
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
	data, err := json.MarshalIndent(k, "", "  ")
	if err == nil && len(data) > MaxKept {
		err = fmt.Errorf("kept room of %d bytes, more than %d", len(data), MaxKept)
	}
	return data, err
}

// DecodeKept reads a kept room's file, strictly: within MaxKept, of
// KeptSchema, one JSON object without unknown fields, then checked. A file
// may come from anyone.
func DecodeKept(data []byte) (Kept, error) {
	// The schema is read first, so that a file of another schema is
	// refused as such rather than for the fields it does not share; a
	// file too large is refused by decodeWithin, unread.
	if len(data) <= MaxKept {
		var head struct {
			Schema string `json:"schema"`
		}
		if err := json.Unmarshal(data, &head); err != nil {
			return Kept{}, fmt.Errorf("kept room not the expected shape: %w", err)
		}
		if head.Schema != KeptSchema {
			return Kept{}, fmt.Errorf("kept room of schema %.40q, want %q", head.Schema, KeptSchema)
		}
	}
	return decodeWithin[Kept](data, MaxKept, "kept room")
}

// Check says what is wrong with a kept room, or nil: its text as a
// state's, its tally adding up, its results each one a participant's
// result of the race, as the room's checks take one received.
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
	if k.LeftOut < 0 || len(k.Results)+k.LeftOut > maxRacers {
		return fmt.Errorf("%d results kept and %d left out, more than %d", len(k.Results), k.LeftOut, maxRacers)
	}
	_, err := k.results()
	return err
}

// KeepResults sets the results k holds to rs, each participant's newest
// word of the race, each as the message it would travel in: as many as
// fit in a file of MaxKept beside k's question, tally and names, which
// are always kept, so set those first. The results of races done come
// first, as they are what the reveal's spread draws, then those that
// failed, declined and were still racing; LeftOut counts the rest.
func (k *Kept) KeepResults(rs []Result) error {
	// The head is measured with every result left out, the most digits
	// its count can take.
	head := *k
	head.Schema, head.Results, head.LeftOut = KeptSchema, nil, len(rs)
	data, err := json.MarshalIndent(head, "", "  ")
	if err != nil {
		return err
	}
	free := MaxKept - len(data) - len(",\n  \"results\": [\n  ]")
	order := make([]int, len(rs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return keepRank(rs[a].Status) - keepRank(rs[b].Status) })
	// Only the results kept are encoded: in a room cut to a few hundred,
	// the thousands left out cost nothing.
	raw := make([]json.RawMessage, len(rs))
	for _, i := range order {
		data, err := json.Marshal(rs[i])
		if err != nil {
			return err
		}
		n, err := keptSize(data)
		if err != nil {
			return err
		}
		if n > free {
			break
		}
		free -= n
		raw[i] = data
	}
	k.Results, k.LeftOut = nil, 0
	for _, data := range raw {
		if data != nil {
			k.Results = append(k.Results, data)
		} else {
			k.LeftOut++
		}
	}
	return nil
}

// keepRank orders the results a kept room keeps first.
func keepRank(s Status) int {
	return map[Status]int{StatusDone: 0, StatusFailed: 1, StatusDeclined: 2, StatusRacing: 3}[s]
}

// keptSize is the bytes a result takes in a kept room's file: indented
// as an element of its results, with the comma and line that part it
// from the one before.
func keptSize(raw json.RawMessage) (int, error) {
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "    ", "  "); err != nil {
		return 0, err
	}
	return b.Len() + len(",\n    "), nil
}

// Spread is what the room's machines made of the race kept with k, as the
// teacher's reveal showed it when k was written.
func (k Kept) Spread() (Spread, error) {
	rs, err := k.results()
	if err != nil {
		return Spread{}, err
	}
	s := SpreadOf(rs)
	s.LeftOut = k.LeftOut
	return s, nil
}

// results decodes the results k holds with the checks of a result
// received, and refuses what a teacher's room would not have kept: a
// result of another lesson, of another race than the others, or a
// participant's second word.
func (k Kept) results() ([]Result, error) {
	rs := make([]Result, 0, len(k.Results))
	ids := map[string]bool{}
	for i, raw := range k.Results {
		// The file is indented: a result is measured and read as it
		// travelled, compact.
		var b bytes.Buffer
		if err := json.Compact(&b, raw); err != nil {
			return nil, fmt.Errorf("result %d: %w", i+1, err)
		}
		r, err := DecodeResult(b.Bytes())
		switch {
		case err != nil:
			return nil, fmt.Errorf("result %d: %w", i+1, err)
		case r.Lesson != k.Lesson:
			return nil, fmt.Errorf("result %d of lesson %d", i+1, r.Lesson+1)
		case i > 0 && r.Race != rs[0].Race:
			return nil, fmt.Errorf("result %d of race %d, the others of %d", i+1, r.Race, rs[0].Race)
		case ids[r.ID]:
			return nil, fmt.Errorf("result %d of participant %q again", i+1, r.ID)
		}
		ids[r.ID] = true
		rs = append(rs, r)
	}
	return rs, nil
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
