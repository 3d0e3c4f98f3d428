package worker

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	task := Task{ID: 1<<63 + 5, Kind: Primes, A: 1_000_000, B: 1_002_000}
	got, err := DecodeTask(AppendTask(nil, task))
	if err != nil || got != task {
		t.Errorf("task: got %+v, %v; want %+v", got, err, task)
	}
	res := Result{ID: 7, Value: 148, ServiceNs: 12345, Deliveries: 2, Worker: "host-42", Err: "boom"}
	gotR, err := DecodeResult(AppendResult(nil, res))
	if err != nil || gotR != res {
		t.Errorf("result: got %+v, %v; want %+v", gotR, err, res)
	}
	hello := Hello{Version: ProtocolVersion, PID: 99, Worker: "w"}
	gotH, err := DecodeHello(AppendHello(nil, hello))
	if err != nil || gotH != hello {
		t.Errorf("hello: got %+v, %v; want %+v", gotH, err, hello)
	}
}

func TestFramesRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	bodies := [][]byte{AppendTask(nil, Task{ID: 1, Kind: Sleep, A: 10}), AppendResult(nil, Result{ID: 1})}
	for _, b := range bodies {
		if err := WriteFrame(&buf, b); err != nil {
			t.Fatal(err)
		}
	}
	for i, want := range bodies {
		got, err := ReadFrame(&buf, nil)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("frame %d: got %x, %v; want %x", i, got, err, want)
		}
	}
	if _, err := ReadFrame(&buf, nil); err != io.EOF {
		t.Errorf("after the last frame: got %v, want io.EOF", err)
	}
}

func frame(n uint32, body []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, n), body...)
}

func TestReadFrameRejects(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		want  string
	}{
		{"zero length", frame(0, nil), "zero-length frame"},
		{"huge length", frame(MaxFrame+1, nil), "exceeds the limit"},
		{"length past the data", frame(10, []byte{'T', 1, 2}), "unexpected EOF"},
		{"header cut short", []byte{0, 0}, "unexpected EOF"},
	}
	for _, tt := range tests {
		_, err := ReadFrame(bytes.NewReader(tt.input), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	task := AppendTask(nil, Task{ID: 1, Kind: Primes, A: 1, B: 2})
	res := AppendResult(nil, Result{ID: 1, Worker: "w"})
	negative := AppendResult(nil, Result{ID: 1, ServiceNs: -5})
	tests := []struct {
		name   string
		decode func([]byte) error
		body   []byte
		want   string
	}{
		{"empty task", decodeTask, nil, "empty body"},
		{"result as task", decodeTask, res, "want 'T'"},
		{"short task", decodeTask, task[:10], "want at least 26"},
		{"long task", decodeTask, append(task, 0), "want 26"},
		{"short result", decodeResult, res[:12], "want at least"},
		{"string past the end", decodeResult, res[:len(res)-3], "says 1 bytes, 0 are left"},
		{"trailing bytes", decodeResult, append(res, 1, 2), "2 bytes after the end"},
		{"negative service", decodeResult, negative, "negative service time"},
		{"hello without name", decodeHello, []byte{'H', 0, 1, 0, 0, 0, 1}, "ends before the length"},
	}
	for _, tt := range tests {
		err := tt.decode(tt.body)
		if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want ErrMalformed containing %q", tt.name, err, tt.want)
		}
	}
}

func decodeTask(b []byte) error   { _, err := DecodeTask(b); return err }
func decodeResult(b []byte) error { _, err := DecodeResult(b); return err }
func decodeHello(b []byte) error  { _, err := DecodeHello(b); return err }

// FuzzDecode feeds arbitrary bytes to the frame reader and every decoder:
// none may panic, and whatever decodes must encode back to the same bytes.
func FuzzDecode(f *testing.F) {
	f.Add(frame(26, AppendTask(nil, Task{ID: 3, Kind: Primes, A: 5, B: 9})))
	f.Add(frame(1, []byte{'R'}))
	f.Add(frame(0xffffffff, nil))
	f.Add(AppendResult(nil, Result{ID: 1, Worker: "x", Err: "y"}))
	f.Add(AppendHello(nil, Hello{Version: 1, PID: 2, Worker: "z"}))
	f.Fuzz(func(t *testing.T, b []byte) {
		if body, err := ReadFrame(bytes.NewReader(b), nil); err == nil && len(body) > MaxFrame {
			t.Fatalf("frame of %d bytes passed the %d limit", len(body), MaxFrame)
		}
		if task, err := DecodeTask(b); err == nil && !bytes.Equal(AppendTask(nil, task), b) {
			t.Fatalf("task %+v re-encodes differently", task)
		}
		if res, err := DecodeResult(b); err == nil && !bytes.Equal(AppendResult(nil, res), b) {
			t.Fatalf("result %+v re-encodes differently", res)
		}
		if h, err := DecodeHello(b); err == nil && !bytes.Equal(AppendHello(nil, h), b) {
			t.Fatalf("hello %+v re-encodes differently", h)
		}
	})
}
