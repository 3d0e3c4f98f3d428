package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/measure/report"
)

// TestResultsSaveAndExport presses w and e on the results screen: each runs
// a command that writes the report whole into the save folder, and the
// screen says where.
func TestResultsSaveAndExport(t *testing.T) {
	dir := t.TempDir()
	m := runningModel(t, 1)
	m.saveDir = dir
	rep := fakeReport()
	rep.Started = time.Date(2026, 11, 26, 13, 40, 51, 0, time.UTC)
	m = update(m, reportMsg{id: 1, report: rep})
	for key, name := range map[string]string{"w": reportName(rep) + ".json", "e": reportName(rep) + ".md"} {
		mm, cmd := m.Update(keyMsg(key))
		m = mm.(Model)
		if cmd == nil {
			t.Fatalf("%s on the results screen returned no command", key)
		}
		m = update(m, cmd())
		path := filepath.Join(dir, name)
		if m.results.saved.path != path || !strings.Contains(screen(m), "✓ saved "+dir[:20]) {
			t.Errorf("after %s the screen does not say it saved %s:\n%s", key, path, screen(m))
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if key == "w" {
			if _, err := report.ReadJSON(strings.NewReader(string(b))); err != nil {
				t.Errorf("the saved JSON does not read back: %v", err)
			}
		} else if !strings.Contains(string(b), "| strategy |") {
			t.Errorf("the Markdown export has no table:\n%s", b)
		}
	}
	if name := reportName(rep); name != "perflab-data-structures-membership-20261126-134051" {
		t.Errorf("file name %q", name)
	}
}

func TestResultsSaveFailureIsShown(t *testing.T) {
	m := runningModel(t, 1)
	m.saveDir = filepath.Join(t.TempDir(), "missing")
	m = update(m, reportMsg{id: 1, report: fakeReport()})
	mm, cmd := m.Update(keyMsg("w"))
	m = update(mm.(Model), cmd())
	if got := screen(m); !strings.Contains(got, "✗ not saved") {
		t.Errorf("a failed save is not shown:\n%s", got)
	}
}

// TestSaveOfAReplayedRunStaysInTheFolder presses w on the results of a run
// whose workload, as a crafted file says it, climbs out of the folder: the
// file is written inside the save folder all the same.
func TestSaveOfAReplayedRunStaysInTheFolder(t *testing.T) {
	dir := t.TempDir()
	m := runningModel(t, 1)
	m.saveDir = filepath.Join(dir, "save")
	if err := os.Mkdir(m.saveDir, 0o755); err != nil {
		t.Fatal(err)
	}
	rep := fakeReport()
	rep.Workload = "../../escaped"
	m = update(m, reportMsg{id: 1, report: rep})
	mm, cmd := m.Update(keyMsg("w"))
	m = update(mm.(Model), cmd())
	if m.results.saved.err != nil || filepath.Dir(m.results.saved.path) != m.saveDir {
		t.Errorf("saved at %q (%v), want inside %s", m.results.saved.path, m.results.saved.err, m.saveDir)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*escaped*")); len(left) > 0 {
		t.Errorf("a file was written outside the save folder: %v", left)
	}
}
