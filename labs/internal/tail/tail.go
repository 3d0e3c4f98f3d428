// Package tail keeps the end of what a child process writes, such as its
// standard error: enough to say why it failed, never so much that a chatty
// child grows perflab's memory.
package tail

import (
	"strings"
	"sync"
)

// A Buffer keeps the last Max bytes written to it. It is safe for one
// writer and readers at once.
type Buffer struct {
	Max int
	mu  sync.Mutex
	b   []byte
}

// Write keeps the end of what was written and never fails.
func (t *Buffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if over := len(t.b) - t.Max; over > 0 {
		t.b = append(t.b[:0], t.b[over:]...)
	}
	return len(p), nil
}

// String returns what is kept.
func (t *Buffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}

// LastLines returns the last n lines of s, without a final newline.
func LastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
