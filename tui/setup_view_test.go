package tui

import "testing"

func TestFirstSentence(t *testing.T) {
	for _, tt := range []struct{ help, want string }{
		{"numbers per task: the grain of the work", "numbers per task"},
		{"tasks per job; a job is checked against a sieve", "tasks per job"},
		{"workers (0: one per CPU): how many", "workers (0: one per CPU)"},
		{"http://host:port/path of your own service to load", "http://host:port/path of your own service to load"},
		{"host:port of the embedded server; 0.0.0.0:4222 lets other machines join", "host:port of the embedded server"},
		{"no separator at all", "no separator at all"},
	} {
		if got := firstSentence(tt.help); got != tt.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tt.help, got, tt.want)
		}
	}
}
