package main

import (
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
)

// runsGap is the space between two columns of perflab runs.
const runsGap = 2

// defaultWidth is the width a table is fit to when the output is not a
// terminal: a file or a pipe reads as well at 100 columns, and a script
// takes --format json.
const defaultWidth = 100

// minColumn is the narrowest a column is cut to: below it a cell says
// nothing.
const minColumn = 8

// outputWidth is the width of w when it is a terminal, else defaultWidth.
func outputWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width > 0 {
			return width
		}
	}
	return defaultWidth
}

// fitColumns pads the cells of rows into aligned columns, gap apart, that
// fit width: while the line is too wide, the widest column past the first
// keep is cut by one, down to minColumn, and only then the widest of all;
// cells longer than their column end in "…". The first keep columns name
// the row (when, what), so they are cut last. The first row is the header.
// A width too small for minColumn columns leaves lines longer than width,
// never a column narrower than minColumn.
func fitColumns(rows [][]string, width, gap, keep int) {
	if len(rows) == 0 {
		return
	}
	cols := len(rows[0])
	widths := make([]int, cols)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for sum(widths)+gap*(cols-1) > width {
		i := widest(widths, min(keep, cols))
		if widths[i] <= minColumn {
			if i = widest(widths, 0); widths[i] <= minColumn {
				break
			}
		}
		widths[i]--
	}
	for _, r := range rows {
		for i, c := range r {
			r[i] = pad(cut(c, widths[i]), widths[i])
		}
	}
}

// widest returns the index of the widest of widths from the column from on.
func widest(widths []int, from int) int {
	w := from
	for i := from; i < len(widths); i++ {
		if widths[i] > widths[w] {
			w = i
		}
	}
	return w
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// cut shortens s to n characters, the last of them "…" when it was longer.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// pad fills s with spaces to n characters.
func pad(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-utf8.RuneCountInString(s)))
}
