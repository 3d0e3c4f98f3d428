package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

func TestHomeNavigation(t *testing.T) {
	m := newTestModel(t, 100, 30)
	if got := screen(m); !strings.Contains(got, "1. measure") || !strings.Contains(got, "7. machines") {
		t.Fatalf("home does not list the labs in order:\n%s", got)
	}
	m = press(m, "down", "down", "up")
	if m.home.cursor != 1 {
		t.Errorf("after down, down, up the cursor is on %d, want 1", m.home.cursor)
	}
	m = press(m, "7")
	if m.home.cursor != 6 {
		t.Errorf("after 7 the cursor is on %d, want 6", m.home.cursor)
	}
	// Lab 2 is built; find a lab that is not, if the catalogue still has one.
	for i, l := range m.home.labs {
		if l.Runnable() {
			continue
		}
		m.home.cursor = i
		m = press(m, "enter")
		if m.state != stateHome {
			t.Fatalf("enter on %s, not built yet, left the home screen", l.ID)
		}
		if got := screen(m); !strings.Contains(got, "is not built yet") {
			t.Errorf("enter on %s does not say it is not built yet:\n%s", l.ID, got)
		}
		break
	}
	m = press(m, "2", "enter")
	if m.state != stateSetup || m.setup.lab.ID != "data-structures" {
		t.Fatalf("enter on lab 2 shows state %d lab %v, want the set-up of data-structures", m.state, m.setup.lab)
	}
	m = press(m, "esc")
	if m.state != stateHome {
		t.Errorf("esc in the set-up shows state %d, want home", m.state)
	}
}

// setupOf opens the set-up of data-structures/membership.
func setupOf(t *testing.T, w, h int) Model {
	t.Helper()
	m := press(newTestModel(t, w, h), "2", "enter")
	if m.state != stateSetup {
		t.Fatal("could not open the set-up of lab 2")
	}
	return m
}

// focusField moves the cursor to the field named name.
func focusField(t *testing.T, m Model, name string) Model {
	t.Helper()
	for i, f := range m.setup.fields {
		if f.name == name {
			m.setup.setFocus(i)
			return m
		}
	}
	t.Fatalf("no field %q", name)
	return m
}

// typeInto replaces the value of field name with value, key by key.
func typeInto(t *testing.T, m Model, name, value string) Model {
	t.Helper()
	m = focusField(t, m, name)
	m = press(m, "ctrl+u")
	for _, r := range value {
		m = press(m, string(r))
	}
	return m
}

func TestSetupValidation(t *testing.T) {
	tests := []struct {
		field, value, want string
	}{
		{"n", "20000000", "✗ n must be at most 10000000"},
		{"n", "many", "✗ n must be a whole number"},
		{"hit_ratio", "1.5", "✗ hit_ratio must be at most 1"},
		{"repetitions", "-3", "✗ repetitions must be 0 (until decided) or a whole number from 1"},
		{"duration", "fast", "✗ duration must be such as 100ms"},
		{"sweep", "zz=1,2", `✗ workload membership has no parameter "zz" to sweep`},
		{"sweep", "n=16", "✗ a sweep of n needs at least 2 values"},
		{"sweep", "n=16,0", "✗ sweep: n must be at least 1"},
		{"sweep", "n=16,,32", `✗ sweep n has an empty value in "16,,32"`},
		{"sweep", "n", "✗ sweep wants name=v1,v2,..."},
		{"repetitions", "5000", "✗ repetitions must be between 1 and 1000"},
		{"duration", "-1s", "✗ duration must be positive"},
		{"n", "99999999999999999999", "✗ n must be at most 10000000, got 99999999999999999999"},
		{"arrival rate", "-5", "✗ rate must be between 0 (closed loop) and 1e+09 operations a second, got -5"},
		{"workers", "5000", "✗ workers must be a whole number from 0 to 1024"},
		{"operations", "99999999999999999999", "✗ operations must be at most 9223372036854775807"},
	}
	for _, tt := range tests {
		t.Run(tt.field+"="+tt.value, func(t *testing.T) {
			m := typeInto(t, setupOf(t, 140, 30), tt.field, tt.value)
			m = focusField(t, m, "workload") // the note shows beside an unfocused field too
			if got := screen(m); !strings.Contains(got, tt.want) {
				t.Fatalf("set-up does not show %q beside the field:\n%s", tt.want, got)
			}
			m = press(m, "enter")
			if m.state != stateSetup || m.active != nil {
				t.Fatalf("an invalid %s started a run", tt.field)
			}
			if got := screen(m); !strings.Contains(got, "✗ fix "+tt.field) {
				t.Errorf("start with an invalid %s does not say to fix it:\n%s", tt.field, got)
			}
			if f := m.setup.fields[m.setup.focus]; f.name != tt.field {
				t.Errorf("the cursor is on %s, want it moved to the bad field %s", f.name, tt.field)
			}
		})
	}
}

func TestSetupStrategies(t *testing.T) {
	m := setupOf(t, 140, 30)
	if got := screen(m); !strings.Contains(got, "compare slice (baseline) vs map, binary") {
		t.Fatalf("the default comparison is not every strategy:\n%s", got)
	}
	// Drop slice: map becomes the baseline. Add map again: an A/A pair.
	m = focusField(t, m, "slice")
	m = press(m, " ")
	m = focusField(t, m, "map")
	m = press(m, "+")
	if got := screen(m); !strings.Contains(got, "compare map (baseline) vs binary, map#2") {
		t.Fatalf("after dropping slice and adding map again:\n%s", got)
	}
	spec, err := m.setup.spec()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(spec.Strategies, ","), "map,binary,map"; got != want {
		t.Errorf("spec strategies %s, want %s", got, want)
	}
	// Drop every strategy: nothing can start.
	m = press(m, " ")
	m = focusField(t, m, "binary")
	m = press(m, " ", "enter")
	if m.state != stateSetup || !strings.Contains(screen(m), "choose at least one strategy") {
		t.Errorf("a set-up with no strategy started or said nothing:\n%s", screen(m))
	}
}

func TestSetupSpec(t *testing.T) {
	m := typeInto(t, setupOf(t, 140, 30), "hit_ratio", "0.9")
	m = typeInto(t, m, "repetitions", "6")
	m = typeInto(t, m, "duration", "20ms")
	m = typeInto(t, m, "sweep", "n=16, 256,4096")
	spec, err := m.setup.spec()
	if err != nil {
		t.Fatal(err)
	}
	if spec.Path != "data-structures/membership" || spec.Params["hit_ratio"] != "0.9" ||
		spec.Config.Reps != 6 || spec.Config.RepDuration != 20*time.Millisecond {
		t.Errorf("spec = %+v", spec)
	}
	if spec.Sweep == nil || spec.Sweep.Param != "n" || strings.Join(spec.Sweep.Values, ",") != "16,256,4096" {
		t.Errorf("sweep = %+v, want n over 16,256,4096", spec.Sweep)
	}
	if _, ok := spec.Params["n"]; ok {
		t.Error("the swept parameter is also set on its own")
	}
	if _, err := spec.Plan(); err != nil {
		t.Errorf("the set-up's spec does not plan: %v", err)
	}
}

// runningModel returns a model whose active run has the given ID, showing
// the run view of a plan that was never started.
func runningModel(t testing.TB, id int) Model {
	t.Helper()
	m := newTestModel(t, 100, 30)
	spec := labs.Spec{Path: "data-structures/membership", Config: measure.Config{Reps: 6}}
	plan, err := spec.Plan()
	if err != nil {
		t.Fatal(err)
	}
	m.nextID = id
	m.active = &activeRun{id: id, cancel: func() {}, ended: make(chan struct{}), by: stateSetup, spec: spec, workload: plan.Workload}
	m.run = newRunModel(m.common, spec, plan)
	m.resize()
	m.state = stateRun
	return m
}

func TestOldRunMessagesAreDropped(t *testing.T) {
	m := runningModel(t, 2)
	old := measure.Snapshot{Seq: 7, Reps: 6, Subjects: []measure.SubjectSnapshot{{Name: "stale", Ops: 99}}}
	for _, msg := range []tea.Msg{
		snapshotMsg{id: 1, snap: old},
		frameMsg{id: 1},
		snapshotsClosedMsg{id: 1},
		reportMsg{id: 1, report: fakeReport()},
	} {
		mm, cmd := m.Update(msg)
		m = mm.(Model)
		if cmd != nil {
			t.Errorf("%T of an old run returned a command", msg)
		}
	}
	if m.state != stateRun || m.run.have || m.active == nil {
		t.Fatalf("messages of run 1 changed run 2: state %d, snapshot %v", m.state, m.run.have)
	}
	cur := measure.Snapshot{Seq: 1, Reps: 6, Subjects: []measure.SubjectSnapshot{{Name: "slice", Ops: 5}}}
	m = update(m, snapshotMsg{id: 2, snap: cur})
	if !m.run.have || m.run.snap.Seq != 1 {
		t.Errorf("the current run's snapshot was not applied")
	}
	m = update(m, reportMsg{id: 2, report: fakeReport()})
	if m.state != stateResults || m.active != nil {
		t.Errorf("the current run's report did not show the results (state %d)", m.state)
	}
}

func TestCancelKeepsPartialResults(t *testing.T) {
	measuretest.NoLeaks(t)
	m := setupOf(t, 100, 30)
	m = typeInto(t, m, "n", "1000")
	// Long enough that the run cannot end by itself before esc.
	m = typeInto(t, m, "repetitions", "1000")
	m = typeInto(t, m, "duration", "1s")
	mm, cmd := m.Update(keyMsg("enter"))
	m = mm.(Model)
	if m.state != stateRun || m.active == nil {
		t.Fatalf("enter did not start a run:\n%s", screen(m))
	}
	m = drive(t, m, cmd, func(m Model, msg tea.Msg) bool {
		s, ok := msg.(snapshotMsg)
		return ok && s.snap.Subjects[0].Ops > 0
	})
	if got := screen(m); !strings.Contains(got, "rep 1/1000") && !strings.Contains(got, "warm-up") {
		t.Errorf("the run view does not show the repetition under way:\n%s", got)
	}
	ended := m.active.ended
	mm, _ = m.Update(keyMsg("esc"))
	m = mm.(Model)
	if got := screen(m); !strings.Contains(got, "cancelling") {
		t.Errorf("esc does not say the run is cancelling:\n%s", got)
	}
	m = drive(t, m, waitForSnapshot(m.active.id, m.active.run), func(m Model, msg tea.Msg) bool {
		_, ok := msg.(reportMsg)
		return ok
	})
	if m.state != stateResults || !m.results.report.Cancelled {
		t.Fatalf("after cancel: state %d, want results marked cancelled", m.state)
	}
	select {
	case <-ended:
	default:
		t.Error("the results show while the cancelled run still holds what it started")
	}
	got := screen(m)
	for _, want := range []string{"cancelled after", "partial results", "slice", "vs baseline"} {
		if !strings.Contains(got, want) {
			t.Errorf("results of a cancelled run lack %q:\n%s", want, got)
		}
	}
}

func TestQuitDuringRunWaitsForTheRun(t *testing.T) {
	m := runningModel(t, 1)
	cancelled := false
	m.active.cancel = func() { cancelled = true }
	mm, cmd := m.Update(keyMsg("q"))
	m = mm.(Model)
	if !cancelled || !m.active.quit || cmd != nil {
		t.Fatalf("q during a run: cancelled %v quitting %v cmd %v; want the run cancelled and the quit deferred", cancelled, m.active.quit, cmd)
	}
	_, cmd = m.Update(reportMsg{id: 1, report: fakeReport()})
	if cmd == nil {
		t.Fatal("the run's report did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("the run's report after q returned a command other than quit")
	}
}

// TestCtrlCCancelsFirstThenQuits presses ctrl+c during a run: the first
// cancels it as esc does and the partial results show; a second, while it
// stops or on those results, quits.
func TestCtrlCCancelsFirstThenQuits(t *testing.T) {
	m := runningModel(t, 1)
	cancelled := false
	m.active.cancel = func() { cancelled = true }
	mm, cmd := m.Update(keyMsg("ctrl+c"))
	m = mm.(Model)
	if !cancelled || m.active.quit || cmd != nil {
		t.Fatalf("first ctrl+c during a run: cancelled %v quitting %v cmd %v; want the run cancelled and no quit", cancelled, m.active.quit, cmd)
	}
	if got := screen(m); !strings.Contains(got, "cancelling") {
		t.Errorf("the first ctrl+c does not say the run is cancelling:\n%s", got)
	}
	partial := fakeReport()
	partial.Cancelled = true
	shown := update(m, reportMsg{id: 1, report: partial})
	if shown.state != stateResults || !strings.Contains(screen(shown), "partial results") {
		t.Errorf("after ctrl+c the partial results do not show:\n%s", screen(shown))
	}
	for name, mm := range map[string]Model{"while the run stops": m, "on the partial results": shown} {
		_, cmd := mm.Update(keyMsg("ctrl+c"))
		if cmd == nil {
			t.Fatalf("a second ctrl+c %s does nothing", name)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("a second ctrl+c %s does not quit", name)
		}
	}
}

func TestResultsKeys(t *testing.T) {
	m := runningModel(t, 1)
	m = update(m, reportMsg{id: 1, report: fakeReport()})
	got := screen(m)
	for _, want := range []string{"150x faster ± 2.45", "? inconclusive", "p=0.0002", "n=10+10", "baseline", "percentile spectrum"} {
		if !strings.Contains(got, want) {
			t.Errorf("results lack %q:\n%s", want, got)
		}
	}
	if m = press(m, "s"); m.state != stateSetup {
		t.Errorf("s in the results shows state %d, want the set-up", m.state)
	}
	m = update(m, reportMsg{id: 1, report: fakeReport()})
	m.state = stateResults
	mm, cmd := m.Update(keyMsg("r"))
	m = mm.(Model)
	if m.state != stateRun || m.active == nil || m.active.id != 2 || cmd == nil {
		t.Fatalf("r in the results did not start run 2 (state %d)", m.state)
	}
	m.active.cancel()
}

func TestEverySizeFits(t *testing.T) {
	sizes := [][2]int{{0, 0}, {1, 1}, {20, 5}, {59, 17}, {60, 18}, {80, 24}, {100, 30}, {160, 48}, {400, 120}}
	snap := syntheticSnapshot(3, 200)
	for _, sz := range sizes {
		w, h := sz[0], sz[1]
		m := newTestModel(t, w, h)
		checkFits(t, "home", m.View(), w, h)
		m = press(m, "2", "enter")
		checkFits(t, "setup", m.View(), w, h)
		m = runningModel(t, 1)
		m = update(m, tea.WindowSizeMsg{Width: w, Height: h})
		checkFits(t, "run before a snapshot", m.View(), w, h)
		for range liveViews {
			m = update(m, snapshotMsg{id: 1, snap: snap})
			checkFits(t, "run "+liveViews[m.run.graph].String(), m.View(), w, h)
			m = press(m, "v")
		}
		m = update(m, reportMsg{id: 1, report: fakeReport()})
		checkFits(t, "results", m.View(), w, h)
		if w < minWidth || h < minHeight {
			if w > 30 && h > 1 && !strings.Contains(screen(m), "terminal too small") {
				t.Errorf("at %dx%d the view does not say the terminal is too small", w, h)
			}
		}
	}
}

func TestNoColorHasNoEscapes(t *testing.T) {
	m := runningModel(t, 1)
	m = update(m, snapshotMsg{id: 1, snap: syntheticSnapshot(3, 50)})
	if v := m.View(); strings.Contains(v, "\x1b[") {
		t.Errorf("the run view without colour has escape codes:\n%q", v)
	}
	m = update(m, reportMsg{id: 1, report: fakeReport()})
	v := m.View()
	if strings.Contains(v, "\x1b[") {
		t.Errorf("the results without colour have escape codes:\n%q", v)
	}
	if !strings.Contains(v, "map (+)") {
		t.Errorf("without colour the strategies do not name their glyphs:\n%s", v)
	}
}

// TestFullHelpOffersTheShortOne: ? shows every key, and then says it goes
// back to fewer.
func TestFullHelpOffersTheShortOne(t *testing.T) {
	m := newTestModel(t, 100, 30)
	if s := screen(m); !strings.Contains(s, "? more keys") {
		t.Fatalf("the short help does not offer more keys:\n%s", s)
	}
	m = press(m, "?")
	if s := screen(m); !strings.Contains(s, "fewer keys") || strings.Contains(s, "more keys") {
		t.Errorf("the full help:\n%s", s)
	}
	if s := screen(press(m, "?")); !strings.Contains(s, "? more keys") {
		t.Errorf("back to the short help:\n%s", s)
	}
}
