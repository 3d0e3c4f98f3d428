package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/profile"
	"github.com/perflab/perflab/measure/runs"
)

// profiledResult is the result of the strategy name whose CPU profile, of
// 1000 operations sampled every 10 ms, holds stacks: the profile kept as a
// run keeps it and the summary the why reads.
func profiledResult(t testing.TB, name string, stacks []profile.Stack) *measure.Result {
	t.Helper()
	data, err := profile.Encode(stacks, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	p := &profile.Profile{Name: name, Ops: 1000}
	if err := p.Replace(data); err != nil {
		t.Fatal(err)
	}
	sum := profile.Summarize(p)
	return &measure.Result{Name: name, Profile: &sum, CPUProfile: data}
}

// stringsReport is a string-building run whose call stacks are known:
// concatenation with + (plus) against a strings.Builder (builder), both
// under the engine's worker, with a frame each runs alone, one both run as
// much (the preemption), and one the builder runs more (the recorder).
func stringsReport(t testing.TB) *measure.Report {
	t.Helper()
	goexit := profile.Place{Func: "runtime.goexit"}
	worker := profile.Place{Func: "github.com/perflab/perflab/measure.(*subjectState).worker"}
	preempt := profile.Place{Func: "runtime.asyncPreempt"}
	record := profile.Place{Func: "github.com/perflab/perflab/measure.(*Recorder).Record"}
	plus := profile.Place{Func: "github.com/perflab/perflab/labs/datastructures.plus"}
	concat := profile.Place{Func: "runtime.concatstrings"}
	malloc := profile.Place{Func: "runtime.mallocgc"}
	memmove := profile.Place{Func: "runtime.memmove"}
	builder := profile.Place{Func: "github.com/perflab/perflab/labs/datastructures.builder"}
	write := profile.Place{Func: "strings.(*Builder).WriteString"}
	grow := profile.Place{Func: "strings.(*Builder).grow"}
	stack := func(n int64, frames ...profile.Place) profile.Stack {
		return profile.Stack{Frames: frames, Count: n}
	}
	a := []profile.Stack{
		stack(40, malloc, concat, plus, worker, goexit),
		stack(30, memmove, concat, plus, worker, goexit),
		stack(10, plus, worker, goexit),
		stack(4, preempt, worker, goexit),
		stack(2, record, worker, goexit),
	}
	b := []profile.Stack{
		stack(15, memmove, write, builder, worker, goexit),
		stack(10, malloc, grow, builder, worker, goexit),
		stack(5, builder, worker, goexit),
		stack(4, preempt, worker, goexit),
		stack(12, record, worker, goexit),
	}
	rep := &measure.Report{Lab: "data-structures", Workload: "strings", ProfileNs: 2e9,
		Strategies: []*measure.Result{profiledResult(t, "plus", a), profiledResult(t, "builder", b)}}
	rep.Strategies[0].Baseline = true
	return rep
}

func TestGoldenWhyIcicle(t *testing.T) {
	rep := stringsReport(t)
	goldenView(t, "icicle", func(st *Styles, w, h int) string {
		return whyScreen(st, rep, newWhyTrees(rep), whyIcicle, 0, 1, w, h)
	})
}

func TestGoldenWhyDifference(t *testing.T) {
	rep := stringsReport(t)
	goldenView(t, "difference", func(st *Styles, w, h int) string {
		return whyScreen(st, rep, newWhyTrees(rep), whyDifference, 0, 1, w, h)
	})
}

// TestIcicleIsAsWideAsTheTime checks that the icicle starts below the
// frames every sample runs under and gives each frame its share of the
// width: the builder's WriteString is 15 of 46 samples, 52 of 160 cells.
func TestIcicleIsAsWideAsTheTime(t *testing.T) {
	st := NewStyles(asciiRenderer())
	rep := stringsReport(t)
	out := ansi.Strip(whyScreen(st, rep, newWhyTrees(rep), whyIcicle, 0, 1, 160, 48))
	lines := strings.Split(out, "\n")
	if !strings.Contains(lines[2], "under runtime.goexit") || strings.Contains(lines[2], "all ›") {
		t.Errorf("the icicle does not name the frames it starts under:\n%s", out)
	}
	if !strings.HasPrefix(lines[3], flameEdge+"measure.(*subjectState).worker") || strings.Contains(out, "plus") {
		t.Errorf("the icicle of the builder does not start at the worker, or shows the baseline's frames:\n%s", out)
	}
	var write string
	for _, l := range lines {
		if strings.Contains(l, "WriteString") {
			write = l
		}
	}
	blocks := strings.Split(write, flameEdge)
	var cells int
	for _, b := range blocks {
		if strings.HasPrefix(b, "strings.(*Builder).WriteString") {
			cells = len([]rune(b)) + 1
		}
	}
	if want := 160 * 15 / 46; cells < want-1 || cells > want+1 {
		t.Errorf("WriteString takes %d cells, want about %d:\n%s", cells, want, out)
	}
}

// TestDifferenceMarksEachKind checks that the difference graph tells what
// became of each frame by its glyph: the builder no longer runs plus, runs
// builder anew, the preemption as much and the recorder more.
func TestDifferenceMarksEachKind(t *testing.T) {
	st := NewStyles(asciiRenderer())
	rep := stringsReport(t)
	out := ansi.Strip(whyScreen(st, rep, newWhyTrees(rep), whyDifference, 0, 1, 160, 48))
	for _, want := range []string{
		flameEdge + markLess + "measure.(*subjectState).worker",
		flameEdge + markGone + "datastructures.plus",
		flameEdge + markGone + "runtime.concatstrings",
		flameEdge + markNew + "datastructures.builder",
		flameEdge + markSame + "run",
		flameEdge + markMore + "measure.(*Re",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the difference graph lacks %q:\n%s", want, out)
		}
	}
}

// TestDifferenceMarksByColourToo checks that with colour, what the
// compared strategy saves and what costs it more are drawn unlike.
func TestDifferenceMarksByColourToo(t *testing.T) {
	r := asciiRenderer()
	r.SetColorProfile(termenv.ANSI256)
	st := NewStyles(r)
	gone, _ := diffMark(st, &profile.DiffNode{OnlyA: true})
	added, _ := diffMark(st, &profile.DiffNode{OnlyB: true})
	_, goneStyle := diffMark(st, &profile.DiffNode{OnlyA: true})
	_, newStyle := diffMark(st, &profile.DiffNode{OnlyB: true})
	if gone == added || goneStyle.Render("x") == newStyle.Render("x") {
		t.Errorf("gone and new are drawn alike: %q %q", goneStyle.Render(gone), newStyle.Render(added))
	}
	if lipgloss.Width(goneStyle.Render(gone)) != 1 {
		t.Errorf("a mark takes %d cells, want 1", lipgloss.Width(goneStyle.Render(gone)))
	}
}

func TestWhyGraphsWithoutStacks(t *testing.T) {
	st := NewStyles(asciiRenderer())
	rep := stringsReport(t)
	rep.Strategies[1].CPUProfile = []byte("not a profile")
	out := ansi.Strip(whyScreen(st, rep, newWhyTrees(rep), whyDifference, 0, 1, 80, 24))
	if !strings.Contains(out, "builder's profile cannot be read") {
		t.Errorf("a corrupt profile is not said so:\n%s", out)
	}
	rep.Strategies[1].CPUProfile = nil
	out = ansi.Strip(whyScreen(st, rep, newWhyTrees(rep), whyIcicle, 0, 1, 80, 24))
	if !strings.Contains(out, "builder: no call stacks kept") {
		t.Errorf("a strategy without its stacks is not said so:\n%s", out)
	}
	if out := ansi.Strip(whyScreen(st, rep, nil, whyIcicle, 0, 1, 80, 24)); !strings.Contains(out, "no call stacks") {
		t.Errorf("no trees at all: %q", out)
	}
}

// TestFlameLayoutTiles checks that children tile their parent's cells and
// that a frame too small for a cell is left out.
func TestFlameLayoutTiles(t *testing.T) {
	type n struct {
		size float64
		kids []*n
	}
	root := &n{size: 10, kids: []*n{{size: 5}, {size: 4.9}, {size: 0.01}}}
	rows := flameLayout(root, func(x *n) float64 { return x.size }, func(x *n) []*n { return x.kids }, 20, 5,
		func(*n) flameBlock { return flameBlock{name: "f"} })
	if len(rows) != 2 || len(rows[1]) != 2 {
		t.Fatalf("rows = %+v, want the root and two children", rows)
	}
	if rows[1][0].x != 0 || rows[1][0].w != 10 || rows[1][1].x != 10 || rows[1][1].w != 9 {
		t.Errorf("children at %+v, want 10 cells from 0 and 9 from 10", rows[1])
	}
	if got := drawFlame(rows, 20); lipgloss.Width(strings.Split(got, "\n")[1]) != 20 {
		t.Errorf("a row is not 20 cells: %q", got)
	}
}

// TestResultsCycleTheWhy checks that i moves the results' why from the
// table to the icicle and the difference graph and back, and that the help
// names it.
func TestResultsCycleTheWhy(t *testing.T) {
	m := runningModel(t, 1)
	m = update(m, reportMsg{id: 1, report: stringsReport(t)})
	m = update(m, tea160x48)
	m = press(m, "v")
	if s := screen(m); !strings.Contains(s, "why: table/icicle/difference") {
		t.Errorf("the why's help does not name i:\n%s", s)
	}
	m = press(m, "i")
	if got := pages(m); !strings.Contains(got, "icicle of builder") {
		t.Fatalf("i does not show the icicle:\n%s", got)
	}
	m = press(m, "i")
	if got := pages(m); !strings.Contains(got, "no longer runs it") || !strings.Contains(got, markGone+"datastructures.plus") {
		t.Fatalf("i does not show the difference graph:\n%s", got)
	}
	m = press(m, "i")
	if got := pages(m); !strings.Contains(got, "difference") || strings.Contains(got, "icicle of") {
		t.Errorf("i does not come back to the table:\n%s", got)
	}
}

// BenchmarkWhyGraphs draws the icicle and the difference graph at 160x48,
// of the small known profile and of a large one (some four thousand
// frames); the target is under 5 ms.
func BenchmarkWhyGraphs(b *testing.B) {
	st := NewStyles(asciiRenderer())
	for _, size := range []struct {
		name string
		rep  *measure.Report
	}{{"small", stringsReport(b)}, {"large", largeReport(b)}} {
		trees := newWhyTrees(size.rep)
		for _, mode := range []struct {
			name string
			m    whyMode
		}{{"icicle", whyIcicle}, {"difference", whyDifference}} {
			b.Run(size.name+"/"+mode.name, func(b *testing.B) {
				for b.Loop() {
					_ = whyScreen(st, size.rep, trees, mode.m, 0, 1, 160, 48)
				}
			})
		}
	}
}

// largeReport is two strategies of 500 stacks each, 30 frames deep, whose
// frames branch at every level: a profile larger than a lab's.
func largeReport(b *testing.B) *measure.Report {
	result := func(name string, seed int) *measure.Result {
		var stacks []profile.Stack
		for i := range 500 {
			var frames []profile.Place
			for d := range 30 {
				frames = append(frames, profile.Place{Func: fmt.Sprintf("example.com/pkg.f%d_%d", d, (i*(seed+d))%(d+3))})
			}
			slices.Reverse(frames)
			stacks = append(stacks, profile.Stack{Frames: frames, Count: int64(1 + i%7)})
		}
		return profiledResult(b, name, stacks)
	}
	return &measure.Report{Strategies: []*measure.Result{result("a", 1), result("b", 2)}}
}

// TestKeptRunDrawsItsWhyAgain keeps a run with profiles as the TUI does and
// loads it back: its icicle is drawn from the profiles kept beside it.
func TestKeptRunDrawsItsWhyAgain(t *testing.T) {
	rep := stringsReport(t)
	rep.Schema = measure.Schema
	kept, ok := keepRun(runs.Store{Dir: t.TempDir()}, rep, nil)().(keptMsg)
	if !ok || kept.err != nil {
		t.Fatalf("keep: %+v", kept)
	}
	saved, err := runs.Load(kept.path)
	if err != nil || saved.ProfileErr != nil {
		t.Fatalf("load: %v, %v", err, saved.ProfileErr)
	}
	st := NewStyles(asciiRenderer())
	got := whyScreen(st, saved.Report, newWhyTrees(saved.Report), whyIcicle, 0, 1, 160, 48)
	want := whyScreen(st, rep, newWhyTrees(rep), whyIcicle, 0, 1, 160, 48)
	if got != want {
		t.Errorf("the kept run's icicle:\n%s\nwant:\n%s", got, want)
	}
}

// TestPaintIsTheStyle checks that a paint wraps text as its style renders
// it, with colour and without.
func TestPaintIsTheStyle(t *testing.T) {
	r := asciiRenderer()
	r.SetColorProfile(termenv.ANSI256)
	for _, st := range []*Styles{NewStyles(r), NewStyles(asciiRenderer())} {
		style := st.Verdicts[measure.Faster].Reverse(true)
		p := paintOf(style)
		if got, want := p.open+"▏−name"+p.close, style.Render("▏−name"); got != want {
			t.Errorf("painted %q, want %q", got, want)
		}
	}
}
