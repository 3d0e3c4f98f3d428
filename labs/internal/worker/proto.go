// Package worker is the worker side of labs 6 and 7: the task functions a
// worker runs, the frames it exchanges with a coordinator, and the worker's
// main loop over standard input and output or over a NATS JetStream work
// queue. It also spawns local worker processes for a coordinator.
package worker

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// The wire protocol. Every message travels in a frame: a 4-byte big-endian
// length, then that many bytes of body. The body's first byte says what the
// message is; the fields that follow are fixed-size big-endian integers and
// strings prefixed with a 2-byte length. Over NATS a message's data is one
// body, without the length prefix, since NATS frames messages itself.
//
// A decoder never trusts a length: every one is checked against what is left
// and against MaxFrame before anything is allocated, so that a garbled or
// hostile stream gives an error and never a panic or a huge allocation.

// MaxFrame is the largest body a frame may carry. Real messages are well
// under a hundred bytes; the limit only keeps a garbled length from making
// the reader allocate gigabytes.
const MaxFrame = 64 << 10

// ErrMalformed is wrapped by every error about a frame that does not follow
// the protocol.
var ErrMalformed = errors.New("malformed frame")

// Message types, the first byte of a body.
const (
	typeHello  byte = 'H'
	typeTask   byte = 'T'
	typeResult byte = 'R'
)

// ProtocolVersion is sent in the worker's hello; a coordinator refuses a
// worker that speaks another version.
const ProtocolVersion = 1

// Hello is the first message a stdio worker sends: it says the worker is
// ready and who it is.
type Hello struct {
	Version uint16
	PID     uint32
	Worker  string
}

// Task is one unit of work sent to a worker.
type Task struct {
	// ID is unique within a run; the coordinator matches results by it.
	ID   uint64
	Kind Kind
	// A and B are the kind's arguments: a range [A, B) to count primes in,
	// or A nanoseconds to sleep.
	A, B uint64
}

// Result is a worker's answer to one task.
type Result struct {
	ID    uint64
	Value uint64
	// ServiceNs is the time the worker spent on the task, on its own clock.
	ServiceNs int64
	// Deliveries is how many times the queue delivered the task, this one
	// included: above 1 the task was redelivered after a failure.
	Deliveries uint32
	Worker     string
	// Err, if not empty, says why the task failed.
	Err string
}

const (
	taskSize      = 1 + 8 + 1 + 8 + 8
	helloFixed    = 1 + 2 + 4
	resultFixed   = 1 + 8 + 8 + 8 + 4
	maxStringSize = 1<<16 - 1
)

// AppendHello appends h's body to dst.
func AppendHello(dst []byte, h Hello) []byte {
	dst = append(dst, typeHello)
	dst = binary.BigEndian.AppendUint16(dst, h.Version)
	dst = binary.BigEndian.AppendUint32(dst, h.PID)
	return appendString(dst, h.Worker)
}

// AppendTask appends t's body to dst.
func AppendTask(dst []byte, t Task) []byte {
	dst = append(dst, typeTask)
	dst = binary.BigEndian.AppendUint64(dst, t.ID)
	dst = append(dst, byte(t.Kind))
	dst = binary.BigEndian.AppendUint64(dst, t.A)
	return binary.BigEndian.AppendUint64(dst, t.B)
}

// AppendResult appends r's body to dst.
func AppendResult(dst []byte, r Result) []byte {
	dst = append(dst, typeResult)
	dst = binary.BigEndian.AppendUint64(dst, r.ID)
	dst = binary.BigEndian.AppendUint64(dst, r.Value)
	dst = binary.BigEndian.AppendUint64(dst, uint64(r.ServiceNs))
	dst = binary.BigEndian.AppendUint32(dst, r.Deliveries)
	dst = appendString(dst, r.Worker)
	return appendString(dst, r.Err)
}

// appendString appends s with its 2-byte length, cut to the longest string
// a length can say: strings here are names and error messages.
func appendString(dst []byte, s string) []byte {
	if len(s) > maxStringSize {
		s = s[:maxStringSize]
	}
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(s)))
	return append(dst, s...)
}

// DecodeHello decodes a hello body.
func DecodeHello(b []byte) (Hello, error) {
	var h Hello
	if err := expect(b, typeHello, "hello", helloFixed); err != nil {
		return h, err
	}
	h.Version = binary.BigEndian.Uint16(b[1:])
	h.PID = binary.BigEndian.Uint32(b[3:])
	rest := b[helloFixed:]
	var err error
	if h.Worker, rest, err = readString(rest, "hello", "worker name"); err != nil {
		return h, err
	}
	return h, noTrailing(rest, "hello")
}

// DecodeTask decodes a task body.
func DecodeTask(b []byte) (Task, error) {
	var t Task
	if err := expect(b, typeTask, "task", taskSize); err != nil {
		return t, err
	}
	if len(b) != taskSize {
		return t, fmt.Errorf("%w: task is %d bytes, want %d", ErrMalformed, len(b), taskSize)
	}
	t.ID = binary.BigEndian.Uint64(b[1:])
	t.Kind = Kind(b[9])
	t.A = binary.BigEndian.Uint64(b[10:])
	t.B = binary.BigEndian.Uint64(b[18:])
	return t, nil
}

// DecodeResult decodes a result body.
func DecodeResult(b []byte) (Result, error) {
	var r Result
	if err := expect(b, typeResult, "result", resultFixed); err != nil {
		return r, err
	}
	r.ID = binary.BigEndian.Uint64(b[1:])
	r.Value = binary.BigEndian.Uint64(b[9:])
	r.ServiceNs = int64(binary.BigEndian.Uint64(b[17:]))
	r.Deliveries = binary.BigEndian.Uint32(b[25:])
	rest := b[resultFixed:]
	var err error
	if r.Worker, rest, err = readString(rest, "result", "worker name"); err != nil {
		return r, err
	}
	if r.Err, rest, err = readString(rest, "result", "error"); err != nil {
		return r, err
	}
	if r.ServiceNs < 0 {
		return r, fmt.Errorf("%w: result %d has a negative service time", ErrMalformed, r.ID)
	}
	return r, noTrailing(rest, "result")
}

// expect checks a body's type byte and that it holds at least min bytes.
func expect(b []byte, typ byte, what string, min int) error {
	if len(b) == 0 {
		return fmt.Errorf("%w: empty body, want a %s", ErrMalformed, what)
	}
	if b[0] != typ {
		return fmt.Errorf("%w: type %q, want %q (%s)", ErrMalformed, b[0], typ, what)
	}
	if len(b) < min {
		return fmt.Errorf("%w: %s is %d bytes, want at least %d", ErrMalformed, what, len(b), min)
	}
	return nil
}

func readString(b []byte, what, field string) (string, []byte, error) {
	if len(b) < 2 {
		return "", nil, fmt.Errorf("%w: %s ends before the length of its %s", ErrMalformed, what, field)
	}
	n := int(binary.BigEndian.Uint16(b))
	b = b[2:]
	if n > len(b) {
		return "", nil, fmt.Errorf("%w: %s's %s says %d bytes, %d are left", ErrMalformed, what, field, n, len(b))
	}
	return string(b[:n]), b[n:], nil
}

func noTrailing(rest []byte, what string) error {
	if len(rest) > 0 {
		return fmt.Errorf("%w: %d bytes after the end of a %s", ErrMalformed, len(rest), what)
	}
	return nil
}

// WriteFrame writes body as one frame.
func WriteFrame(w io.Writer, body []byte) error {
	if len(body) == 0 || len(body) > MaxFrame {
		return fmt.Errorf("frame body of %d bytes: want 1 to %d", len(body), MaxFrame)
	}
	var hdr [4]byte
	binary.BigEndian.PutUint32(hdr[:], uint32(len(body)))
	// One write of header and body, so that a frame is never interleaved
	// with another writer's and a pipe sees one message per write.
	buf := make([]byte, 0, 4+len(body))
	buf = append(append(buf, hdr[:]...), body...)
	_, err := w.Write(buf)
	return err
}

// ReadFrame reads one frame and returns its body, reusing buf when it is
// large enough. At a clean end of the stream, between frames, it returns
// io.EOF; a stream that ends inside a frame is io.ErrUnexpectedEOF.
func ReadFrame(r io.Reader, buf []byte) ([]byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if n == 0 {
		return nil, fmt.Errorf("%w: zero-length frame", ErrMalformed)
	}
	if n > MaxFrame {
		return nil, fmt.Errorf("%w: frame of %d bytes exceeds the limit of %d", ErrMalformed, n, MaxFrame)
	}
	if cap(buf) < int(n) {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := io.ReadFull(r, buf); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return buf, nil
}
