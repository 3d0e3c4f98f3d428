package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// table is a plain aligned table: headers and rows of cells already
// formatted, some of them styled. Columns that do not fit the width go on
// into a second block below the first, and a third, each led by the first
// column again, so that a narrow terminal shows every figure, further
// down.
type table struct {
	headers []string
	rows    [][]string
	// right marks right-aligned (numeric) columns.
	right []bool
}

// tableGap is the space between two columns.
const tableGap = 2

func (t table) render(st *Styles, w int) string {
	widths := make([]int, len(t.headers))
	for c, h := range t.headers {
		widths[c] = lipgloss.Width(h)
		for _, r := range t.rows {
			if c < len(r) {
				widths[c] = max(widths[c], lipgloss.Width(r[c]))
			}
		}
	}
	var blocks []string
	for next := 0; next < len(widths); {
		var cols []int
		total := 0
		if next > 0 {
			cols, total = []int{0}, widths[0]
		}
		// A block takes at least one column of its own, even one too
		// wide, which fitWidth then cuts.
		for own := 0; next < len(widths); next, own = next+1, own+1 {
			add := widths[next]
			if len(cols) > 0 {
				add += tableGap
			}
			if own > 0 && total+add > w {
				break
			}
			cols = append(cols, next)
			total += add
		}
		blocks = append(blocks, t.block(st, cols, widths, w))
	}
	return strings.Join(blocks, "\n\n")
}

// block renders the columns cols of the table.
func (t table) block(st *Styles, cols, widths []int, w int) string {
	var b strings.Builder
	line := func(cells []string, style func(string) string) {
		for i, c := range cols {
			cell := ""
			if c < len(cells) {
				cell = cells[c]
			}
			pad := strings.Repeat(" ", max(0, widths[c]-lipgloss.Width(cell)))
			if i > 0 {
				b.WriteString(strings.Repeat(" ", tableGap))
			}
			switch {
			case c < len(t.right) && t.right[c]:
				b.WriteString(pad + style(cell))
			case i == len(cols)-1:
				b.WriteString(style(cell))
			default:
				b.WriteString(style(cell) + pad)
			}
		}
		b.WriteByte('\n')
	}
	line(t.headers, func(s string) string { return st.TableHeader.Render(s) })
	for _, r := range t.rows {
		line(r, func(s string) string { return s })
	}
	return fitWidth(strings.TrimSuffix(b.String(), "\n"), w)
}
