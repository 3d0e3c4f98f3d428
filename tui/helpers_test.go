package tui

import (
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
)

// asciiRenderer renders without colour, as under NO_COLOR, so that views
// compare as plain text.
func asciiRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return r
}

// newTestModel returns a model of the real catalogue at size w x h.
func newTestModel(t testing.TB, w, h int) Model {
	t.Helper()
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC})
	return update(m, tea.WindowSizeMsg{Width: w, Height: h})
}

// update applies one message and drops the command.
func update(m Model, msg tea.Msg) Model {
	mm, _ := m.Update(msg)
	return mm.(Model)
}

// keyMsg turns a key name as bubbletea prints it into a key message.
func keyMsg(k string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "ctrl+c": tea.KeyCtrlC, "ctrl+u": tea.KeyCtrlU, " ": tea.KeySpace,
	}
	if t, ok := named[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// press sends keys one by one, dropping commands.
func press(m Model, keys ...string) Model {
	for _, k := range keys {
		m = update(m, keyMsg(k))
	}
	return m
}

// screen is the view as plain text.
func screen(m Model) string { return ansi.Strip(m.View()) }

// drive runs cmd and the commands that follow from it, feeding their
// messages to the model, until stop accepts a message it has applied. It
// fails the test if that takes longer than measuretest.Patience: the engine
// is real, so the wait is for a condition, never a fixed time.
func drive(t *testing.T, m Model, cmd tea.Cmd, stop func(Model, tea.Msg) bool) Model {
	t.Helper()
	msgs := make(chan tea.Msg, 64)
	spawn := func(c tea.Cmd) {
		if c != nil {
			go func() { msgs <- c() }()
		}
	}
	spawn(cmd)
	deadline := time.After(measuretest.Patience)
	for {
		select {
		case msg := <-msgs:
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					spawn(c)
				}
				continue
			}
			if msg == nil {
				continue
			}
			mm, next := m.Update(msg)
			m = mm.(Model)
			if stop(m, msg) {
				return m
			}
			spawn(next)
		case <-deadline:
			t.Fatalf("the run did not reach the expected state; screen:\n%s", screen(m))
		}
	}
}

// checkFits fails if the view has more lines than h or a line wider than w.
func checkFits(t *testing.T, name, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if view != "" && len(lines) > h {
		t.Errorf("%s at %dx%d: %d lines", name, w, h, len(lines))
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%s at %dx%d: line %d is %d wide: %q", name, w, h, i, lw, ansi.Strip(l))
		}
	}
}

func ptr(x float64) *float64 { return &x }

// fakeReport is a fixed report of three strategies: a baseline, one faster
// and one inconclusive, with warnings and spectra.
func fakeReport() *measure.Report {
	spectrum := func(scale float64) []measure.SpectrumPoint {
		var sp []measure.SpectrumPoint
		for i, p := range measure.SpectrumPercentiles {
			sp = append(sp, measure.SpectrumPoint{Percentile: p, Ns: int64(scale * float64(10+i*i))})
		}
		return sp
	}
	return &measure.Report{
		Schema: measure.Schema, Lab: "data-structures", Workload: "membership",
		Params: map[string]any{"n": 10000, "hit_ratio": 0.5},
		Reps:   10, RepDurationNs: int64(100 * time.Millisecond), Workers: 1,
		Overhead:  measure.Overhead{PerOp: 41, Batched: 0.2},
		ElapsedNs: int64(3500 * time.Millisecond),
		Strategies: []*measure.Result{
			{
				Name: "slice", Baseline: true, Ops: 400000,
				NsPerOp:    measure.Summary{Median: 2500, Lo: 2480, Hi: 2530},
				Throughput: 400000, P50Ns: 2490, P99Ns: 3100, MaxNs: 90000,
				AllocsPerOp: ptr(0), BytesPerOp: ptr(0),
				Spectrum: spectrum(100),
				Warnings: []string{"noisy: ns/op varies 12% between repetitions (CV > 10%)"},
			},
			{
				Name: "map", Ops: 60000000,
				NsPerOp:    measure.Summary{Median: 16.6, Lo: 16.4, Hi: 16.9},
				Throughput: 60e6, P50Ns: 16, P99Ns: 30, MaxNs: 4000,
				AllocsPerOp: ptr(0), BytesPerOp: ptr(0),
				Spectrum: spectrum(1),
				Warnings: []string{"timed in batches of 886: percentiles are of batch means, not single operations"},
				VsBaseline: &measure.Comparison{Speedup: 150.2, SpeedupLo: 148, SpeedupHi: 152.9,
					P: 0.0002, N: [2]int{10, 10}, Verdict: measure.Faster, Delta: "-99.34%"},
			},
			{
				Name: "binary", Ops: 30000000,
				NsPerOp:    measure.Summary{Median: 33, Lo: 20, Hi: 60},
				Throughput: 30e6, P50Ns: 31, P99Ns: 70, MaxNs: 9000,
				AllocsPerOp: ptr(0), BytesPerOp: ptr(0),
				Spectrum: spectrum(2),
				VsBaseline: &measure.Comparison{Speedup: 75, SpeedupLo: 41, SpeedupHi: 126,
					P: 0.3, N: [2]int{10, 10}, Verdict: measure.Inconclusive, Delta: "~",
					Reason: "too noisy to tell: the median's interval is ±60% wide"},
			},
		},
		Warnings: []string{},
	}
}

// Window sizes the TUI is made for.
var (
	tea80x24  = tea.WindowSizeMsg{Width: 80, Height: 24}
	tea160x48 = tea.WindowSizeMsg{Width: 160, Height: 48}
)

func ansiStrip(s string) string { return ansi.Strip(s) }
