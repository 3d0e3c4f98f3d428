package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
)

func TestProgressLineSaysWhereTheRunIs(t *testing.T) {
	sub := measure.SubjectSnapshot{Name: "http://127.0.0.1:8080/", Throughput: 12345.4, Errors: 10036}
	tests := []struct {
		s    measure.Snapshot
		want string
	}{
		{measure.Snapshot{Elapsed: time.Second, Estimate: 4 * time.Second, Rep: 3, Reps: 10, Subjects: []measure.SubjectSnapshot{sub}},
			" 25%  round 3/10  http://127.0.0.1:8080/  12,345/s  10,036 failed  3s left"},
		{measure.Snapshot{Estimate: time.Second, Warmup: true, Subjects: []measure.SubjectSnapshot{{Name: "a"}}},
			"  0%  warm-up  a  1s left"},
		{measure.Snapshot{Elapsed: 2 * time.Second, Estimate: time.Second, Rep: 7, MaxTime: 30 * time.Second,
			Compare: []measure.Comparison{{Decided: true}, {}}, Active: 1, Subjects: []measure.SubjectSnapshot{{Name: "a"}, {Name: "b"}}},
			"100%  round 7, 1 of 2 decided  b  0s left"},
	}
	for _, tt := range tests {
		if got := progressLine(tt.s); got != tt.want {
			t.Errorf("progressLine = %q, want %q", got, tt.want)
		}
	}
}

// TestProgressOnlyOnATerminal follows the same snapshots to a terminal and
// to a pipe: the terminal gets a line redrawn in place and cleared at the
// end, the pipe nothing; both keep the timeline.
func TestProgressOnlyOnATerminal(t *testing.T) {
	for _, tty := range []bool{true, false} {
		snaps := make(chan measure.Snapshot, 3)
		for i := range 3 {
			snaps <- measure.Snapshot{Seq: i + 1, Rep: i, Reps: 2, Estimate: time.Second, Subjects: []measure.SubjectSnapshot{{Name: "a"}}}
		}
		close(snaps)
		var w bytes.Buffer
		tl := followRun(snaps, &w, tty)
		if tl == nil {
			t.Fatal("no timeline")
		}
		out := w.String()
		switch {
		case tty && (strings.Count(out, "\r\033[K") != 4 || !strings.HasSuffix(out, "\r\033[K") || strings.Contains(out, "\n")):
			t.Errorf("terminal got %q, want 3 lines redrawn in place and a clear", out)
		case !tty && out != "":
			t.Errorf("pipe got %q, want nothing", out)
		}
	}
}
