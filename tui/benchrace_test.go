package tui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/perflab/perflab/measure"
)

// benchSnapshot is a live snapshot of a race of revisions a and b at round
// n: b's ns/op 10 % above a's, and the comparison's interval c.
func benchSnapshot(n int, c measure.Comparison) *measure.Snapshot {
	s := &measure.Snapshot{Seq: n, Rep: n, MaxTime: 20 * time.Second, Elapsed: time.Duration(n) * 200 * time.Millisecond}
	for i, name := range []string{"a", "b"} {
		sub := measure.SubjectSnapshot{Name: name, RepsDone: n}
		for j := range n {
			ns := int64(2000 + 200*i + 10*(j%3))
			sub.Timeline = append(sub.Timeline, measure.Point{At: time.Duration(2*j+i+1) * 100 * time.Millisecond,
				Warmup: j == 0, Ops: 10000, P50: ns, P99: ns, Max: ns})
		}
		s.Subjects = append(s.Subjects, sub)
	}
	c.N = [2]int{n, n}
	s.Compare = []measure.Comparison{c}
	return s
}

// benchReport is the result of a decided race of a and b.
func benchReport(name string) *measure.Report {
	return &measure.Report{Design: "sequential", Params: map[string]any{"benchmark": name},
		Strategies: []*measure.Result{
			{Name: "a", Baseline: true, NsPerOp: measure.Summary{Median: 2000, Lo: 1990, Hi: 2010}},
			{Name: "b", NsPerOp: measure.Summary{Median: 2200, Lo: 2190, Hi: 2215},
				VsBaseline: &measure.Comparison{Speedup: 0.909, SpeedupLo: 0.9, SpeedupHi: 0.918, Verdict: measure.Slower,
					Delta: "+10.00%", Decided: true, DecidedRound: 9, N: [2]int{12, 12}, Margin: 0.05}},
		}}
}

var narrowing = measure.Comparison{Speedup: 0.91, SpeedupLo: 0.85, SpeedupHi: 0.97, Verdict: measure.Inconclusive, Margin: 0.05}

func benchUpdate(m BenchModel, u BenchUpdate) BenchModel {
	next, _ := m.Update(benchUpdateMsg{u})
	return next.(BenchModel)
}

func benchPress(m BenchModel, k string) BenchModel {
	next, _ := m.Update(keyMsg(k))
	return next.(BenchModel)
}

// TestBenchViewFollowsTheRaces feeds the view two benchmarks' news: the
// rows say waiting, racing and decided; the selection follows the
// benchmark racing until the person moves it; the results show once a race
// has ended; a failed race says why.
func TestBenchViewFollowsTheRaces(t *testing.T) {
	m := NewBench(BenchOptions{Renderer: asciiRenderer(), Names: []string{"BenchmarkWork-2", "BenchmarkOther-2"}})
	next, _ := m.Update(tea80x24)
	m = next.(BenchModel)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "waiting") || !strings.Contains(view, "0 of 2 benchmarks done") {
		t.Fatalf("before any news:\n%s", view)
	}
	m = benchUpdate(m, BenchUpdate{Case: 0, Snapshot: benchSnapshot(5, narrowing)})
	if view = ansi.Strip(m.View()); !strings.Contains(view, "0.850–0.970") || !strings.Contains(view, "round 5") {
		t.Errorf("racing: want the interval and the round:\n%s", view)
	}
	m = benchUpdate(m, BenchUpdate{Case: 0, Report: benchReport("BenchmarkWork-2")})
	if view = ansi.Strip(m.View()); !strings.Contains(view, "decided at round 9") || !strings.Contains(view, "vs baseline") {
		t.Errorf("decided: want the verdict and the results:\n%s", view)
	}
	m = benchUpdate(m, BenchUpdate{Case: 1, Snapshot: benchSnapshot(2, narrowing)})
	if m.sel != 1 {
		t.Errorf("selection %d after the second race started; want it to follow the race, 1", m.sel)
	}
	m = benchPress(m, "up")
	m = benchUpdate(m, BenchUpdate{Case: 1, Err: errors.New("the benchmark failed: panic: planted")})
	if m.sel != 0 {
		t.Errorf("selection %d; want the person's, 0", m.sel)
	}
	if view = ansi.Strip(m.View()); !strings.Contains(view, "failed: the benchmark failed") {
		t.Errorf("a failed race: want its error:\n%s", view)
	}
	next, _ = m.Update(benchDoneMsg{})
	m = next.(BenchModel)
	if view = ansi.Strip(m.View()); !strings.Contains(view, "2 of 2 benchmarks raced") || m.Quit() {
		t.Errorf("done: want every benchmark raced and no early quit:\n%s", view)
	}
	checkFits(t, "bench view", m.View(), 80, 24)
}

// TestBenchViewQuitBeforeTheEndSaysSo: q during the races asks the command
// line to cancel them.
func TestBenchViewQuitBeforeTheEndSaysSo(t *testing.T) {
	m := NewBench(BenchOptions{Renderer: asciiRenderer(), Names: []string{"BenchmarkWork-2"}})
	next, cmd := m.Update(keyMsg("q"))
	if !next.(BenchModel).Quit() || cmd == nil {
		t.Error("q during the race: want Quit and a quit command")
	}
}

// TestBenchViewReadsUntilTheChannelCloses runs the view's command on a
// channel: an update, then the end.
func TestBenchViewReadsUntilTheChannelCloses(t *testing.T) {
	ch := make(chan BenchUpdate, 1)
	ch <- BenchUpdate{Case: 0, Report: benchReport("BenchmarkWork-2")}
	close(ch)
	m := NewBench(BenchOptions{Renderer: asciiRenderer(), Names: []string{"BenchmarkWork-2"}, Updates: ch})
	if msg, ok := m.Init()().(benchUpdateMsg); !ok || msg.u.Report == nil {
		t.Fatalf("first message %T; want the update", msg)
	}
	if _, ok := waitForBench(ch)().(benchDoneMsg); !ok {
		t.Error("a closed channel: want benchDoneMsg")
	}
}

func TestGoldenBench(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		ch := make(chan BenchUpdate)
		m := NewBench(BenchOptions{Renderer: asciiRenderer(), Names: []string{"BenchmarkWork-2", "BenchmarkDecode/size=1k-2", "BenchmarkOther-2"}, Updates: ch})
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
		ch <- BenchUpdate{Case: 0, Report: benchReport("BenchmarkWork-2")}
		ch <- BenchUpdate{Case: 1, Snapshot: benchSnapshot(7, narrowing)}
		// The selection follows the benchmark racing.
		waitFor(t, tm, "round 7")
		// The updates end after the program does: closed before it quit,
		// the end of the race could reach the view first and change its
		// heading (1 in a dozen runs under load).
		if err := tm.Quit(); err != nil {
			t.Fatal(err)
		}
		final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(BenchModel)
		close(ch)
		teatest.RequireEqualOutput(t, []byte(final.View()))
	})
}
