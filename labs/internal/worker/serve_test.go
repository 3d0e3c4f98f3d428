package worker

import (
	"bufio"
	"context"
	"errors"
	"io"
	"testing"
)

// pipeWorker runs ServeStdio over in-memory pipes and returns the
// coordinator's ends and the server's final error.
func pipeWorker(t *testing.T) (tasks io.WriteCloser, results *bufio.Reader, done <-chan error) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	errc := make(chan error, 1)
	go func() {
		err := ServeStdio(context.Background(), inR, outW, "test")
		outW.Close()
		errc <- err
	}()
	t.Cleanup(func() { inW.Close(); outR.Close() })
	br := bufio.NewReader(outR)
	body, err := ReadFrame(br, nil)
	if err != nil {
		t.Fatalf("read hello: %v", err)
	}
	if h, err := DecodeHello(body); err != nil || h.Version != ProtocolVersion || h.Worker != "test" {
		t.Fatalf("hello: got %+v, %v", h, err)
	}
	return inW, br, errc
}

func TestServeStdioAnswersTasks(t *testing.T) {
	in, out, done := pipeWorker(t)
	tasks := []Task{{ID: 1, Kind: Primes, A: 0, B: 100}, {ID: 2, Kind: Sleep, A: 1000}, {ID: 3, Kind: 9}}
	for _, task := range tasks {
		if err := WriteFrame(in, AppendTask(nil, task)); err != nil {
			t.Fatal(err)
		}
		body, err := ReadFrame(out, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := DecodeResult(body)
		if err != nil {
			t.Fatal(err)
		}
		if r.ID != task.ID || r.Deliveries != 1 || r.ServiceNs <= 0 {
			t.Errorf("task %d: got result %+v", task.ID, r)
		}
		if task.ID == 1 && (r.Value != 25 || r.Err != "") {
			t.Errorf("primes below 100: got %d (%q), want 25", r.Value, r.Err)
		}
		if task.ID == 3 && r.Err == "" {
			t.Errorf("a task of unknown kind got no error")
		}
	}
	in.Close()
	if err := <-done; err != nil {
		t.Errorf("after the coordinator closed the pipe: got %v, want nil", err)
	}
}

func TestServeStdioRejectsMalformedFrames(t *testing.T) {
	for name, bad := range map[string][]byte{
		"huge length":   frame(1<<31, nil),
		"not a task":    frame(3, []byte{'X', 1, 2}),
		"task too long": frame(27, append(AppendTask(nil, Task{ID: 1}), 0)),
	} {
		in, _, done := pipeWorker(t)
		go func() { _, _ = in.Write(bad) }()
		if err := <-done; !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: got %v, want a malformed-frame error", name, err)
		}
	}
}
