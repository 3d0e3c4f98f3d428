package worker

import (
	"bytes"
	"reflect"
	"testing"
)

// FuzzDecodeFrames feeds arbitrary bytes to the decoders of what a worker
// and a coordinator read from each other: a frame stream, then a task, a
// result and a hello in each body. None may panic, and whatever decodes
// encodes back to the same bytes, so that nothing is read that was not
// there.
func FuzzDecodeFrames(f *testing.F) {
	var stream bytes.Buffer
	for _, body := range [][]byte{
		AppendTask(nil, Task{ID: 7, Kind: Sleep, A: 5e6}),
		AppendResult(nil, Result{ID: 7, Value: 3, ServiceNs: 5e6, Deliveries: 2, Worker: "w1", Err: "boom"}),
		AppendHello(nil, Hello{Version: ProtocolVersion, PID: 42, Worker: "p1"}),
	} {
		if err := WriteFrame(&stream, body); err != nil {
			f.Fatal(err)
		}
		f.Add(body)
	}
	f.Add(stream.Bytes())
	f.Add([]byte("\x00\x00\x00\x03XYZ"))
	f.Add([]byte("\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := bytes.NewReader(b)
		for {
			body, err := ReadFrame(r, nil)
			if err != nil {
				break
			}
			if len(body) == 0 || len(body) > MaxFrame {
				t.Fatalf("ReadFrame returned a body of %d bytes", len(body))
			}
			checkBody(t, body)
		}
		checkBody(t, b)
	})
}

// checkBody decodes b as each message type and checks that what decodes
// round-trips.
func checkBody(t *testing.T, b []byte) {
	if task, err := DecodeTask(b); err == nil {
		if got := AppendTask(nil, task); !bytes.Equal(got, b) {
			t.Fatalf("task %+v from %x encodes as %x", task, b, got)
		}
	}
	if res, err := DecodeResult(b); err == nil {
		back, err := DecodeResult(AppendResult(nil, res))
		if err != nil || !reflect.DeepEqual(back, res) {
			t.Fatalf("result %+v from %x does not round-trip: %+v, %v", res, b, back, err)
		}
	}
	if h, err := DecodeHello(b); err == nil {
		back, err := DecodeHello(AppendHello(nil, h))
		if err != nil || back != h {
			t.Fatalf("hello %+v from %x does not round-trip: %+v, %v", h, b, back, err)
		}
	}
}
