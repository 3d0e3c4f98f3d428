package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
	xterm "golang.org/x/term"
)

// terminal is the output of a program in a pseudo-terminal, read as it
// comes.
type terminal struct {
	mu      sync.Mutex
	out     bytes.Buffer
	changed chan struct{}
}

func (term *terminal) read(r io.Reader) {
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		term.mu.Lock()
		term.out.Write(buf[:n])
		term.mu.Unlock()
		select {
		case term.changed <- struct{}{}:
		default:
		}
		if err != nil {
			return
		}
	}
}

// text is everything shown so far, without escape codes.
func (term *terminal) text() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return ansi.Strip(term.out.String())
}

// waitFor waits until the screen has shown every one of want, after from
// (an offset into text), and returns the offset past the text read.
func (term *terminal) waitFor(t *testing.T, from int, want ...string) int {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		text := term.text()
		seen := true
		for _, w := range want {
			seen = seen && strings.Contains(text[from:], w)
		}
		if seen {
			return len(text)
		}
		select {
		case <-term.changed:
		case <-deadline:
			t.Fatalf("the screen never showed %q; it showed:\n%s", want, text[from:])
		}
	}
}

// session is the real binary running in a pseudo-terminal.
type session struct {
	t    *testing.T
	cmd  *exec.Cmd
	f    *os.File
	term *terminal
}

// startSession starts bin with args in a pseudo-terminal of rows x cols,
// without colour; it is closed when the test ends.
func startSession(t *testing.T, bin string, rows, cols uint16, args ...string) *session {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=1")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: rows, Cols: cols})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	s := &session{t: t, cmd: cmd, f: f, term: &terminal{changed: make(chan struct{}, 1)}}
	go s.term.read(f)
	return s
}

// send types keys into the terminal.
func (s *session) send(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if _, err := s.f.WriteString(k); err != nil {
			s.t.Fatal(err)
		}
	}
}

// quit presses q and waits for the program to exit cleanly.
func (s *session) quit() {
	s.t.Helper()
	s.send("q")
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			s.t.Errorf("perflab exited with %v", err)
		}
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		s.t.Fatal("perflab did not quit on q")
	}
}

// Keys as a terminal sends them.
const down, clearLine, enter = "\x1b[B", "\x15", "\r"

// TestTUIEndToEnd drives the real binary in a pseudo-terminal through one
// run: pick a lab, set it up, run it, read the results, quit.
func TestTUIEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	s := startSession(t, binary, 30, 100)
	at := s.term.waitFor(t, 0, "1. measure", "2. data-structures", "Big O stings")
	s.send("2", enter)
	at = s.term.waitFor(t, at, "data-structures/membership", "compare slice (baseline) vs map, binary")
	// Six rows down is the repetitions field: 6 of 20ms keep the run short.
	s.send(down, down, down, down, down, down, clearLine, "6", down, clearLine, "20ms", enter)
	at = s.term.waitFor(t, at, "1 latency", "2 spectrum", "ops/s", "errors")
	before := at
	at = s.term.waitFor(t, at, "vs baseline", "95% CI", "baseline", "percentile spectrum")
	if text := s.term.text()[before:at]; !strings.Contains(text, "faster") && !strings.Contains(text, "inconclusive") {
		t.Errorf("the results show no verdict in words:\n%s", text)
	}
	s.quit()
}

// TestNoTerminalPointsToRun checks that perflab without a terminal says how
// to run headless, and exits 2.
func TestNoTerminalPointsToRun(t *testing.T) {
	var stdout bytes.Buffer
	err := runTUI(t.Context(), strings.NewReader(""), &stdout, historyFlags{noSave: true})
	if !errors.As(err, new(usageError)) || !strings.Contains(err.Error(), "perflab run") {
		t.Errorf("runTUI without a terminal = %v, want a usage error pointing to perflab run", err)
	}
	if stdout.Len() > 0 {
		t.Errorf("runTUI without a terminal wrote %q", stdout.String())
	}
	if xterm.IsTerminal(int(os.Stdout.Fd())) {
		return // the test itself runs on a terminal: perflab would open
	}
	if code := run(nil); code != 2 {
		t.Errorf("perflab with no terminal exits %d, want 2", code)
	}
}
