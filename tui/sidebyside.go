package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/measure/runs"
)

// sideModel puts two kept runs side by side: B's verdict against A for
// every strategy they share, under the model of perflab compare, each
// run's figures, and their latency spectra overlaid.
type sideModel struct {
	common
	a, b runs.Entry
	diff *measure.Diff
	err  error
}

func newSide(c common, a, b runs.Entry) sideModel {
	s := sideModel{common: c, a: a, b: b}
	s.diff, s.err = measure.NewDiff(a.Report, b.Report, measure.DefaultConfidence, measure.DefaultAlpha, measure.DefaultMargin)
	return s
}

// Update handles the side-by-side screen's keys.
func (s sideModel) Update(msg tea.Msg) (sideModel, tea.Cmd, intent) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, s.keys.Back):
			return s, nil, intent{kind: askBackToRuns}
		case key.Matches(k, s.keys.Quit):
			return s, nil, intent{kind: askQuit}
		}
	}
	return s, nil, intent{}
}

// View draws the two runs' headers, the comparison table and the spectra.
func (s sideModel) View() string {
	st := s.styles
	lines := []string{
		st.Title.Render("Side by side") + st.Subtitle.Render("  B against A, as perflab compare"),
		fitWidth("A  "+s.a.When()+"  "+s.a.What()+"  "+s.a.Params()+"  "+s.a.Machine(), s.width),
		fitWidth("B  "+s.b.When()+"  "+s.b.What()+"  "+s.b.Params()+"  "+s.b.Machine(), s.width),
	}
	if m := report.MachineDiff(s.a.Env, s.b.Env); m != "" {
		lines = append(lines, st.Warning.Render(fitWidth("⚠ "+m, s.width)))
	}
	if s.err != nil {
		lines = append(lines, "", st.Error.Render(fitWidth("✗ "+s.err.Error(), s.width)))
		return strings.Join(lines, "\n")
	}
	t := table{headers: append([]string(nil), report.DiffHeader...)}
	t.headers[1], t.headers[3], t.headers[5] = "A ns/op", "B ns/op", "B vs A"
	for i := range s.diff.Rows {
		t.rows = append(t.rows, report.DiffCells(&s.diff.Rows[i]))
	}
	lines = append(lines, "", t.render(st, s.width))
	for _, n := range diffNotesOf(s.diff) {
		lines = append(lines, st.Faint.Render(fitWidth(n, s.width)))
	}
	top := strings.Join(lines, "\n")
	room := s.height - lineCount(top) - 1
	if room >= 8 {
		top += "\n\n" + s.spectra().render(st, s.width, room)
	}
	return top
}

// spectra overlays the latency spectra of the shared strategies, A's and
// B's, each named after its run.
func (s sideModel) spectra() chart {
	var names []string
	var spectra [][]measure.SpectrumPoint
	byName := func(r *measure.Report, name string) *measure.Result {
		for _, x := range r.Strategies {
			if x.Name == name {
				return x
			}
		}
		return nil
	}
	for _, row := range s.diff.Rows {
		for _, side := range []struct {
			tag string
			r   *measure.Report
		}{{"A", s.a.Report}, {"B", s.b.Report}} {
			if res := byName(side.r, row.Name); res != nil {
				names = append(names, side.tag+" "+row.Name)
				spectra = append(spectra, res.Spectrum)
			}
		}
	}
	return spectrumChart(names, spectra)
}

// diffNotesOf says what the verdicts cannot: strategies only one run has.
func diffNotesOf(d *measure.Diff) []string {
	var notes []string
	if len(d.OnlyOld) > 0 {
		notes = append(notes, "only in A: "+strings.Join(d.OnlyOld, ", "))
	}
	if len(d.OnlyNew) > 0 {
		notes = append(notes, "only in B: "+strings.Join(d.OnlyNew, ", "))
	}
	return notes
}

// Help names the side-by-side screen's keys.
func (s sideModel) Help() helpKeys {
	return helpKeys{short: []key.Binding{s.keys.Back, s.keys.Quit}, full: [][]key.Binding{{s.keys.Back, s.keys.Quit}}}
}
