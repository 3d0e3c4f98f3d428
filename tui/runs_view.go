package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/measure/runs"
)

// View draws the runs kept, newest first, a window of them around the
// cursor.
func (r runsModel) View() string {
	st := r.styles
	filter := "all labs"
	if r.lab != "" {
		filter = "lab " + r.lab
	}
	lines := []string{
		st.Title.Render("Runs kept") + st.Subtitle.Render("  "+filter),
		st.Faint.Render(fitWidth(report.Printable(r.dir), r.width)),
		"",
	}
	shown := r.shown()
	switch {
	case r.dir == "":
		lines = append(lines, "Runs are not kept in this session (--no-save).")
	case r.err != nil:
		lines = append(lines, st.Error.Render(fitWidth("✗ "+r.err.Error(), r.width)))
	case !r.loaded:
		lines = append(lines, "reading the runs folder…")
	case len(shown) == 0:
		lines = append(lines, "No runs kept yet: every run you finish or cancel is kept here.")
	default:
		lines = append(lines, r.table(shown), "", r.detail(shown[r.cursor]))
	}
	status := r.note
	if r.confirm && r.cursor < len(shown) {
		status = st.Warning.Render(fmt.Sprintf("delete %s of %s? y to delete, any other key keeps it", shown[r.cursor].What(), r.when(shown[r.cursor].Started)))
	}
	body := strings.Join(lines, "\n")
	return padHeight(fitHeight(body, max(0, r.height-1)), max(0, r.height-1)) + "\n" + fitWidth(status, r.width)
}

// table draws the rows that fit, keeping the cursor's in view.
func (r runsModel) table(shown []runs.Entry) string {
	rows := max(1, r.height-10)
	first := max(0, min(r.cursor-rows/2, len(shown)-rows))
	last := min(len(shown), first+rows)
	t := table{headers: []string{"", "when", "lab/workload", "verdicts", "machine", "parameters", "strategies"}}
	for i := first; i < last; i++ {
		e := shown[i]
		mark := []byte("  ")
		if i == r.cursor {
			mark[0] = '>'
		}
		if slices.Contains(r.marked, e.Path) {
			mark[1] = '*'
		}
		verdicts := e.Verdicts()
		t.rows = append(t.rows, []string{string(mark), r.when(e.Started), e.What(), verdicts, e.Machine(), e.Params(), e.Strategies()})
	}
	out := t.render(r.styles, r.width)
	// The table's first block is the one that matters on a narrow
	// screen; later blocks repeat the runs for the columns that did not
	// fit, which would push the cursor's row out of sight.
	if i := strings.Index(out, "\n\n"); i >= 0 {
		out = out[:i]
	}
	return out
}

// detail says everything about the run under the cursor, wrapped, since
// the table's columns are cut to the width.
func (r runsModel) detail(e runs.Entry) string {
	st := r.styles
	replay := "timeline of " + spelled(e.Frames) + " frames"
	if e.Frames == 0 {
		replay = "no timeline to replay"
	}
	text := fmt.Sprintf("%s %s · %s · strategies %s · %s · %s · %s", e.What(), r.when(e.Started), e.Params(), e.Strategies(), e.Verdicts(), e.Machine(), replay)
	return st.Faint.Render(fitHeight(wrap(text, r.width), 3)) + "\n" + st.Faint.Render(fitWidth(report.Printable(e.Path), r.width))
}
