package tui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/measure/measuretest"
)

const pySorts = `
PARAMS = {"n": 200}

def setup(params):
    return list(range(params["n"], 0, -1))

def bench_sorted(xs):
    """sorted() copies"""
    return sorted(xs)

def bench_inplace(xs):
    ys = list(xs)
    ys.sort()
`

// pyFileSetup opens "your own" at w x h on its Python file workload.
func pyFileSetup(t *testing.T, w, h int) Model {
	t.Helper()
	m := press(ownModel(t, w, h), "8", "enter", "right", "right")
	if !strings.Contains(screen(m), "own/python") {
		t.Fatalf("%dx%d: right twice from own/exec does not show own/python:\n%s", w, h, screen(m))
	}
	return m
}

// typePyFile types path into the file field and waits until the set-up
// has read it.
func typePyFile(t *testing.T, m Model, path string) Model {
	t.Helper()
	m = typeInto(t, m, "file", path[:len(path)-1])
	mm, cmd := m.Update(keyMsg(path[len(path)-1:]))
	return drive(t, mm.(Model), cmd, func(_ Model, msg tea.Msg) bool {
		read, ok := msg.(pyFileReadMsg)
		return ok && read.path == path
	})
}

func TestPyFileBeforeAPathRefusesToStart(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		m := press(pyFileSetup(t, size[0], size[1]), "enter")
		if got := screen(m); m.state != stateSetup || !strings.Contains(got, "type the path of a .py file") || !strings.Contains(got, "nothing yet") {
			t.Errorf("%dx%d: a start with no file does not ask for one:\n%s", size[0], size[1], got)
		}
		checkFits(t, "python file set-up", m.View(), size[0], size[1])
	}
}

func TestPyFileStrategiesAreItsBenches(t *testing.T) {
	measuretest.NoLeaks(t)
	path := measuretest.WriteTemp(t, "sorts.py", pySorts)
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		m := typePyFile(t, pyFileSetup(t, size[0], size[1]), path)
		var got []string
		for _, f := range m.setup.fields {
			if f.kind == fieldStrategy || f.kind == fieldParam {
				got = append(got, f.name)
			}
		}
		if want := "sorted inplace file n"; strings.Join(got, " ") != want {
			t.Errorf("%dx%d: fields %v, want %s", size[0], size[1], got, want)
		}
		if f := m.setup.fields[m.setup.focus]; f.name != "file" {
			t.Errorf("%dx%d: the cursor moved to %s once the file was read; want it left on file", size[0], size[1], f.name)
		}
		if s := screen(m); !strings.Contains(s, "sorted") || strings.Contains(s, "✗") {
			t.Errorf("%dx%d: the set-up does not show the file's strategies cleanly:\n%s", size[0], size[1], s)
		}
		checkFits(t, "python file set-up", m.View(), size[0], size[1])
	}
}

func TestPyFileBadFileIsOneLine(t *testing.T) {
	dir := t.TempDir()
	bad := measuretest.WriteTemp(t, "broken.py", "def bench_x(:\n    pass\n")
	tests := []struct{ path, want string }{
		{filepath.Join(dir, "missing.py"), "no Python file " + filepath.Join(dir, "missing.py")},
		{bad, "SyntaxError: invalid syntax (broken.py, line 1)"},
		{measuretest.WriteTemp(t, "empty.py", "x = 1\n"), "has no bench_* function"},
		{measuretest.WriteTemp(t, "notes.txt", "x"), "is not a .py file"},
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, tt := range tests {
			m := typePyFile(t, pyFileSetup(t, size[0], size[1]), tt.path)
			m = press(m, "enter")
			if m.state != stateSetup || !strings.Contains(m.setup.err, tt.want) || strings.Contains(m.setup.err, "\n") {
				t.Errorf("%dx%d %s: set-up says %q, want one line containing %q", size[0], size[1], filepath.Base(tt.path), m.setup.err, tt.want)
			}
			if n := strategyRows(m); n != 0 {
				t.Errorf("%dx%d %s: %d strategies offered for a file that cannot run", size[0], size[1], filepath.Base(tt.path), n)
			}
			checkFits(t, "python file set-up", m.View(), size[0], size[1])
		}
	}
}

func strategyRows(m Model) int {
	n := 0
	for _, f := range m.setup.fields {
		if f.kind == fieldStrategy {
			n++
		}
	}
	return n
}

// TestPyFileRaces reads a file, then a broken one, then the good one
// again, and races its benches from the set-up to the results.
func TestPyFileRaces(t *testing.T) {
	measuretest.NoLeaks(t)
	good := measuretest.WriteTemp(t, "sorts.py", pySorts)
	m := typePyFile(t, pyFileSetup(t, 160, 48), good)
	m = typePyFile(t, m, measuretest.WriteTemp(t, "broken.py", "def bench_x(:\n"))
	m = typePyFile(t, m, good)
	m = typeInto(t, m, "repetitions", "2")
	m = typeInto(t, m, "duration", "5ms")
	mm, cmd := m.Update(keyMsg("enter"))
	m = drive(t, mm.(Model), cmd, func(m Model, _ tea.Msg) bool { return m.state == stateResults })
	got := screen(m)
	for _, want := range []string{"sorted", "inplace", "gc_per_1k_ops="} {
		if !strings.Contains(got, want) {
			t.Errorf("results lack %q:\n%s", want, got)
		}
	}
}
