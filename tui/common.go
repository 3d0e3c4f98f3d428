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
