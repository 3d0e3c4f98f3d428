package tui

import (
	"context"
	"io"
	"math"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
)

// BenchmarkRunViewFrame measures one frame of the run view at 160x48 after
// 1,000 snapshots: taking a snapshot (which draws the graph and the table)
// and drawing the screen. The target is at most 2 ms a frame.
func BenchmarkRunViewFrame(b *testing.B) {
	const snapshots = 1000
	full := syntheticSnapshot(3, snapshots)
	for i, v := range liveViews {
		b.Run(v.String(), func(b *testing.B) {
			m := runningModel(b, 1)
			m = update(m, tea.WindowSizeMsg{Width: 160, Height: 48})
			m.run.graph = i
			// Feed the snapshots as the engine publishes them: each
			// one's timelines one point longer than the last.
			for n := 1; n <= snapshots; n++ {
				m = update(m, snapshotMsg{id: 1, snap: prefix(full, n)})
			}
			last := snapshotMsg{id: 1, snap: full}
			b.ResetTimer()
			for range b.N {
				mm, _ := m.Update(last)
				_ = mm.View()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/frame")
		})
	}
}

// prefix returns s with every timeline cut to its first n points.
func prefix(s measure.Snapshot, n int) measure.Snapshot {
	out := s
	out.Subjects = make([]measure.SubjectSnapshot, len(s.Subjects))
	for i, sub := range s.Subjects {
		sub.Timeline = sub.Timeline[:min(n, len(sub.Timeline))]
		out.Subjects[i] = sub
	}
	return out
}

// observerSpec is a run of two CPU-bound strategies on this process's
// CPUs, where a TUI that took CPU would show.
var observerSpec = labs.Spec{
	Path:       "data-structures/membership",
	Strategies: []string{"map", "binary"},
	Params:     map[string]string{"n": "4096"},
	Config:     measure.Config{Reps: 6, RepDuration: 100 * time.Millisecond},
}

// BenchmarkObserverEffect runs the same plan headless and with the TUI
// drawing it at its normal rate, alternately, and reports the throughput
// with the TUI over the throughput headless (geometric mean over the
// strategies and rounds). The target is at least 0.97: the TUI may cost
// the workload at most 3 % of its throughput.
func BenchmarkObserverEffect(b *testing.B) {
	plan, err := observerSpec.Plan()
	if err != nil {
		b.Fatal(err)
	}
	var logSum float64
	var n int
	for range b.N {
		headless := runHeadless(b, plan)
		withTUI := runWithTUI(b, observerSpec)
		for i, s := range headless.Strategies {
			logSum += math.Log(withTUI.Strategies[i].Throughput / s.Throughput)
			n++
		}
	}
	b.ReportMetric(math.Exp(logSum/float64(n)), "tui/headless")
}

func runHeadless(b *testing.B, plan *labs.Plan) *measure.Report {
	run, err := labs.Start(context.Background(), plan)
	if err != nil {
		b.Fatal(err)
	}
	for range run.Snapshots() {
	}
	rep, err := run.Wait()
	if err != nil {
		b.Fatal(err)
	}
	return rep
}

// observed is the TUI model started on a run, in a real program that draws
// to nowhere; it keeps the run's report.
type observed struct {
	Model
	start  tea.Cmd
	report **measure.Report
}

func (o observed) Init() tea.Cmd { return o.start }

func (o observed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if r, ok := msg.(reportMsg); ok {
		*o.report = r.report
		return o, tea.Quit
	}
	m, cmd := o.Model.Update(msg)
	o.Model = m.(Model)
	return o, cmd
}

func runWithTUI(b testing.TB, spec labs.Spec) *measure.Report {
	return runWithTUIOn(b, spec, io.Discard)
}

// runWithTUIOn is runWithTUI with the program's frames written to out.
func runWithTUIOn(b testing.TB, spec labs.Spec, out io.Writer) *measure.Report {
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC})
	m = update(m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m, start := m.beginRun(intent{kind: askRun, spec: spec}, stateSetup)
	var rep *measure.Report
	p := tea.NewProgram(observed{Model: m, start: start, report: &rep},
		tea.WithInput(nil), tea.WithOutput(out), tea.WithoutSignalHandler())
	if _, err := p.Run(); err != nil {
		b.Fatal(err)
	}
	if rep == nil {
		b.Fatal("the run with the TUI left no report")
	}
	return rep
}
