package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/perflab/perflab/measure/runs"
)

// keptWithUnreadableProfile keeps a run in a runs folder with a folder
// where its first strategy's profile should be, so that reading it back
// fails (runs.Saved.ProfileErr), and returns the folder's entry.
func keptWithUnreadableProfile(t *testing.T, started time.Time) runs.Entry {
	t.Helper()
	store := runs.Store{Dir: t.TempDir()}
	rep := keptReport(started, 8, 1)
	path, err := store.Save(rep, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(runs.ProfileDir(path), rep.Strategies[0].Name+".pprof"), 0o755); err != nil {
		t.Fatal(err)
	}
	entries, _, err := store.List()
	if err != nil || len(entries) != 1 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	if entries[0].ProfileErr == nil {
		t.Fatal("the folder's entry does not say its profile could not be read")
	}
	return entries[0]
}

// TestReplaySaysItsProfilesWereNotRead replays a kept run whose profile
// cannot be read back: its results say so in one line, rather than show a
// run that seems never to have been profiled.
func TestReplaySaysItsProfilesWereNotRead(t *testing.T) {
	e := keptWithUnreadableProfile(t, time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC))
	saved, err := runs.Load(e.Path)
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: goldenCatalogue(), Replay: saved, ReplaySpeed: SpeedAtOnce})
	m = update(m, tea160x48)
	got := screen(m)
	if m.state != stateResults || !strings.Contains(got, "⚠ the run's profiles could not be read back, so the why leaves them out: profile of ") {
		t.Errorf("state %v; the results do not say the profiles were not read:\n%s", m.state, got)
	}
}

// TestSideBySideSaysItsProfilesWereNotRead puts a kept run whose profile
// cannot be read back beside another: the screen says whose.
func TestSideBySideSaysItsProfilesWereNotRead(t *testing.T) {
	day := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	a := keptWithUnreadableProfile(t, day)
	b := runs.Entry{Path: "b.json", Report: keptReport(day.Add(time.Hour), 8, 1)}
	m := newTestModel(t, 160, 48)
	s := newSide(m.common, a, b)
	s.SetSize(160, 40)
	got := ansi.Strip(s.View())
	if !strings.Contains(got, "⚠ A's profiles could not be read back") || strings.Contains(got, "B's profiles") {
		t.Errorf("the side by side does not say A's profiles were not read:\n%s", got)
	}
}
