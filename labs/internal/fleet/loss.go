package fleet

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// A LossKind says how a generator left a run before its end.
type LossKind int

const (
	// LossFailed: it said something wrong: a failure of its own, a
	// report that is not one, or fewer reports than it sent.
	LossFailed LossKind = iota + 1
	// LossExited: a generator this process started ended; its
	// ExitStatus or Signal says how.
	LossExited
	// LossLeft: a generator on another machine closed its connection.
	LossLeft
	// LossStalled: it said nothing for a whole repetition and the grace
	// after it.
	LossStalled
)

// String names the kind as the figures and the JSON carry it.
func (k LossKind) String() string {
	switch k {
	case LossExited:
		return "exited"
	case LossLeft:
		return "left"
	case LossStalled:
		return "stalled"
	}
	return "failed"
}

// A Loss is why a generator was lost: how, and the error that names it
// with what is known of it (its pid or address, its last words).
type Loss struct {
	Kind LossKind
	// ExitStatus is an exited generator's exit status, or -1 when a
	// signal ended it (Signal then says which) or none is known.
	ExitStatus int
	// Signal is the signal that ended an exited generator, 0 if none did.
	Signal syscall.Signal
	// Silent is how long a stalled generator said nothing.
	Silent time.Duration
	// Err says which generator it was and what happened.
	Err error
}

func (l *Loss) Error() string { return l.Err.Error() }
func (l *Loss) Unwrap() error { return l.Err }

// lossCause is the cause a link found, carried inside the error it
// describes (see link.describe) until the fleet names the loss.
type lossCause struct {
	kind       LossKind
	exitStatus int
	signal     syscall.Signal
	silent     time.Duration
	msg        string
}

func (c *lossCause) Error() string { return c.msg }

// stalled is the cause of a generator silent for d.
func stalled(d time.Duration, msg string) error {
	return &lossCause{kind: LossStalled, exitStatus: -1, silent: d, msg: msg}
}

// exited is the cause of a local generator whose process ended as ps says.
func exited(ps *os.ProcessState, msg string) error {
	c := &lossCause{kind: LossExited, exitStatus: -1, msg: msg}
	if ps == nil {
		return c
	}
	c.exitStatus = ps.ExitCode()
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		c.signal = ws.Signal()
	}
	return c
}

// lossOf names the loss that err, a link's error, says; an error without
// a cause of its own is a failure.
func lossOf(err error) *Loss {
	l := &Loss{Kind: LossFailed, ExitStatus: -1, Err: err}
	var c *lossCause
	if errors.As(err, &c) {
		l.Kind, l.ExitStatus, l.Signal, l.Silent = c.kind, c.exitStatus, c.signal, c.silent
	}
	return l
}
