package report

import "testing"

func TestLostWords(t *testing.T) {
	for _, c := range []struct {
		how            string
		status, signal int
		want           string
	}{
		{"exited", -1, 9, "died (killed)"},
		{"exited", -1, 15, "died (terminated)"},
		{"exited", 3, 0, "died (exit status 3)"},
		{"exited", -1, 0, "died"},
		{"stalled", 0, 0, "stalled"},
		{"left", 0, 0, "left"},
		{"failed", 0, 0, "failed"},
		{"", 0, 0, ""},
	} {
		if got := LostWords(c.how, c.status, c.signal); got != c.want {
			t.Errorf("LostWords(%q, %d, %d) = %q, want %q", c.how, c.status, c.signal, got, c.want)
		}
	}
}
