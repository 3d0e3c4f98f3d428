package tui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
)

// flameEdge starts every block of an icicle, so that two blocks side by
// side stay two without colour; a block one cell wide is its edge alone,
// or the glyph it is marked with.
const flameEdge = "▏"

// A flameBlock is one frame drawn in an icicle: where it starts, how many
// cells it takes, what it says and how it is painted. mark, if set, is a
// glyph that tells its kind without colour (a difference graph's ▲ or −).
type flameBlock struct {
	x, w  int
	mark  string
	name  string
	paint flamePaint
}

// A flamePaint is a style taken apart into the codes that open and close
// it. A large icicle has thousands of blocks, and rendering each through
// its style would cost more than the rest of the drawing (lipgloss parses
// and measures the text every time); a paint is made once per style and
// per frame drawn, then only wraps text.
type flamePaint struct{ open, close string }

// paintOf takes st apart around a marker it renders; a style that
// pads, aligns or draws borders is not one a block is painted with.
func paintOf(st lipgloss.Style) flamePaint {
	r := st.Render("\x00")
	open, close, _ := strings.Cut(r, "\x00")
	return flamePaint{open: open, close: close}
}

// flameLayout lays a call tree out as an icicle w cells wide and at most
// rows high, the root on the top row: each frame takes its parent's cells
// in proportion to its size, its children share them below it, and a frame
// too small for one cell is left out with everything under it. The tree is
// any type: size and kids read it, and block draws one frame. It returns
// the blocks of each row, left to right.
func flameLayout[N any](root N, size func(N) float64, kids func(N) []N, w, rows int, block func(N) flameBlock) [][]flameBlock {
	out := make([][]flameBlock, 0, rows)
	var place func(n N, x, width, depth int)
	place = func(n N, x, width, depth int) {
		if depth >= len(out) {
			out = append(out, nil)
		}
		b := block(n)
		b.x, b.w = x, width
		out[depth] = append(out[depth], b)
		total := size(n)
		if depth+1 >= rows || total <= 0 {
			return
		}
		// The children's edges are the running sum of their sizes,
		// rounded down: they tile the parent's cells without a gap
		// between them or a cell past the parent's.
		acc := 0.0
		for _, c := range kids(n) {
			x0 := x + int(float64(width)*acc/total)
			acc += size(c)
			x1 := x + int(float64(width)*min(1, acc/total))
			if x1 > x0 {
				place(c, x0, x1-x0, depth+1)
			}
		}
	}
	if w > 0 && rows > 0 {
		place(root, 0, w, 0)
	}
	return out
}

// drawFlame draws an icicle's rows, each w cells wide.
func drawFlame(rows [][]flameBlock, w int) string {
	lines := make([]string, 0, len(rows))
	var b strings.Builder
	for _, row := range rows {
		b.Reset()
		at := 0
		for _, blk := range row {
			b.WriteString(strings.Repeat(" ", max(0, blk.x-at)))
			b.WriteString(blk.paint.open)
			b.WriteString(blockText(blk))
			b.WriteString(blk.paint.close)
			at = blk.x + blk.w
		}
		b.WriteString(strings.Repeat(" ", max(0, w-at)))
		lines = append(lines, b.String())
	}
	return strings.Join(lines, "\n")
}

// blockText is what a block says in its cells: its edge, its mark and its
// name, cut to fit and padded to fill them.
func blockText(b flameBlock) string {
	if b.w == 1 {
		if b.mark != "" {
			return b.mark
		}
		return flameEdge
	}
	text := b.name
	if b.mark != "" {
		text = b.mark + text
	}
	// Names are function names: a rune is a cell.
	room := b.w - 1
	text = cutName(text, room)
	return flameEdge + text + strings.Repeat(" ", room-utf8.RuneCountInString(text))
}

// cutName cuts a name to w cells, the end marked with an ellipsis where
// there is room for one.
func cutName(s string, w int) string {
	if utf8.RuneCountInString(s) <= w {
		return s
	}
	r := []rune(s)
	if w <= 1 {
		return string(r[:w])
	}
	return string(r[:w-1]) + "…"
}
