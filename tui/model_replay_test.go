package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/runs"
)

// keptRun is keptReport with a timeline of frames snapshots, one every
// 100 ms, in which the three strategies' operations grow round by round.
func keptRun(frames int) *runs.Saved {
	rep := keptReport(time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC), 8, 1)
	tl := &runs.Timeline{}
	var series [3][]measure.Point
	for f := 1; f <= frames; f++ {
		at := time.Duration(f) * 100 * time.Millisecond
		s := measure.Snapshot{Seq: f, Elapsed: at, Estimate: time.Duration(frames) * 100 * time.Millisecond,
			Rep: f * 10 / frames, Reps: 10, Active: f % 3}
		for i, r := range rep.Strategies {
			series[i] = append(series[i], measure.Point{At: at, Ops: int64(f * 100), Throughput: r.Throughput, P50: r.P50Ns, P99: r.P99Ns, Max: r.MaxNs})
			s.Subjects = append(s.Subjects, measure.SubjectSnapshot{Name: r.Name, RepsDone: s.Rep, Ops: int64(f * 1000),
				Throughput: r.Throughput, Latency: measure.Percentiles{Count: int64(f * 1000), P50: r.P50Ns, P99: r.P99Ns, Max: r.MaxNs},
				Spectrum: r.Spectrum, Timeline: append([]measure.Point(nil), series[i]...)})
		}
		tl.Add(s)
	}
	return &runs.Saved{Report: rep, Timeline: tl}
}

func TestReplayDrawsEveryFrameThenTheResults(t *testing.T) {
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: goldenCatalogue(), Replay: keptRun(5), ReplaySpeed: Speed4x})
	m = update(m, tea160x48)
	if m.state != stateReplay || !strings.Contains(screen(m), "replay of data-structures/membership") {
		t.Fatalf("state %v, screen:\n%s", m.state, screen(m))
	}
	if s := screen(m); !strings.Contains(s, "x speed (4x now)") {
		t.Errorf("the replay's help does not say its speed:\n%s", s)
	}
	// A tick of another replay changes nothing.
	if m = update(m, replayTickMsg{id: m.replay.id + 100}); m.replay.frame != 0 {
		t.Fatalf("a stale tick moved the replay to frame %d", m.replay.frame)
	}
	for want := 1; want < 5; want++ {
		m = update(m, replayTickMsg{id: m.replay.id})
		if m.replay.frame != want || m.run.snap.Seq != want+1 {
			t.Fatalf("after %d ticks: frame %d showing snapshot %d", want, m.replay.frame, m.run.snap.Seq)
		}
	}
	if got := len(m.run.snap.Subjects[0].Timeline); got != 5 {
		t.Errorf("the last frame's series has %d points, want 5", got)
	}
	m = update(m, replayTickMsg{id: m.replay.id})
	if s := screen(m); m.state != stateResults || !strings.Contains(s, "vs baseline") {
		t.Errorf("after the last frame, state %v:\n%s", m.state, s)
	}
}

func TestReplaySpeedAndStop(t *testing.T) {
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: goldenCatalogue(), Replay: keptRun(5), ReplaySpeed: Speed1x})
	m = update(m, tea80x24)
	old := m.replay.id
	m = press(m, "x")
	if m.replay.speed != Speed4x || m.replay.id == old {
		t.Fatalf("x: speed %d, id %d (was %d); want 4x and a new id", m.replay.speed, m.replay.id, old)
	}
	if m = update(m, replayTickMsg{id: old}); m.replay.frame != 0 {
		t.Errorf("the tick of the old speed moved the replay")
	}
	m = press(m, "x")
	if m.replay.speed != SpeedAtOnce {
		t.Fatalf("x twice: speed %d, want at once", m.replay.speed)
	}
	if m = update(m, replayTickMsg{id: m.replay.id}); m.state != stateResults {
		t.Errorf("at once: state %v, want the results", m.state)
	}
	m = New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: goldenCatalogue(), Replay: keptRun(5), ReplaySpeed: Speed1x})
	if _, cmd := m.Update(keyMsg("esc")); cmd == nil {
		t.Error("esc in perflab replay does not quit")
	}
}

func TestReplayWithoutTimelineShowsTheResults(t *testing.T) {
	saved := keptRun(1)
	saved.Timeline = nil
	saved.Lab = "measure"
	m := update(New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: goldenCatalogue(), Replay: saved, ReplaySpeed: Speed1x}), tea80x24)
	if m.state != stateResults || !strings.Contains(screen(m), "vs baseline") {
		t.Errorf("a result without a timeline: state %v:\n%s", m.state, screen(m))
	}
	// Its set-up is its lab's.
	if m = press(m, "s"); m.state != stateSetup || m.setup.lab == nil || m.setup.lab.ID != "measure" {
		t.Errorf("s on a replay's results: state %v, want the set-up of measure", m.state)
	}
}

func TestReplayFromTheRunsScreen(t *testing.T) {
	dir := t.TempDir()
	if _, err := (runs.Store{Dir: dir}).Save(keptRun(3).Report, keptRun(3).Timeline); err != nil {
		t.Fatal(err)
	}
	m := openRuns(t, dir, tea80x24)
	m = press(m, "p")
	if m.state != stateReplay || m.replay.by != stateRuns {
		t.Fatalf("p on the runs screen: state %v:\n%s", m.state, screen(m))
	}
	if m = press(m, "esc"); m.state != stateRuns {
		t.Errorf("esc stops the replay for state %v, want the runs screen", m.state)
	}
	// Replayed to the end, its results go back to the runs screen on esc.
	m = press(m, "p")
	for m.state == stateReplay {
		m = update(m, replayTickMsg{id: m.replay.id})
	}
	if s := screen(m); m.state != stateResults || !strings.Contains(s, "esc runs kept") {
		t.Fatalf("the replay's results: state %v:\n%s", m.state, s)
	}
	if m = press(m, "esc"); m.state != stateRuns {
		t.Errorf("esc on a replay's results: state %v, want the runs screen", m.state)
	}
}

func TestGoldenReplay(t *testing.T) {
	goldenView(t, "replay", func(_ *Styles, w, h int) string {
		m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: goldenCatalogue(), Replay: keptRun(8), ReplaySpeed: Speed4x})
		m = update(m, tea.WindowSizeMsg{Width: w, Height: h})
		for range 5 {
			m = update(m, replayTickMsg{id: m.replay.id})
		}
		return m.View()
	})
}

// keptSweep is a kept sweep of n over three points, two frames a point,
// each point's series starting again from its own first point.
func keptSweep() *runs.Saved {
	saved := keptRun(2)
	rep := saved.Report
	var pts []measure.SweepPoint
	for _, n := range []float64{16, 256, 4096} {
		pts = append(pts, measure.SweepPoint{Value: n, Strategies: keptReport(rep.Started, 8, n/16).Strategies})
	}
	rep.Sweep = measure.NewSweep("n", pts)
	tl := &runs.Timeline{}
	for p := range 3 {
		for f := range 2 {
			s := saved.Timeline.Frame(f)
			s.Elapsed += time.Duration(p) * time.Second
			tl.AddAt(p, s)
		}
	}
	saved.Timeline = tl
	return saved
}

// TestReplayOfASweepDrawsItsGrowth replays a sweep point by point: its
// growth curve gains each point as the frames of the next one show, as it
// did live.
func TestReplayOfASweepDrawsItsGrowth(t *testing.T) {
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: goldenCatalogue(), Replay: keptSweep(), ReplaySpeed: Speed1x})
	m = update(m, tea160x48)
	m = press(m, "4")
	if s := screen(m); !strings.Contains(s, "[4 growth curve]") || !strings.Contains(s, "0 of 3 done") {
		t.Fatalf("the replay of a sweep has no growth view waiting for points:\n%s", s)
	}
	for frame := 1; frame < 6; frame++ {
		m = update(m, replayTickMsg{id: m.replay.id})
		if want := frame / 2; m.run.point != want || m.run.growth == nil || len(m.run.growth.Points) != want {
			t.Fatalf("frame %d: point %d with %v finished, want point %d", frame, m.run.point, m.run.growth, want)
		}
	}
	if s := screen(m); !strings.Contains(s, "┤") || strings.Contains(s, "of 3 done") {
		t.Errorf("two points finished and the growth curve is not drawn:\n%s", s)
	}
}

// TestRaceAgainOfAKeptExecRun replays a run of perflab exec, which names
// its strategies by their commands and keeps no parameters, and presses r:
// the commands are shown and asked about, and y races them (it failed with
// "workload exec has no strategy <command>").
func TestRaceAgainOfAKeptExecRun(t *testing.T) {
	touch := filepath.Join(t.TempDir(), "touched")
	rep := &measure.Report{Schema: measure.Schema, Lab: "own", Workload: "exec", Started: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC),
		Strategies: []*measure.Result{{Name: "touch " + touch, Baseline: true}, {Name: "true"}}}
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Labs: ownCatalogue(), Replay: &runs.Saved{Report: rep}, ReplaySpeed: SpeedAtOnce})
	m = press(update(m, tea.WindowSizeMsg{Width: 120, Height: 30}), "r")
	if got := screen(m); m.state != stateConfirm || !strings.Contains(got, "cmd_a: touch "+touch) || !strings.Contains(got, "cmd_b: true") {
		t.Fatalf("r on a replayed perflab exec run: state %v, want its commands shown and asked:\n%s", m.state, got)
	}
	if _, err := os.Stat(touch); !os.IsNotExist(err) {
		t.Fatalf("the command ran without a yes: %v", err)
	}
	m = press(m, "y")
	if m.state != stateRun || m.active == nil {
		t.Fatalf("y: state %v, want the commands raced:\n%s", m.state, screen(m))
	}
	m.cancelRun()
}
