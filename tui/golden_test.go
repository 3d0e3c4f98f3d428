package tui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// The golden files are the screens without colour at the two sizes the
// TUI is made for, 80x24 and 160x48; regenerate them with
// go test ./tui -run Golden -update after a deliberate change.
var goldenSizes = []struct{ w, h int }{{80, 24}, {160, 48}}

// eachGoldenSize runs test once per golden size, as a subtest named after
// it ("80x24"), whose golden file is its own.
func eachGoldenSize(t *testing.T, test func(t *testing.T, w, h int)) {
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) { test(t, sz.w, sz.h) })
	}
}

// goldenCatalogue is a fixed catalogue, so that the golden screens do not
// change whenever a lab of the real one is built or reworded.
func goldenCatalogue() []*lab.Lab {
	noop := func(*lab.Env) (*measure.Subject, error) {
		return &measure.Subject{Loop: func(context.Context, int, int) error { return nil }}, nil
	}
	return []*lab.Lab{
		{
			Number: 1, ID: "measure", Title: "Measure, or you are buying quiet oil",
			Lesson: "Before you believe a speed-up, measure it against the code it replaces, more than once, and ask whether the difference is larger than the noise.",
			Workloads: []*lab.Workload{{
				ID: "sort", Title: "Sort a batch of orders",
				Params: []lab.Param{
					{Name: "n", Kind: lab.Int, Default: "1000", Min: "1", Max: "1000000", Help: "orders in a batch"},
					{Name: "noise", Kind: lab.Float, Default: "0", Min: "0", Max: "1", Help: "share of time lost to background noise"},
				},
				Strategies: []lab.Strategy{
					{ID: "baseline", Title: "sort.Slice", Help: "reflection-based sort", New: noop},
					{ID: "placebo", Title: "sort.Slice again", Help: "the very same code under another name", New: noop},
					{ID: "fix", Title: "slices.SortFunc", Help: "typed sort, no reflection", New: noop},
				},
			}},
		},
		{Number: 2, ID: "data-structures", Title: "Big O stings", Lesson: "The right data structure beats any amount of tuning."},
		{Number: 3, ID: "optimize", Title: "Cheap tactics with big effects: caching first", Lesson: "Cache what is expensive to compute and asked for again."},
	}
}

func newGoldenProgram(t *testing.T, w, h int) *teatest.TestModel {
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: goldenCatalogue()})
	return teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
}

// waitFor waits until the program's output contains s.
func waitFor(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	var out bytes.Buffer
	measuretest.WaitFor(t, "the screen to show "+s, func() bool {
		if _, err := io.Copy(&out, tm.Output()); err != nil {
			t.Fatalf("read the program's output: %v", err)
		}
		return bytes.Contains(out.Bytes(), []byte(s))
	})
}

// finalView quits the program and returns its last screen.
func finalView(t *testing.T, tm *teatest.TestModel) []byte {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	m := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
	return []byte(m.View())
}

// goldenAfter presses keys in tm one after another, waits until the
// screen shows want, and holds the last screen to the test's golden file.
func goldenAfter(t *testing.T, tm *teatest.TestModel, want string, keys ...string) {
	t.Helper()
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
	waitFor(t, tm, want)
	teatest.RequireEqualOutput(t, finalView(t, tm))
}

// goldenView holds the view draw returns at each golden size, in the
// styles without colour, to the test's golden file, once it is checked to
// fit; name says which view in a failure.
func goldenView(t *testing.T, name string, draw func(st *Styles, w, h int) string) {
	t.Helper()
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		out := draw(NewStyles(asciiRenderer()), w, h)
		checkFits(t, name, out, w, h)
		teatest.RequireEqualOutput(t, []byte(out))
	})
}

func TestGoldenHome(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		tm := newGoldenProgram(t, w, h)
		waitFor(t, tm, "3. optimize")
		goldenAfter(t, tm, "The right data structure", "down")
	})
}

func TestGoldenSetup(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		tm := newGoldenProgram(t, w, h)
		waitFor(t, tm, "3. optimize")
		tm.Send(keyMsg("enter"))
		waitFor(t, tm, "compare")
		goldenAfter(t, tm, "n must be at least 1", "down", "down", " ", "down", "+", "down", "ctrl+u", "0")
	})
}

func TestGoldenResults(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		// A model that waits for run 1, which is never started: the
		// fixed report arrives as that run's report.
		m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: goldenCatalogue()})
		m.nextID = 1
		m.active = &activeRun{id: 1, cancel: func() {}, ended: make(chan struct{}), by: stateSetup}
		m.state = stateRun
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
		tm.Send(reportMsg{id: 1, report: fakeReport()})
		waitFor(t, tm, "vs baseline")
		teatest.RequireEqualOutput(t, finalView(t, tm))
	})
}
