package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure/measuretest"
)

// roomFile is a workshop of one short lesson.
const roomFile = `
title = "A rehearsal"
[[lesson]]
run = "data-structures/membership"
strategies = ["slice", "map"]
params = { n = 100 }
reps = 6
question = "Which search wins?"
  [[lesson.choice]]
  winner = "slice"
  [[lesson.choice]]
  winner = "map"
`

func TestWorkshopCheckAndPrint(t *testing.T) {
	out, stderr, code := perflab(t, "workshop", "--check")
	if code != 0 || !strings.Contains(out, "14 lessons, about 90 minutes") || !strings.Contains(out, " 7. machines/queue") {
		t.Fatalf("workshop --check: exit %d\n%s%s", code, out, stderr)
	}
	printed, _, code := perflab(t, "workshop", "--print")
	if code != 0 || !strings.HasPrefix(printed, "# perflab's default workshop") {
		t.Fatalf("workshop --print: exit %d\n%s", code, printed)
	}
	// The printed file is a workshop of its own, the same one.
	again, stderr, code := perflab(t, "workshop", measuretest.WriteTemp(t, "mine.toml", printed), "--check")
	if code != 0 || again != out {
		t.Errorf("the printed workshop checks as\n%s%s\nwant\n%s", again, stderr, out)
	}
}

// TestWorkshopWithoutPython leaves the Python lessons out where there is no
// Python to run them, and says so.
func TestWorkshopWithoutPython(t *testing.T) {
	cmd := exec.Command(binary, "workshop", "--check")
	cmd.Env = append(os.Environ(), "PERFLAB_PYTHON="+filepath.Join(t.TempDir(), "no-python"))
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "7 lessons, about 56 minutes") || !strings.Contains(string(out), "7 Python lessons are left out") {
		t.Errorf("the default workshop without Python: %v\n%s", err, out)
	}
}

func TestWorkshopBadInput(t *testing.T) {
	empty := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"syntax", []string{"workshop", measuretest.WriteTemp(t, "bad.toml", "title = \n"), "--check"}, "bad.toml: line 1:"},
		{"no such lab", []string{"workshop", measuretest.WriteTemp(t, "lab.toml", "[[lesson]]\nrun = \"cooking/eggs\"\n"), "--check"}, `lesson 1 (cooking/eggs): no lab "cooking"`},
		{"missing file", []string{"workshop", filepath.Join(empty, "none.toml")}, "workshop file:"},
		{"two files", []string{"workshop", "a.toml", "b.toml"}, "at most one workshop file"},
		{"speed", []string{"workshop", "--replay", empty, "--speed", "2x"}, "--speed must be 1x, 4x or at-once"},
		{"nothing to replay", []string{"workshop", measuretest.WriteTemp(t, "room.toml", roomFile), "--replay", empty}, "no kept race of lesson 1 (data-structures/membership)"},
		{"no runs folder", []string{"workshop", "--replay", filepath.Join(empty, "none")}, "no such runs folder"},
		{"speed alone", []string{"workshop", "--speed", "1x"}, "--speed is the speed of --replay"},
		{"print and check", []string{"workshop", "--print", "--check"}, "--print writes the default workshop file, alone"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := perflab(t, tc.args...)
			if code != 2 || !strings.Contains(stderr, tc.want) || out != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 2 and %q", code, out, stderr, tc.want)
			}
			if lines := strings.Count(strings.TrimSpace(stderr), "\n") + 1; lines != 1 {
				t.Errorf("the error takes %d lines: %q", lines, stderr)
			}
		})
	}
}

// TestWorkshopRehearsalEndToEnd rehearses a workshop in the real binary, in
// a pseudo-terminal: answer the question, watch the race, read the
// reveal, quit; then replay the kept race in the room, as --replay does.
func TestWorkshopRehearsalEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	room, kept := measuretest.WriteTemp(t, "room.toml", roomFile), t.TempDir()
	play := func(args ...string) string {
		s := startSession(t, binary, 24, 80, append([]string{"workshop", room}, args...)...)
		at := s.term.waitFor(t, 0, "A rehearsal", "1. data-structures/membership")
		s.send(enter)
		at = s.term.waitFor(t, at, "lesson 1 of 1")
		s.send(enter)
		at = s.term.waitFor(t, at, "Which search wins?", "2) map wins")
		s.send("2")
		at = s.term.waitFor(t, at, "the room's answer")
		raced := at
		s.send(enter)
		at = s.term.waitFor(t, at, "The room said 2) map wins", "Why:")
		// Everything drawn since the race began, not a window before
		// the end: a loaded machine reads the screen late, after frames
		// of the reveal (its ticking clock) that push the room's mark out
		// of any fixed window.
		text := s.term.text()[raced:at]
		// The workshop asks before it quits: the room's score would be
		// lost.
		s.send("q")
		s.term.waitFor(t, at, "Quit the workshop?")
		s.quit()
		return text
	}
	if live := play("--runs-dir", kept); !strings.Contains(live, "RIGHT") && !strings.Contains(live, "WRONG") && !strings.Contains(live, "not scored") {
		t.Errorf("the reveal does not mark the room's answer:\n%s", live)
	}
	out, stderr, code := perflab(t, "workshop", room, "--replay", kept, "--check")
	if code != 0 || !strings.Contains(out, "replays") {
		t.Fatalf("the rehearsal's race is not kept: exit %d\n%s%s", code, out, stderr)
	}
	play("--replay", kept, "--speed", "at-once")
}
