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
	diff *measure.Diff
	// pairs are the strategies of A and B behind each row of diff.
	pairs [][2]*measure.Result
	err   error
}

func newSide(c common, a, b runs.Entry) sideModel {
	s := sideModel{common: c, a: a, b: b}
	s.compare()
	return s
}

// compare judges B against A: every shared strategy, or the pair picked.
func (s *sideModel) compare() {
	// Copies, whose identity may be renamed: a Python file's older runs
	// were kept as python/MODULE (see labs.CanonicalReport).
	ca, cb := *s.a.Report, *s.b.Report
	labs.CanonicalReport(&ca)
	labs.CanonicalReport(&cb)
	ra, rb := &ca, &cb
	if s.pick != nil {
		sa, sb := *ra.Strategies[s.pick[0]], *rb.Strategies[s.pick[1]]
		if sa.Name != sb.Name {
			sa.Name = sa.Name + " → " + sb.Name
			sb.Name = sa.Name
		}
		// The pair is compared as one strategy of one workload: the
		// headers above say what each run measured.
		oneA, oneB := *ra, *rb
		oneA.Strategies, oneB.Strategies = []*measure.Result{&sa}, []*measure.Result{&sb}
		oneB.Lab, oneB.Workload = ra.Lab, ra.Workload
		ra, rb = &oneA, &oneB
		s.pairs = [][2]*measure.Result{{s.a.Report.Strategies[s.pick[0]], s.b.Report.Strategies[s.pick[1]]}}
	}
	s.diff, s.err = measure.NewDiff(ra, rb, measure.DefaultConfidence, measure.DefaultAlpha, measure.DefaultMargin)
	if s.pick != nil || s.err != nil {
		return
	}
	s.pairs = nil
	for _, row := range s.diff.Rows {
		s.pairs = append(s.pairs, [2]*measure.Result{strategyNamed(s.a.Report, row.Name), strategyNamed(s.b.Report, row.Name)})
	}
}

// next picks the next strategy of run side (0 for A, 1 for B), starting
// from the first of each when nothing was picked.
func (s *sideModel) next(side int) {
	if s.pick == nil {
		s.pick = &[2]int{}
		// B starts on A's first strategy where it has one of that name.
		for i, r := range s.b.Report.Strategies {
			if r.Name == s.a.Report.Strategies[0].Name {
				s.pick[1] = i
			}
		}
		if side == 0 {
			s.compare()
			return
		}
	}
	n := len(s.a.Report.Strategies)
	if side == 1 {
		n = len(s.b.Report.Strategies)
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
		top += "\n\n" + s.spectra().render(st, s.width, room)
	}
	return top
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
	short := []key.Binding{k.PickA, k.PickB}
	if s.pick != nil {
		short = append(short, k.Shared)
	}
	short = append(short, k.Back, k.Quit)
	return helpKeys{short: short, full: [][]key.Binding{{k.PickA, k.PickB, k.Shared}, {k.Back, k.Quit, k.ForceQuit}}}
}
