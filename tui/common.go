package tui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// common is what every screen carries: the size it draws in, and the
// styles and keys that all screens share. Each screen embeds its own copy,
// sized by SetSize.
type common struct {
	width, height int
	styles        *Styles
	keys          *keyMap
	// loc is where times are shown.
	loc *time.Location
}

// when writes the time a run started as the screens show it: "2026-12-01
// 14:03".
func (c common) when(t time.Time) string { return t.In(c.loc).Format("2006-01-02 15:04") }

// SetSize sets the size the screen draws in.
func (c *common) SetSize(width, height int) {
	c.width, c.height = max(0, width), max(0, height)
}

// Minimum terminal size: below it the layout cannot show a graph, a table
// and the help line, so the TUI says so instead of drawing a mess.
const (
	minWidth  = 60
	minHeight = 18
)

// fitWidth cuts every line of s to at most w cells.
func fitWidth(s string, w int) string {
	if w <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// fitHeight keeps at most h lines of s.
func fitHeight(s string, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}

// padHeight adds blank lines to s until it takes h lines.
func padHeight(s string, h int) string {
	if n := lineCount(s); n < h {
		s += strings.Repeat("\n", h-max(n, 1))
	}
	return s
}

// fit cuts s to a w x h box.
func fit(s string, w, h int) string { return fitHeight(fitWidth(s, w), h) }

// lineCount returns the number of lines s takes.
func lineCount(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
}

// spelled writes a small count in words, as prose does ("seven ways"), and
// a larger one in digits.
func spelled(n int) string {
	words := []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}

// wrap wraps text to width w, keeping paragraphs. It breaks lines at
// spaces only: ansi.Wrap also breaks after a hyphen, which cut "--rate"
// into "--" and "rate" and "x/y-z" into two. Only a word wider than the
// whole line is cut, where it must be.
func wrap(text string, w int) string {
	if w <= 0 {
		return ""
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = wrapLine(l, w)
	}
	return strings.Join(lines, "\n")
}

// wrapLine wraps one paragraph to width w at its spaces. Runs of spaces
// inside a line are kept; the space a break replaces is dropped.
func wrapLine(line string, w int) string {
	var out []string
	cur, curW := "", 0
	for i, word := range strings.Split(line, " ") {
		ww := ansi.StringWidth(word)
		switch {
		case i == 0:
			cur, curW = word, ww
		case curW+1+ww <= w:
			cur, curW = cur+" "+word, curW+1+ww
		default:
			out = append(out, cur)
			cur, curW = word, ww
		}
		for curW > w {
			// A word wider than the line: cut it at the width.
			out = append(out, ansi.Truncate(cur, w, ""))
			cur = ansi.TruncateLeft(cur, w, "")
			curW = ansi.StringWidth(cur)
		}
	}
	return strings.Join(append(out, cur), "\n")
}

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
