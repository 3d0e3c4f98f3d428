package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
	"github.com/perflab/perflab/measure/runs"
)

// craftedRun writes a kept run of own/exec whose first command touches
// touch, as someone might mail one, and returns its path.
func craftedRun(t *testing.T, touch string) string {
	t.Helper()
	rep := &measure.Report{Schema: measure.Schema, Lab: "own", Workload: "exec", Started: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC),
		Params:     map[string]any{"cmd_a": "touch " + touch, "cmd_b": "true"},
		Strategies: []*measure.Result{{Name: "a", Baseline: true}, {Name: "b"}}}
	path, err := runs.Store{Dir: t.TempDir()}.Save(rep, nil)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReplayRaceAgainAsksEndToEnd opens a crafted kept run with perflab
// replay in a terminal and presses r: the command is shown and asked
// about, and after n and q the harmless touch has not happened.
func TestReplayRaceAgainAsksEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	touch := filepath.Join(t.TempDir(), "touched")
	s := startSession(t, binary, 30, 100, "replay", craftedRun(t, touch), "--speed", "at-once", "--no-save")
	at := s.term.waitFor(t, 0, "rerun")
	s.send("r")
	at = s.term.waitFor(t, at, "would run commands from a file", "cmd_a: touch")
	s.send("n")
	s.term.waitFor(t, at, "rerun")
	s.quit()
	if _, err := os.Stat(touch); !os.IsNotExist(err) {
		t.Errorf("the command in the file ran without a yes: %v", err)
	}
}

// TestWorkshopCheckNamesCommands checks a workshop file of own/exec: --check
// names the command the lesson would run, and runs nothing.
func TestWorkshopCheckNamesCommands(t *testing.T) {
	touch := filepath.Join(t.TempDir(), "touched")
	text := "[[lesson]]\nrun = \"own/exec\"\nstrategies = [\"a\", \"b\"]\nparams = { cmd_a = \"touch " + touch + "\", cmd_b = \"true\" }\n"
	file := measuretest.WriteTemp(t, "mailed.toml", text)
	out, stderr, code := perflabWithin(t, "workshop", file, "--check")
	if code != 0 || !strings.Contains(out, "runs cmd_a: touch "+touch) || !strings.Contains(out, "runs cmd_b: true") {
		t.Errorf("workshop --check: exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
	if _, err := os.Stat(touch); !os.IsNotExist(err) {
		t.Errorf("--check ran the command: %v", err)
	}
}
