package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/measure/runs"
)

// sideModel puts two kept runs side by side: B's verdict against A for
// every strategy they share, under the model of perflab compare, each
// run's figures, and their latency spectra overlaid. a and b pick one
// strategy of each run instead, to compare two strategies of two runs,
// even of two workloads (Go's sort against Python's, say).
type sideModel struct {
	common
	a, b runs.Entry
	// pick, when set, is the strategy of A and the strategy of B
	// compared, by index; nil compares every strategy the runs share.
	pick *[2]int
	// points are the values both runs swept, when both are sweeps of one
	// parameter: each is compared as two runs are, at is the one shown
	// (← and → pick another), as perflab compare compares every point.
	points []sweepPair
	at     int
	// graph is what the room under the table draws: 0 the spectra, i
	// the why of the i-th pair of strategies both runs profiled.
	graph int
	diff  *measure.Diff
	// pairs are the strategies of A and B behind each row of diff.
	pairs [][2]*measure.Result
	err   error
}

func newSide(c common, a, b runs.Entry) sideModel {
	s := sideModel{common: c, a: a, b: b, points: sharedPoints(a.Report, b.Report)}
	s.compare()
	return s
}

// A sweepPair is a value two sweeps both ran at: its point in A and in B.
type sweepPair struct {
	value float64
	a, b  int
}

// sharedPoints returns the values two sweeps of one parameter both ran
// at, in A's order; nil unless both runs are such sweeps.
func sharedPoints(a, b *measure.Report) []sweepPair {
	if a.Sweep == nil || b.Sweep == nil || a.Sweep.Param != b.Sweep.Param {
		return nil
	}
	var out []sweepPair
	for i, pa := range a.Sweep.Points {
		for j, pb := range b.Sweep.Points {
			if pa.Value == pb.Value {
				out = append(out, sweepPair{value: pa.Value, a: i, b: j})
				break
			}
		}
	}
	return out
}

// reports returns copies of the two runs as compared now: the point shown
// of two sweeps, each run's own results otherwise (a sweep's are its last
// point's, and the screen says so). Their identity may be renamed: a
// Python file's older runs were kept as python/MODULE (see
// labs.CanonicalReport).
func (s *sideModel) reports() (*measure.Report, *measure.Report) {
	ca, cb := *s.a.Report, *s.b.Report
	if len(s.points) > 0 {
		p := s.points[s.at]
		ca, cb = *s.a.Report.Point(p.a), *s.b.Report.Point(p.b)
	}
	labs.CanonicalReport(&ca)
	labs.CanonicalReport(&cb)
	return &ca, &cb
}

// compare judges B against A: every shared strategy, or the pair picked.
func (s *sideModel) compare() {
	ra, rb := s.reports()
	if s.pick != nil {
		s.pick[0], s.pick[1] = min(s.pick[0], len(ra.Strategies)-1), min(s.pick[1], len(rb.Strategies)-1)
		pa, pb := ra.Strategies[s.pick[0]], rb.Strategies[s.pick[1]]
		sa, sb := *pa, *pb
		if sa.Name != sb.Name {
			sa.Name = sa.Name + " → " + sb.Name
			sb.Name = sa.Name
		}
		// The pair is compared as one strategy of one workload: the
		// headers above say what each run measured.
		oneA, oneB := *ra, *rb
		oneA.Strategies, oneB.Strategies = []*measure.Result{&sa}, []*measure.Result{&sb}
		oneB.Lab, oneB.Workload = ra.Lab, ra.Workload
		s.pairs = [][2]*measure.Result{{pa, pb}}
		ra, rb = &oneA, &oneB
	}
	s.diff, s.err = measure.NewDiff(ra, rb, measure.DefaultConfidence, measure.DefaultAlpha, measure.DefaultMargin)
	if s.pick != nil || s.err != nil {
		return
	}
	s.pairs = nil
	for _, row := range s.diff.Rows {
		s.pairs = append(s.pairs, [2]*measure.Result{strategyNamed(ra, row.Name), strategyNamed(rb, row.Name)})
	}
}

// move shows the sweep point d places on, round the shared points.
func (s *sideModel) move(d int) {
	if len(s.points) < 2 {
		return
	}
	s.at = (s.at + d + len(s.points)) % len(s.points)
	s.compare()
}

// pointLines say which sweep point the screen shows: the point of two
// sweeps and how many there are, or, where a sweep is beside a single run
// or a sweep of something else, that its last point stands for it.
func (s sideModel) pointLines() []string {
	if len(s.points) > 0 {
		p := s.points[s.at]
		line := fmt.Sprintf("sweep over %s, point %d of %d: %s=%s", s.a.Sweep.Param, s.at+1, len(s.points), s.a.Sweep.Param, asSet(p.value))
		if len(s.points) > 1 {
			line += "  (←/→ another point)"
		}
		return []string{line}
	}
	var out []string
	for _, r := range []struct {
		tag string
		e   runs.Entry
	}{{"A", s.a}, {"B", s.b}} {
		if sw := r.e.Sweep; sw != nil && len(sw.Points) > 0 {
			last := sw.Points[len(sw.Points)-1]
			out = append(out, fmt.Sprintf("%s is a sweep over %s: its last point, %s=%s, is compared", r.tag, sw.Param, sw.Param, asSet(last.Value)))
		}
	}
	return out
}

// next picks the next strategy of run side (0 for A, 1 for B), starting
// from the first of each when nothing was picked.
func (s *sideModel) next(side int) {
	if s.pick == nil {
		s.pick = &[2]int{}
		// B starts on A's first strategy where it has one of that name.
		ra, rb := s.reports()
		for i, r := range rb.Strategies {
			if r.Name == ra.Strategies[0].Name {
				s.pick[1] = i
			}
		}
		if side == 0 {
			s.compare()
			return
		}
	}
	ra, rb := s.reports()
	n := len(ra.Strategies)
	if side == 1 {
		n = len(rb.Strategies)
	}
	s.pick[side] = (s.pick[side] + 1) % n
	s.compare()
}

func strategyNamed(r *measure.Report, name string) *measure.Result {
	for _, x := range r.Strategies {
		if x.Name == name {
			return x
		}
	}
	return nil
}

// Update handles the side-by-side screen's keys.
func (s sideModel) Update(msg tea.Msg) (sideModel, tea.Cmd, intent) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, s.keys.Back):
			return s, nil, intent{kind: askBackToRuns}
		case key.Matches(k, s.keys.Quit):
			return s, nil, intent{kind: askQuit}
		case key.Matches(k, s.keys.PickA):
			s.next(0)
		case key.Matches(k, s.keys.PickB):
			s.next(1)
		case key.Matches(k, s.keys.Shared) && s.pick != nil:
			s.pick = nil
			s.compare()
		case key.Matches(k, s.keys.Graph):
			s.graph = (s.graph + 1) % (len(s.profiled()) + 1)
		case key.Matches(k, s.keys.Left):
			s.move(-1)
		case key.Matches(k, s.keys.Right):
			s.move(1)
		}
	}
	return s, nil, intent{}
}

// View draws the two runs' headers, the comparison table and the spectra.
func (s sideModel) View() string {
	st := s.styles
	lines := []string{
		st.Title.Render("Side by side") + st.Subtitle.Render("  B against A, as perflab compare"),
		fitWidth("A  "+s.when(s.a.Started)+"  "+s.a.What()+"  "+s.a.Params()+"  "+s.a.Machine(), s.width),
		fitWidth("B  "+s.when(s.b.Started)+"  "+s.b.What()+"  "+s.b.Params()+"  "+s.b.Machine(), s.width),
	}
	if m := report.MachineDiff(s.a.Env, s.b.Env); m != "" {
		lines = append(lines, st.Warning.Render(fitWidth("⚠ "+m, s.width)))
	}
	for _, r := range []struct {
		tag string
		e   runs.Entry
	}{{"A", s.a}, {"B", s.b}} {
		if r.e.Cancelled {
			lines = append(lines, st.Warning.Render(fitWidth("⚠ "+r.tag+" was cancelled: its figures are partial", s.width)))
		}
		if r.e.ProfileErr != nil {
			lines = append(lines, st.Warning.Render(fitWidth(profileErrLine(r.tag+"'s", r.e.ProfileErr), s.width)))
		}
	}
	for _, l := range s.pointLines() {
		lines = append(lines, st.Bold.Render(fitWidth(l, s.width)))
	}
	if s.pick != nil {
		lines = append(lines, st.Bold.Render(fitWidth(fmt.Sprintf("A's %s against B's %s", s.pairs[0][0].Name, s.pairs[0][1].Name), s.width)))
	}
	if s.err != nil {
		lines = append(lines, "", st.Error.Render(fitWidth("✗ "+s.err.Error(), s.width)),
			st.Faint.Render(fitWidth("a and b pick one strategy of each run to compare", s.width)))
		return strings.Join(lines, "\n")
	}
	t := table{headers: append([]string(nil), report.DiffHeader...)}
	t.headers[1], t.headers[3], t.headers[5] = "A ns/op", "B ns/op", "B vs A"
	for i := range s.diff.Rows {
		t.rows = append(t.rows, report.DiffCells(&s.diff.Rows[i]))
	}
	lines = append(lines, "", t.render(st, s.width))
	for _, n := range report.DiffNotes(s.diff, "A", "B", voice) {
		lines = append(lines, st.Faint.Render(fitWidth(n, s.width)))
	}
	top := strings.Join(lines, "\n")
	room := s.height - lineCount(top) - 1
	if room >= 8 {
		if p := s.profiled(); s.graph > 0 && s.graph <= len(p) {
			top += "\n\n" + s.why(p[s.graph-1], room)
		} else {
			top += "\n\n" + s.spectra().render(st, s.width, room)
		}
	}
	return top
}

// profiled returns the pairs compared whose strategies both runs ran with
// profiles (perflab run --profile): each has a why.
func (s sideModel) profiled() [][2]*measure.Result {
	var out [][2]*measure.Result
	for _, p := range s.pairs {
		if p[0] != nil && p[1] != nil && p[0].Profile != nil && p[1].Profile != nil {
			out = append(out, p)
		}
	}
	return out
}

// why draws where B's strategy's time per operation went against A's, as
// the results' why view draws two strategies of one run, in h lines.
func (s sideModel) why(p [2]*measure.Result, h int) string {
	a, b := *p[0], *p[1]
	a.Name, b.Name = "A "+a.Name, "B "+b.Name
	two := &measure.Report{Strategies: []*measure.Result{&a, &b}}
	return whyView(s.styles, two, 0, 1, s.width, h)
}

// spectra overlays the latency spectra of the strategies compared, A's and
// B's, each named after its run.
func (s sideModel) spectra() chart {
	var names []string
	var spectra [][]measure.SpectrumPoint
	for _, p := range s.pairs {
		for i, tag := range []string{"A ", "B "} {
			if p[i] != nil {
				names = append(names, tag+p[i].Name)
				spectra = append(spectra, p[i].Spectrum)
			}
		}
	}
	return spectrumChart(names, spectra)
}

// Help names the side-by-side screen's keys.
func (s sideModel) Help() helpKeys {
	k := s.keys
	var short, points []key.Binding
	if len(s.points) > 1 {
		point := key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "sweep point"))
		short, points = append(short, point), []key.Binding{point}
	}
	if len(s.profiled()) > 0 {
		graph := k.Graph
		graph.SetHelp("v/tab", "spectra or why")
		short, points = append(short, graph), append(points, graph)
	}
	short = append(short, k.PickA, k.PickB)
	if s.pick != nil {
		short = append(short, k.Shared)
	}
	short = append(short, k.Back, k.Quit)
	return helpKeys{short: short, full: [][]key.Binding{append(points, k.PickA, k.PickB, k.Shared), {k.Back, k.Quit, k.ForceQuit}}}
}
