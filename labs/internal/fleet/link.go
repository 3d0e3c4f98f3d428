package fleet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// A link is the coordinator's end of the wire to one generator: a pipe to a
// process it spawned (proc), or NATS subjects to a process that joined it
// from another machine (remote). The coordinator's logic (the coordinated
// start, the merge, the skew, stall and death detection) is written once,
// against this interface, so that both kinds of generator are measured and
// judged alike.
type link interface {
	// name is the generator's name in results: gen1, gen2, ...
	name() string
	// send sends one command.
	send(c command) error
	// recv returns the generator's next report within d. A generator
	// that dies, leaves, or says nothing for d is an error, which says
	// which generator it was.
	recv(d time.Duration) (report, error)
	// kill stops the generator at once, however far it is; it takes no
	// more part.
	kill()
	// describe adds the generator's name, and what is known of where it
	// runs and its last words, to err.
	describe(err error) error
}

var (
	_ link = (*proc)(nil)
	_ link = (*remote)(nil)
)

// maxReport bounds one report as it arrives: a compressed interval
// histogram of the engine's range is a few kilobytes, a repetition's
// account less. A generator that sends more is broken or hostile, and is
// refused before its message is decoded.
const maxReport = 1 << 20

// decodeReport reads one report strictly: bounded, one JSON object of
// known fields, with figures that could be true.
func decodeReport(b []byte) (report, error) {
	if len(b) > maxReport {
		return report{}, fmt.Errorf("sent a report of %d bytes, over the %d allowed", len(b), maxReport)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var r report
	if err := dec.Decode(&r); err != nil {
		return report{}, fmt.Errorf("sent a report that is not one: %w", err)
	}
	if dec.More() {
		return report{}, errors.New("sent a report followed by more")
	}
	if d := r.Done; d != nil {
		if d.ElapsedNs < 0 || d.Ops < 0 || d.Errors < 0 || d.Dropped < 0 || d.Bytes < 0 || d.Messages < 1 {
			return report{}, errors.New("sent a repetition's account with a negative count")
		}
	}
	return r, nil
}
