package tail

import (
	"strings"
	"testing"
)

func TestBufferKeepsTheEnd(t *testing.T) {
	b := &Buffer{Max: 8}
	for _, s := range []string{"hello ", "world", "!"} {
		if n, err := b.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", s, n, err)
		}
	}
	if got, want := b.String(), "o world!"[len("o world!")-8:]; got != want {
		t.Errorf("kept %q, want the last 8 bytes %q", got, want)
	}
	big := strings.Repeat("x", 100)
	b.Write([]byte(big))
	if got := b.String(); got != big[:8] {
		t.Errorf("after a write larger than Max, kept %q, want %q", got, big[:8])
	}
}

func TestLastLines(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"a\nb\nc\n", 2, "b\nc"}, {"a", 3, "a"}, {"", 1, ""}, {"a\nb", 1, "b"},
	} {
		if got := LastLines(tt.s, tt.n); got != tt.want {
			t.Errorf("LastLines(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
