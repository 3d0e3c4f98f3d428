package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// TestSetupNotesAreWhole looks at every parameter row of every workload's
// set-up, unfocused, at 160 columns: beside its value a row shows the
// parameter's bounds and its help from the start, never a word cut at its
// first colon ("rate 0 open loop"), and every value starts in one column.
func TestSetupNotesAreWhole(t *testing.T) {
	m := newTestModel(t, 160, 48)
	for _, l := range m.labs {
		if !l.Runnable() {
			continue
		}
		m := press(m, string(rune('0'+l.Number)), "enter")
		for w := range l.Workloads {
			m.setup.selectWorkload(w, m.setup.runValues())
			m.setup.setFocus(0)
			for i, f := range m.setup.fields {
				row := ansi.Strip(m.setup.row(i, f, ""))
				// The cursor and the section take the first cells.
				row = string([]rune(row)[2+sectionWidth:])
				// The name column is as wide for every row, with room
				// for a space after the longest name.
				nw := m.setup.nameWidth()
				if r := []rune(row); !strings.HasPrefix(row, f.name) || len(r) < nw || r[nw-1] != ' ' {
					t.Errorf("%s/%s: row %q does not hold %s in a column of %d", l.ID, l.Workloads[w].ID, row, f.name, nw)
				}
				if f.param == nil {
					continue
				}
				p := f.param
				want := p.Help
				if b := p.Bounds(); b != "" {
					want = b + " " + p.Help
				}
				want = want[:min(len(want), 40)]
				if !strings.Contains(row, want) {
					t.Errorf("%s/%s: the row of %s reads %q, want its bounds and help %q…", l.ID, l.Workloads[w].ID, p.Name, row, want)
				}
			}
		}
	}
}

// TestSetupSaysTheExpectedTime checks the set-up's expected time, and that
// a duration typed as 1h is marked before the run starts.
func TestSetupSaysTheExpectedTime(t *testing.T) {
	m := setupOf(t, 140, 30)
	if got := screen(m); !strings.Contains(got, "expected time at most 30s: rounds of 3 strategies × 10ms until decided, each speedup to ±5% if the budget allows") {
		t.Fatalf("the set-up does not say how long the run takes:\n%s", got)
	}
	m = typeInto(t, m, "duration", "1h")
	if got := screen(m); !strings.Contains(got, "expected time ⚠ at most 3h0m: rounds of 3 strategies × 1h0m0s") {
		t.Errorf("a run of 33 hours is not marked:\n%s", got)
	}
	m = typeInto(t, m, "duration", "x")
	if got := screen(m); strings.Contains(got, "expected time") {
		t.Errorf("an invalid duration still has an expected time:\n%s", got)
	}
}

// TestSetupRunControls sets the arrival rate, the workers and the operation
// bound, as perflab run's --rate, --workers and --ops do.
func TestSetupRunControls(t *testing.T) {
	m := typeInto(t, setupOf(t, 140, 30), "arrival rate", "5000")
	m = typeInto(t, m, "workers", "4")
	m = typeInto(t, m, "operations", "20000")
	spec, err := m.setup.spec()
	if err != nil {
		t.Fatal(err)
	}
	if c := spec.Config; c.Rate != 5000 || c.Workers != 4 || c.RepOps != 20000 || c.RepDuration != measure.DefaultRepDuration {
		t.Errorf("config = %+v, want rate 5000, 4 workers, 20000 operations", c)
	}
	if _, err := spec.Plan(); err != nil {
		t.Errorf("the spec does not plan: %v", err)
	}
	// A workload with a rate parameter of its own sets the engine's from
	// it: the set-up has no second rate field.
	io := press(newTestModel(t, 140, 30), "4", "enter")
	for _, f := range io.setup.fields {
		if f.name == "arrival rate" {
			t.Errorf("threads/io, which has a rate parameter, also has an arrival rate field")
		}
	}
}

// TestSetupHelpFollowsTheFocus checks that ←/→ is offered on the workload
// row, where it works, and ctrl+u on a text field, and that the full help
// lists both.
func TestSetupHelpFollowsTheFocus(t *testing.T) {
	m := setupOf(t, 140, 30)
	short := func(m Model) string { return ansi.Strip(m.help.ShortHelpView(m.setup.Help().ShortHelp())) }
	if got := short(m); !strings.Contains(got, "←/→ change workload") {
		t.Errorf("on the workload row the help does not offer ←/→: %s", got)
	}
	m = focusField(t, m, "n")
	if got := short(m); strings.Contains(got, "←/→") || !strings.Contains(got, "ctrl+u clear field") {
		t.Errorf("on a text field the help reads %q, want ctrl+u and no ←/→", got)
	}
	m = press(m, "?")
	m = focusField(t, m, "slice")
	m = press(m, "?")
	if got := screen(m); !strings.Contains(got, "ctrl+u") || !strings.Contains(got, "←/→") {
		t.Errorf("the full help lacks ctrl+u or ←/→:\n%s", got)
	}
}

// TestSetupCutsLongValuesWithAnEllipsis shows cmd_c of own/exec, whose
// default is longer than its column: unfocused it reads from its start and
// ends in "…"; being edited it shows its end, where the cursor is, with a
// "…" before it. Neither reads as a whole value.
func TestSetupCutsLongValuesWithAnEllipsis(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		m := press(ownModel(t, size[0], size[1]), "8", "enter")
		value := fieldValue(t, m, "cmd_c")
		if len(value) <= inputWidth {
			t.Fatalf("cmd_c's default %q fits its column: the test needs a longer one", value)
		}
		row := rowOf(t, screen(m), "cmd_c")
		if want := value[:inputWidth-1] + "…"; !strings.Contains(row, want) {
			t.Errorf("%dx%d: unfocused cmd_c reads %q, want it to hold %q", size[0], size[1], row, want)
		}
		m = focusField(t, m, "cmd_c")
		row = rowOf(t, screen(m), "cmd_c")
		tail := value[len(value)-(inputWidth-4):]
		if !strings.Contains(row, "…") || !strings.Contains(row, tail) {
			t.Errorf("%dx%d: edited cmd_c reads %q, want a … and its end %q", size[0], size[1], row, tail)
		}
		m = press(m, "home")
		row = rowOf(t, screen(m), "cmd_c")
		head := value[:inputWidth-4]
		if i := strings.Index(row, head); i < 0 || !strings.Contains(row[i:], "…") {
			t.Errorf("%dx%d: cmd_c edited at its start reads %q, want its start %q and a … after it", size[0], size[1], row, head)
		}
	}
}

// fieldValue returns the value of the set-up field called name.
func fieldValue(t *testing.T, m Model, name string) string {
	t.Helper()
	for _, f := range m.setup.fields {
		if f.name == name {
			return f.input.Value()
		}
	}
	t.Fatalf("no field %s", name)
	return ""
}

// rowOf returns the line of screen that names field.
func rowOf(t *testing.T, screen, field string) string {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, " "+field+" ") {
			return l
		}
	}
	t.Fatalf("no row of %s on:\n%s", field, screen)
	return ""
}

// TestSetupAsksForProfiles checks the set-up's profile toggle: off at
// first, space turns it on in the run's spec, the help names it, a sweep
// with it is refused on its row, and a workload whose strategies run in
// processes of their own does not offer it.
func TestSetupAsksForProfiles(t *testing.T) {
	m := setupOf(t, 160, 48)
	spec, _, err := m.setup.readSpec()
	if err != nil || spec.Config.Profile {
		t.Fatalf("profile before it is asked for: %v, %v", spec.Config.Profile, err)
	}
	m = focusField(t, m, "profile")
	if got := screen(m); !strings.Contains(got, "profile on/off") || !strings.Contains(got, "[ ] off") {
		t.Errorf("the profile row or its help is missing:\n%s", got)
	}
	m = press(m, " ")
	spec, _, err = m.setup.readSpec()
	if err != nil || !spec.Config.Profile {
		t.Fatalf("space did not ask for profiles: %v, %v", spec.Config.Profile, err)
	}
	if got := screen(m); !strings.Contains(got, "[x] on") {
		t.Errorf("the profile row does not say it is on:\n%s", got)
	}
	m = typeInto(t, m, "sweep", "n=16,256")
	if _, bad, err := m.setup.readSpec(); err == nil || m.setup.fields[bad].kind != fieldProfile {
		t.Errorf("a sweep with profiles: field %d, %v; want the profile row's error", bad, err)
	}
	m = press(m, "enter")
	if got := screen(m); !strings.Contains(got, "✗ profiling takes the profiles of one run") {
		t.Errorf("the refused start does not say why:\n%s", got)
	}
}

// TestSetupProfiledRunHasTheWhy runs a short run with profiles asked for
// from the set-up and checks that its results offer the why, drawn from
// call trees of the run's own profiles.
func TestSetupProfiledRunHasTheWhy(t *testing.T) {
	measuretest.NoLeaks(t)
	m := setupOf(t, 160, 48)
	m = typeInto(t, m, "n", "100")
	m = typeInto(t, m, "repetitions", "6")
	m = typeInto(t, m, "duration", "2ms")
	m = focusField(t, m, "profile")
	m = press(m, " ")
	mm, cmd := m.Update(keyMsg("enter"))
	m = mm.(Model)
	if m.state != stateRun {
		t.Fatalf("enter did not start a run:\n%s", screen(m))
	}
	m = drive(t, m, cmd, func(m Model, _ tea.Msg) bool { return m.state == stateResults })
	rep := m.results.report
	for _, s := range rep.Strategies {
		if s.Profile == nil || len(s.CPUProfile) == 0 {
			t.Fatalf("%s has no profile after a run that asked for them", s.Name)
		}
	}
	m = press(m, "v")
	if got := pages(m); !strings.Contains(got, "why it is faster") {
		t.Fatalf("the results of a profiled run do not offer the why:\n%s", got)
	}
	m = press(m, "i")
	if got := pages(m); !strings.Contains(got, "icicle of") || strings.Contains(got, "cannot be read") {
		t.Errorf("the profiled run's icicle:\n%s", got)
	}
}
