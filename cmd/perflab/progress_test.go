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
		if got := progressLine(tt.s, tt.s.Estimate); got != tt.want {
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

// TestProgressLineSettlesTheEstimate follows a run whose estimated total
// swings as the walkthrough saw (2.2 s, 3.8 s, 0.85 s within 0.6 s): the
// time left the line shows only counts down, and follows an estimate that
// lasts.
func TestProgressLineSettlesTheEstimate(t *testing.T) {
	estimates := []time.Duration{2190, 3820, 850, 2300, 2400, 2250, 2200, 2150, 2100, 2050}
	snaps := make(chan measure.Snapshot, len(estimates))
	for i, e := range estimates {
		snaps <- measure.Snapshot{Seq: i + 1, Rep: i + 1, Reps: 10, Elapsed: time.Duration(i+1) * 100 * time.Millisecond,
			Estimate: e * time.Millisecond, Subjects: []measure.SubjectSnapshot{{Name: "a"}}}
	}
	close(snaps)
	var w bytes.Buffer
	followRun(snaps, &w, true)
	var lefts []time.Duration
	for _, line := range strings.Split(w.String(), "\r\033[K") {
		f := strings.Fields(line)
		if len(f) < 2 || f[len(f)-1] != "left" {
			continue
		}
		d, err := time.ParseDuration(f[len(f)-2])
		if err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		lefts = append(lefts, d)
	}
	if len(lefts) != len(estimates) {
		t.Fatalf("%d lines with a time left, want %d:\n%q", len(lefts), len(estimates), w.String())
	}
	for i := 1; i < len(lefts); i++ {
		if lefts[i] > lefts[i-1] {
			t.Errorf("the time left went up from %v to %v at line %d: %v", lefts[i-1], lefts[i], i+1, lefts)
		}
	}
	if lefts[1] != 2*time.Second || lefts[2] != 1900*time.Millisecond {
		t.Errorf("the swing to 3.8 s and 0.85 s moved the time left: %v", lefts)
	}
}
