package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/runs"
)

// runsFixture is a runs folder of three kept runs, committed so that the
// golden screens show the same paths and times on every machine.
const runsFixture = "testdata/runs"

// keptReport is fakeReport started at started on a machine of cpus CPUs,
// its strategies measured in ten repetitions each, map scale times its
// ns/op in the fake.
func keptReport(started time.Time, cpus int, scale float64) *measure.Report {
	r := fakeReport()
	r.Started = started
	r.Env = &measure.Env{GoVersion: "go1.24.1", GOOS: "linux", GOARCH: "amd64", CPUs: cpus, GOMAXPROCS: cpus}
	for _, s := range r.Strategies {
		ns := s.NsPerOp.Median
		if s.Name == "map" {
			ns *= scale
		}
		for i := range 10 {
			v := ns * (1 + float64(i%5-2)/500)
			s.Reps = append(s.Reps, measure.Rep{Ops: 1000, ElapsedNs: int64(1000 * v), NsPerOp: v})
		}
	}
	return r
}

// writeRunsFixture makes the fixture; TestRunsFixture checks it is what
// this writes.
func writeRunsFixture(dir string) error {
	t0 := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	store := runs.Store{Dir: dir}
	reports := []*measure.Report{keptReport(t0, 8, 1), keptReport(t0.Add(time.Hour), 4, 1.5)}
	other := keptReport(t0.Add(2*time.Hour), 4, 1)
	other.Lab, other.Workload = "optimize", "cache"
	reports = append(reports, other)
	for _, r := range reports {
		if _, err := store.Save(r, nil); err != nil {
			return err
		}
	}
	return nil
}

func TestRunsFixture(t *testing.T) {
	if os.Getenv("UPDATE_RUNS_FIXTURE") != "" {
		os.RemoveAll(runsFixture)
		if err := writeRunsFixture(runsFixture); err != nil {
			t.Fatal(err)
		}
	}
	entries, skipped, err := runs.Store{Dir: runsFixture}.List()
	if err != nil || len(entries) != 3 || len(skipped) != 0 {
		t.Fatalf("fixture: %d runs, skipped %v, %v; want 3 (UPDATE_RUNS_FIXTURE=1 remakes it)", len(entries), skipped, err)
	}
}

// openRuns opens the runs screen of dir and reads it.
func openRuns(t *testing.T, dir string, size tea.WindowSizeMsg) Model {
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: goldenCatalogue(), RunsDir: dir})
	m = update(m, size)
	mm, cmd := m.Update(keyMsg("h"))
	return drive(t, mm.(Model), cmd, func(_ Model, msg tea.Msg) bool { _, ok := msg.(runsLoadedMsg); return ok })
}

func TestRunsScreenListsFiltersAndDeletes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "runs")
	if err := writeRunsFixture(dir); err != nil {
		t.Fatal(err)
	}
	m := openRuns(t, dir, tea160x48)
	s := screen(m)
	first, second := strings.Index(s, "2026-12-01 11:30"), strings.Index(s, "2026-12-01 09:30")
	if first < 0 || second < 0 || first > second {
		t.Fatalf("the runs are not listed newest first:\n%s", s)
	}
	for _, want := range []string{"optimize/cache", "data-structures/membership", "map 150x faster", "linux/amd64, 4 CPUs, go1.24.1", "hit_ratio=0.5 n=10000"} {
		if !strings.Contains(s, want) {
			t.Errorf("runs screen lacks %q:\n%s", want, s)
		}
	}
	m = press(m, "l")
	if s := screen(m); !strings.Contains(s, "lab data-structures") || strings.Contains(s, "optimize/cache") {
		t.Errorf("filtered by data-structures, the screen shows:\n%s", s)
	}
	m = press(m, "l", "l")
	if s := screen(m); !strings.Contains(s, "all labs") {
		t.Errorf("the filter does not come back to all labs:\n%s", s)
	}
	m = press(m, "d", "n")
	if s := screen(m); !strings.Contains(s, "not deleted") || strings.Count(s, "  2026-12-01 ") != 3 {
		t.Errorf("a delete answered no deleted something:\n%s", s)
	}
	m = press(m, "d")
	if s := screen(m); !strings.Contains(s, "delete optimize/cache of 2026-12-01 11:30? y to delete") {
		t.Errorf("delete does not ask first:\n%s", s)
	}
	mm, cmd := m.Update(keyMsg("y"))
	m = drive(t, mm.(Model), cmd, func(_ Model, msg tea.Msg) bool { _, ok := msg.(runsLoadedMsg); return ok })
	if s := screen(m); strings.Contains(s, "optimize/cache") || strings.Count(s, "  2026-12-01 ") != 2 {
		t.Errorf("after the delete:\n%s", s)
	}
	if entries, _, _ := (runs.Store{Dir: dir}).List(); len(entries) != 2 {
		t.Errorf("%d runs left in the folder, want 2", len(entries))
	}
	if m = press(m, "esc"); m.state != stateHome {
		t.Errorf("esc leaves the runs screen for state %v, want home", m.state)
	}
}

func TestSideBySide(t *testing.T) {
	m := openRuns(t, runsFixture, tea160x48)
	m = press(m, "c")
	if s := screen(m); !strings.Contains(s, "mark two runs") || m.state != stateRuns {
		t.Fatalf("side by side with no runs marked:\n%s", s)
	}
	// The two data-structures runs: the second and third listed.
	m = press(m, "down", " ", "down", " ", "c")
	if m.state != stateSide {
		t.Fatalf("state %v after marking two runs, want side by side:\n%s", m.state, screen(m))
	}
	s := screen(m)
	for _, want := range []string{
		"A  2026-12-01 09:30", "B  2026-12-01 10:30",
		"the machines differ: CPUs 8 (GOMAXPROCS 8) → 4 (GOMAXPROCS 4)",
		"B vs A", "1.50x slower", "~ no difference", "A map", "B map",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("side by side lacks %q:\n%s", want, s)
		}
	}
	if m = press(m, "esc"); m.state != stateRuns || !strings.Contains(screen(m), "*") {
		t.Errorf("esc goes to state %v, want the runs screen with its marks:\n%s", m.state, screen(m))
	}
	for _, size := range []tea.WindowSizeMsg{tea80x24, tea160x48} {
		checkFits(t, "side by side", update(press(m, "c"), size).View(), size.Width, size.Height)
	}
}

// TestSideBySideTwoStrategies picks one strategy of each run: of two runs of
// one workload, and of two workloads that cannot be compared whole.
func TestSideBySideTwoStrategies(t *testing.T) {
	m := openRuns(t, runsFixture, tea160x48)
	m = press(m, "down", " ", "down", " ", "c", "a")
	if s := screen(m); !strings.Contains(s, "A's slice against B's slice") || strings.Contains(s, "A map") {
		t.Fatalf("a picks A's first strategy and B's of its name:\n%s", s)
	}
	m = press(m, "b")
	s := screen(m)
	if !strings.Contains(s, "A's slice against B's map") || !strings.Contains(s, "slice → map") || !strings.Contains(s, "faster") {
		t.Errorf("b picks B's next strategy:\n%s", s)
	}
	if len(m.side.diff.Rows) != 1 || m.side.diff.Rows[0].Name != "slice → map" {
		t.Errorf("the pair's diff has rows %+v", m.side.diff.Rows)
	}
	m = press(m, "s")
	if s := screen(m); !strings.Contains(s, "A map") || strings.Contains(s, "A's slice against") {
		t.Errorf("s compares every shared strategy again:\n%s", s)
	}

	// The optimize run and a data-structures run share no workload: the
	// screen says so, and how to compare them anyway.
	m = press(m, "esc", " ", "up", "up", " ", "c")
	if s := screen(m); !strings.Contains(s, "different workloads") || !strings.Contains(s, "a and b pick one strategy") {
		t.Fatalf("two workloads side by side:\n%s", s)
	}
	m = press(m, "a")
	if s := screen(m); m.side.err != nil || !strings.Contains(s, "A's ") || !strings.Contains(s, "B vs A") {
		t.Errorf("a picked pair of two workloads: %v\n%s", m.side.err, s)
	}
	checkFits(t, "side by side, a pair", update(m, tea80x24).View(), 80, 24)
}

func TestRunsScreenWithoutAFolder(t *testing.T) {
	m := newTestModel(t, 80, 24)
	m = press(m, "h")
	if s := screen(m); !strings.Contains(s, "not kept in this session") {
		t.Errorf("runs screen without a runs folder:\n%s", s)
	}
}

// openRunsProgram starts the program on the fixture's runs screen.
func openRunsProgram(t *testing.T, w, h int) *teatest.TestModel {
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: goldenCatalogue(), RunsDir: runsFixture})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	waitFor(t, tm, "3. optimize")
	tm.Send(keyMsg("h"))
	waitFor(t, tm, "optimize/cache")
	return tm
}

func TestGoldenRuns(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		tm := openRunsProgram(t, w, h)
		tm.Send(keyMsg("down"))
		tm.Send(keyMsg(" "))
		waitFor(t, tm, "*")
		teatest.RequireEqualOutput(t, finalView(t, tm))
	})
}

func TestGoldenSideBySide(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		tm := openRunsProgram(t, w, h)
		for _, k := range []string{"down", " ", "down", " ", "c"} {
			tm.Send(keyMsg(k))
		}
		waitFor(t, tm, "B vs A")
		teatest.RequireEqualOutput(t, finalView(t, tm))
	})
}

// TestRunsScreenListsASweepAsASweep keeps a sweep and opens the runs
// screen: the sweep shows its parameter and points, not as a plain run of
// its last point.
func TestRunsScreenListsASweepAsASweep(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "runs")
	sw := keptSweep()
	if _, err := (runs.Store{Dir: dir}).Save(sw.Report, sw.Timeline); err != nil {
		t.Fatal(err)
	}
	m := openRuns(t, dir, tea160x48)
	if s := screen(m); !strings.Contains(s, "sweep n=16,256,4096") || !strings.Contains(s, "at n=4096:") {
		t.Errorf("the runs screen does not list the sweep as one:\n%s", s)
	}
}

// TestEnterOpensTheRun checks that enter on a run, with none marked, opens
// its results at once, and that with two marked it still puts them side by
// side.
func TestEnterOpensTheRun(t *testing.T) {
	m := openRuns(t, runsFixture, tea160x48)
	m = press(m, "enter")
	if m.state == stateReplay {
		m = update(m, replayTickMsg{id: m.replay.id})
	}
	if s := screen(m); m.state != stateResults || !strings.Contains(s, "vs baseline") {
		t.Fatalf("enter with nothing marked: state %v, want the run's results:\n%s", m.state, s)
	}
	m = openRuns(t, runsFixture, tea160x48)
	if m = press(m, "down", " ", "down", " ", "enter"); m.state != stateSide {
		t.Errorf("enter with two marked: state %v, want side by side:\n%s", m.state, screen(m))
	}
}
