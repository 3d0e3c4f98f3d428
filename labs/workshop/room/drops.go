package room

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Drops counts the messages the teacher dropped, by why: findings as data,
// which the teacher's screen words.
type Drops struct {
	// Large counts messages of more than MaxMessage, dropped unread.
	Large int
	// Malformed counts messages not of their subject's shape, failing
	// its checks, speaking for another participant than their subject
	// names, or of a race the teacher never showed.
	Malformed int
	// Name counts messages whose participant's name is not one line of
	// printable text (see CheckName): a hand-made client may send one,
	// and the teacher's screen shows names.
	Name int
	// Late counts results of a race the teacher left more than
	// LateResults before they arrived.
	Late int
	// Full counts answers and results of participants beyond the
	// maxRacers a lesson keeps.
	Full int
}

// Total is every message dropped, whatever why.
func (d Drops) Total() int { return d.Large + d.Malformed + d.Name + d.Late + d.Full }

// CheckName says what is wrong with a participant's name, or nil: a name
// is shown on the teacher's screen beside others, so it must be one line
// of printable text, without a newline, a control character or a
// bidirectional control (which would reorder what follows it).
func CheckName(name string) error {
	if err := checkText(name, maxName); err != nil {
		return err
	}
	if strings.ContainsFunc(name, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) }) {
		return errors.New("a name holding a newline or a control character")
	}
	return nil
}

// dropReceived counts a message dropped on receipt by why: too large,
// else malformed. The caller holds r.mu.
func (r *Room) dropReceived(data []byte) {
	if len(data) > MaxMessage {
		r.drops.Large++
		return
	}
	r.drops.Malformed++
}

// Drops counts the messages the room dropped, by why.
func (r *Room) Drops() Drops {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.drops
}

// String is the counts, for a test's failure.
func (d Drops) String() string {
	return fmt.Sprintf("%d large, %d malformed, %d names, %d late, %d beyond the room", d.Large, d.Malformed, d.Name, d.Late, d.Full)
}
