package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
)

// A genFigures is one generator's figures in a fake fleet's metrics.
type genFigures struct {
	name             string
	share, last, all float64
	reps             int
	// lostAt is the repetition it was lost in, 0 for one lost in another
	// URL's; -1 for one in the run.
	lostAt int
}

// fleetMetrics are the metrics a fleet subject reports, keyed as
// labs/own writes them, for generators gens of an open loop at rate (0: a
// closed loop).
func fleetMetrics(rate float64, gens ...genFigures) map[string]float64 {
	m := map[string]float64{"generators": float64(len(gens)), "start_skew_max_ns": 1.2e6, "start_skew_tolerance_ns": 5e6}
	total, lost := 0.0, 0
	for i, g := range gens {
		key := func(f string) string { return "generator_" + g.name + "_" + f }
		m[key("index")], m[key("share")], m[key("last_rate")] = float64(i+1), g.share, g.last
		m[key("achieved_rate")], m[key("reps")] = g.all, float64(g.reps)
		if rate > 0 {
			m[key("target_rate")] = rate * g.share
		}
		if g.lostAt >= 0 {
			m[key("lost_at_rep")] = float64(g.lostAt)
			lost++
		} else {
			total += g.all
		}
	}
	m["generators_lost"], m["fleet_achieved_rate"] = float64(lost), total
	return m
}

// withLoss adds to m why generator name was lost, keyed as labs/own
// writes it: how (1 failed, 2 exited, 3 left, 4 stalled), and for one that
// exited its exit status or signal.
func withLoss(m map[string]float64, name string, how, status, signal float64) map[string]float64 {
	key := func(f string) string { return "generator_" + name + "_" + f }
	m[key("lost_how")] = how
	if how == 2 {
		m[key("lost_exit_status")], m[key("lost_signal")] = status, signal
	}
	return m
}

// fleetSnapshot is a synthetic race of a and b over two generators at
// 1000 requests a second: in b, gen2 reaches 400 of its 500.
func fleetSnapshot() measure.Snapshot {
	s := syntheticSnapshot(2, 10)
	s.Subjects[0].Name, s.Subjects[1].Name = "a", "b"
	s.Subjects[0].Metrics = fleetMetrics(1000, genFigures{"gen1", 0.5, 498, 501, 3, -1}, genFigures{"gen2", 0.5, 497, 499, 3, -1})
	s.Subjects[1].Metrics = fleetMetrics(1000, genFigures{"gen1", 0.5, 500, 500, 3, -1}, genFigures{"gen2", 0.5, 400, 430, 3, -1})
	return s
}

// fleetLine returns the first line of s that starts, past its spaces, with
// prefix.
func fleetLine(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), prefix) {
			return l
		}
	}
	return ""
}

func TestFleetTableShowsEachGeneratorAndWhoIsBehind(t *testing.T) {
	st := NewStyles(asciiRenderer())
	ft, ok := newFleetTable(fleetSnapshot().Subjects, 2)
	if !ok {
		t.Fatal("no fleet read from the snapshot")
	}
	got := ansiStrip(ft.render(st, 160, 10))
	for _, tt := range []struct{ line, want string }{
		{"generators", "2 of 2 in the run · started together within 1.20ms (tolerance 5ms)"},
		{"generator ", "share  target/s  a last·all/s  b last·all/s  state"},
		{"gen1", "50%       500     498 · 501     500 · 500"},
		{"gen2", "50%       500     497 · 499     400 · 430  behind in b"},
		{"total", "100%     1.00k   995 · 1.00k     900 · 930"},
	} {
		if l := fleetLine(got, tt.line); !strings.Contains(l, tt.want) {
			t.Errorf("line %s is %q, want it to hold %q; the table:\n%s", tt.line, l, tt.want, got)
		}
	}
	if strings.Contains(fleetLine(got, "gen1"), "behind") {
		t.Errorf("gen1 keeps up but is marked:\n%s", got)
	}
}

func TestFleetTableNamesALostGenerator(t *testing.T) {
	subs := []measure.SubjectSnapshot{
		{Name: "a", Metrics: fleetMetrics(0, genFigures{"gen1", 1, 900, 880, 4, -1}, genFigures{"gen2", 0, 0, 300, 2, 3})},
		{Name: "b", Metrics: fleetMetrics(0, genFigures{"gen1", 1, 910, 905, 4, -1}, genFigures{"gen2", 0, 0, 310, 2, 0})},
	}
	ft, _ := newFleetTable(subs, 2)
	got := ansiStrip(ft.render(NewStyles(asciiRenderer()), 160, 10))
	for _, want := range []string{"1 of 2 in the run, 1 lost: died or stalled; its share went to the others · started together", "lost in a's rep 3"} {
		if !strings.Contains(got, want) {
			t.Errorf("the table lacks %q:\n%s", want, got)
		}
	}
	if l := fleetLine(got, "gen1"); !strings.Contains(l, "100%    closed") {
		t.Errorf("gen1 of a closed loop, alone in the run: %q", l)
	}
	if l := fleetLine(got, "total"); !strings.Contains(l, "900 · 880") {
		t.Errorf("the total counts the lost generator: %q", l)
	}
}

// TestFleetTableSaysWhyAGeneratorWasLost reads each way of losing a
// generator from its figures: the state says it in words.
func TestFleetTableSaysWhyAGeneratorWasLost(t *testing.T) {
	for _, c := range []struct {
		how, status, signal float64
		atRep               int
		want                string
	}{
		{2, -1, 9, 3, "died (killed), a rep 3"},
		{2, 1, 0, 3, "died (exit status 1), a rep 3"},
		{4, 0, 0, 3, "stalled, a rep 3"},
		{3, 0, 0, 3, "left, a rep 3"},
		{4, 0, 0, 0, "stalled"},
		{0, 0, 0, 0, "lost"},
	} {
		m := fleetMetrics(0, genFigures{"gen1", 1, 900, 880, 4, -1}, genFigures{"gen2", 0, 0, 300, 2, c.atRep})
		if c.how > 0 {
			withLoss(m, "gen2", c.how, c.status, c.signal)
		}
		ft, _ := newFleetTable([]measure.SubjectSnapshot{{Name: "a", Metrics: m}}, 2)
		got := ansiStrip(ft.render(NewStyles(asciiRenderer()), 160, 10))
		if l := fleetLine(got, "gen2"); !strings.HasSuffix(strings.TrimSpace(l), "  "+c.want) {
			t.Errorf("gen2 lost as %v (status %v, signal %v): %q, want it to end with %q", c.how, c.status, c.signal, l, c.want)
		}
	}
}

// TestFleetTableShowsTheLostFirst lists 64 generators in 5 rows: the two
// lost and the one behind are among them, and the rest counted.
func TestFleetTableShowsTheLostFirst(t *testing.T) {
	var gens []genFigures
	for i := 1; i <= 64; i++ {
		g := genFigures{fmt.Sprintf("gen%d", i), 1.0 / 62, 100, 100, 3, -1}
		switch i {
		case 30, 50:
			g.share, g.lostAt = 0, 2
		case 40:
			g.last = 50
		}
		gens = append(gens, g)
	}
	ft, _ := newFleetTable([]measure.SubjectSnapshot{{Name: "a", Metrics: fleetMetrics(6200, gens...)}}, 64)
	got := ansiStrip(ft.render(NewStyles(asciiRenderer()), 80, 5))
	for _, want := range []string{"gen30", "gen40", "gen50", "gen1 ", "gen2 ", "and 59 more generators, keeping up"} {
		if !strings.Contains(got, want) {
			t.Errorf("5 rows of 64 generators lack %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n  gen") - 1; n != 5 {
		t.Errorf("%d generator rows, want 5:\n%s", n, got)
	}
}

// runningFleetModel is a model running own/http over two generators at
// 1000 requests a second, as the set-up starts it.
func runningFleetModel(t testing.TB, w, h int) Model {
	t.Helper()
	m := newTestModel(t, w, h)
	spec := labs.Spec{Path: "own/http", Strategies: []string{"a", "b"},
		Params: map[string]string{"generators": "2", "rate": "1000", "url_a": "http://127.0.0.1:8080/a", "url_b": "http://127.0.0.1:8080/b"},
		Config: measure.Config{Reps: 10}}
	plan, err := spec.PlanIn(labs.Catalogue())
	if err != nil {
		t.Fatal(err)
	}
	m.nextID = 1
	m.active = &activeRun{id: 1, cancel: func() {}, ended: make(chan struct{}), by: stateSetup, spec: spec, workload: plan.Workload}
	m.run = newRunModel(m.common, spec, plan)
	m.resize()
	m.state = stateRun
	return update(m, runMeasuringMsg{})
}

func TestRunScreenShowsTheFleet(t *testing.T) {
	for _, size := range []tea.WindowSizeMsg{tea80x24, tea160x48} {
		m := runningFleetModel(t, size.Width, size.Height)
		if got := screen(m); !strings.Contains(got, "generators  2 asked: their shares and rates show after a measured repetition") {
			t.Errorf("%dx%d: before the first figures the screen does not say generators are coming:\n%s", size.Width, size.Height, got)
		}
		m = update(m, snapshotMsg{id: 1, snap: fleetSnapshot()})
		got := screen(m)
		for _, want := range []string{"2 of 2 in the run", "gen1", "gen2", "behind in b", "total"} {
			if !strings.Contains(got, want) {
				t.Errorf("%dx%d: the run screen lacks %q:\n%s", size.Width, size.Height, want, got)
			}
		}
		checkFits(t, "run screen with a fleet", m.View(), size.Width, size.Height)
	}
}

func TestRunScreenWithoutGeneratorsShowsNoFleet(t *testing.T) {
	m := update(runningModel(t, 1), tea80x24)
	m = update(m, snapshotMsg{id: 1, snap: syntheticSnapshot(3, 10)})
	if got := screen(m); strings.Contains(got, "generator") {
		t.Errorf("a run without generators shows a fleet:\n%s", got)
	}
}

func TestGoldenRunFleet(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		m := runningFleetModel(t, w, h)
		m = update(m, snapshotMsg{id: 1, snap: fleetSnapshot()})
		checkFits(t, "run screen with a fleet", m.View(), w, h)
		teatest.RequireEqualOutput(t, []byte(m.View()))
	})
}

// TestRunScreenFitsThreeURLsOverManyGenerators races three URLs over eight
// generators, with their comparisons' lines: the screen still fits both
// sizes, and the generator behind is listed however few rows are left.
func TestRunScreenFitsThreeURLsOverManyGenerators(t *testing.T) {
	snap := syntheticSnapshot(3, 10)
	snap.Compare = []measure.Comparison{
		{Speedup: 1.1, SpeedupLo: 1.05, SpeedupHi: 1.2, N: [2]int{3, 3}, Verdict: measure.Inconclusive, Margin: 0.05},
		{Speedup: 1, SpeedupLo: 0.98, SpeedupHi: 1.02, N: [2]int{3, 3}, Verdict: measure.Inconclusive, Margin: 0.05},
	}
	for i := range snap.Subjects {
		var gens []genFigures
		for g := 1; g <= 8; g++ {
			last := 125.0
			if g == 7 {
				last = 90
			}
			gens = append(gens, genFigures{fmt.Sprintf("gen%d", g), 1.0 / 8, last, 125, 3, -1})
		}
		snap.Subjects[i].Metrics = fleetMetrics(1000, gens...)
	}
	for _, size := range []tea.WindowSizeMsg{tea80x24, tea160x48} {
		m := runningFleetModel(t, size.Width, size.Height)
		m = update(m, snapshotMsg{id: 1, snap: snap})
		got := screen(m)
		if !strings.Contains(got, "gen7") || !strings.Contains(got, "behind in") {
			t.Errorf("%dx%d: the generator behind is not shown:\n%s", size.Width, size.Height, got)
		}
		checkFits(t, "run screen with three URLs over eight generators", m.View(), size.Width, size.Height)
		if testing.Verbose() {
			t.Log("\n" + got)
		}
	}
}

// TestRunScreenKeepsALostGeneratorInSight is the screen seen when one of
// two generators was killed mid-run at 80x24: the one left, behind, and
// the lost one are both listed, and the summary says one was lost.
func TestRunScreenKeepsALostGeneratorInSight(t *testing.T) {
	snap := fleetSnapshot()
	snap.Compare = []measure.Comparison{{Speedup: 1.1, SpeedupLo: 1.05, SpeedupHi: 1.2, N: [2]int{5, 5}, Verdict: measure.Inconclusive, Margin: 0.05}}
	snap.Subjects[0].Metrics = fleetMetrics(400, genFigures{"gen1", 1, 400, 320, 5, -1}, genFigures{"gen2", 0, 0, 190, 4, 0})
	snap.Subjects[1].Metrics = fleetMetrics(400, genFigures{"gen1", 1, 372, 311, 5, -1}, genFigures{"gen2", 0, 0, 190, 4, 5})
	// It was killed: each URL's figures say so.
	withLoss(snap.Subjects[0].Metrics, "gen2", 2, -1, 9)
	withLoss(snap.Subjects[1].Metrics, "gen2", 2, -1, 9)
	for _, size := range []tea.WindowSizeMsg{tea80x24, tea160x48} {
		m := update(runningFleetModel(t, size.Width, size.Height), snapshotMsg{id: 1, snap: snap})
		got := screen(m)
		for _, want := range []string{"1 of 2 in the run, 1 lost: died (killed); its share", "behind in b", "gen2          0%         -       - · 190       - · 190  died (killed), b rep 5"} {
			if !strings.Contains(got, want) {
				t.Errorf("%dx%d: the run screen lacks %q:\n%s", size.Width, size.Height, want, got)
			}
		}
		checkFits(t, "run screen with a lost generator", m.View(), size.Width, size.Height)
		if strings.Contains(got, "no room for the graph") {
			t.Errorf("%dx%d: two generators leave no room for the graph:\n%s", size.Width, size.Height, got)
		}
	}
}

// TestFleetSummarySaysWhyGeneratorsWereLost: the line above the table says
// the reason lost generators share, or how many were lost for each.
func TestFleetSummarySaysWhyGeneratorsWereLost(t *testing.T) {
	for _, c := range []struct {
		name string
		loss map[string][3]float64 // how, status, signal of each lost generator
		want string
	}{
		{"one killed", map[string][3]float64{"gen2": {2, -1, 9}}, "2 of 3 in the run, 1 lost: died (killed); its share went to the others"},
		{"two stalled", map[string][3]float64{"gen1": {4, 0, 0}, "gen3": {4, 0, 0}}, "1 of 3 in the run, 2 lost: stalled; their shares went to the others"},
		{"each its own", map[string][3]float64{"gen1": {2, -1, 9}, "gen2": {4, 0, 0}, "gen3": {2, -1, 9}},
			"0 of 3 in the run, 3 lost: 2 died (killed), 1 stalled; their shares went to the others"},
		{"one not said", map[string][3]float64{"gen2": {0, 0, 0}, "gen3": {3, 0, 0}}, "1 of 3 in the run, 2 lost: 1 died or stalled, 1 left; their shares"},
	} {
		var gens []genFigures
		for _, name := range []string{"gen1", "gen2", "gen3"} {
			g := genFigures{name, 1, 300, 300, 3, -1}
			if _, lost := c.loss[name]; lost {
				g.share, g.last, g.lostAt = 0, 0, 2
			}
			gens = append(gens, g)
		}
		m := fleetMetrics(0, gens...)
		for name, l := range c.loss {
			if l[0] > 0 {
				withLoss(m, name, l[0], l[1], l[2])
			}
		}
		ft, _ := newFleetTable([]measure.SubjectSnapshot{{Name: "a", Metrics: m}}, 3)
		got := ansiStrip(ft.render(NewStyles(asciiRenderer()), 160, 10))
		if l := fleetLine(got, "generators"); !strings.Contains(l, c.want) {
			t.Errorf("%s: the summary is %q, want it to hold %q", c.name, l, c.want)
		}
	}
}

// TestFleetSummarySaysASkewOverTheTolerance: a start spread wider than
// promised is said to be over it; one within says "within".
func TestFleetSummarySaysASkewOverTheTolerance(t *testing.T) {
	m := fleetMetrics(1000, genFigures{"gen1", 0.5, 500, 500, 3, -1}, genFigures{"gen2", 0.5, 500, 500, 3, -1})
	m["start_skew_max_ns"] = 145e6
	ft, _ := newFleetTable([]measure.SubjectSnapshot{{Name: "a", Metrics: m}}, 2)
	got := ansiStrip(ft.render(NewStyles(asciiRenderer()), 160, 10))
	want := "2 of 2 in the run · started up to 145ms apart, over the 5ms tolerance"
	if l := fleetLine(got, "generators"); !strings.Contains(l, want) {
		t.Errorf("a start skew of 145ms: the summary is %q, want it to hold %q", l, want)
	}
}

// TestRunScreenFitsRemoteGeneratorsNames: generators that joined from
// other machines are named for them, gen1@HOST with the host name cut to
// 24 characters; the screen shows them and still fits both sizes.
func TestRunScreenFitsRemoteGeneratorsNames(t *testing.T) {
	snap := fleetSnapshot()
	for i := range snap.Subjects {
		snap.Subjects[i].Metrics = fleetMetrics(1000, genFigures{"gen1@abcdefghijklmnopqrstuvwx", 0.5, 500, 500, 3, -1},
			genFigures{"gen2@web-2", 0.5, 400, 430, 3, -1})
	}
	for _, size := range []tea.WindowSizeMsg{tea80x24, tea160x48} {
		m := update(runningFleetModel(t, size.Width, size.Height), snapshotMsg{id: 1, snap: snap})
		got := screen(m)
		for _, want := range []string{"gen1@abcdefghijklmnopqrstuvwx", "gen2@web-2", "behind in"} {
			if !strings.Contains(got, want) {
				t.Errorf("%dx%d: the run screen lacks %q:\n%s", size.Width, size.Height, want, got)
			}
		}
		checkFits(t, "run screen with remote generators", m.View(), size.Width, size.Height)
	}
}
