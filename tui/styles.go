package tui

import (
	"strconv"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
	"github.com/guptarohit/asciigraph"
	"github.com/muesli/termenv"

	"github.com/perflab/perflab/measure"
)

// Styles holds every style the TUI draws with; views only call Render. They
// are built by NewStyles from one renderer, so that a terminal without
// colour, or NO_COLOR, turns every colour off at once.
type Styles struct {
	// Color is false when the renderer has no colour: graphs then tell
	// series apart by glyph instead.
	Color bool
	// Profile is the renderer's colour profile, for components that take
	// one (the progress bar).
	Profile termenv.Profile

	Plain, Title, Subtitle, Faint, Bold, Error, Warning lipgloss.Style
	Selected, Cursor, Disabled, Key                     lipgloss.Style
	FocusedPane                                         lipgloss.Style
	TableHeader                                         lipgloss.Style
	Tab, ActiveTab                                      lipgloss.Style
	Banner                                              lipgloss.Style

	// ProgressFill is the colour of the run's progress bar, for the
	// bubbles component that takes a colour rather than a style.
	ProgressFill string

	// Verdicts colour a comparison by its verdict; the text itself always
	// carries the word, so colour is never the only signal.
	Verdicts map[measure.Verdict]lipgloss.Style

	// Series are the strategies' colours in run order, for graphs and for
	// the tables that stand for their legend.
	Series      []asciigraph.AnsiColor
	seriesStyle []lipgloss.Style

	Help help.Styles
}

// seriesPalette is one colour per strategy, chosen to stay apart on dark and
// light backgrounds alike and to avoid the verdict colours' red and green.
var seriesPalette = []asciigraph.AnsiColor{
	asciigraph.DodgerBlue, asciigraph.Orange, asciigraph.Orchid,
	asciigraph.Gold, asciigraph.DarkCyan, asciigraph.Coral,
	asciigraph.SlateBlue, asciigraph.Olive,
}

// seriesGlyphs tell strategies apart in a graph drawn without colour. None
// looks like the p99 dots ("·"), which a bullet would.
var seriesGlyphs = []string{"", "+", "x", "o", "*", "#", "=", "%"}

// The TUI's colours (ANSI 256), named by what they mark.
const (
	accent  = "212" // titles, the cursor, what is selected
	amber   = "214" // warnings, banners, inconclusive verdicts
	red     = "203" // errors, slower
	green   = "42"  // faster
	keyBlue = "111" // keys and values to type
	grey    = "245" // tabs and help text
	dim     = "240" // what cannot be chosen, help separators
)

// NewStyles returns the styles for output through r.
func NewStyles(r *lipgloss.Renderer) *Styles {
	p := r.ColorProfile()
	c := func(s string) lipgloss.Color { return lipgloss.Color(s) }
	ns := r.NewStyle
	s := &Styles{
		Color:    p != termenv.Ascii,
		Profile:  p,
		Plain:    ns(),
		Title:    ns().Bold(true).Foreground(c(accent)),
		Subtitle: ns().Foreground(c("246")),
		Faint:    ns().Foreground(c("243")),
		Bold:     ns().Bold(true),
		Error:    ns().Foreground(c(red)),
		Warning:  ns().Foreground(c(amber)),
		Selected: ns().Bold(true).Foreground(c(accent)),
		Cursor:   ns().Foreground(c(accent)),
		Disabled: ns().Foreground(c(dim)),
		Key:      ns().Foreground(c(keyBlue)),
		FocusedPane: ns().Border(lipgloss.RoundedBorder()).BorderForeground(c(accent)).
			Padding(0, 1),
		TableHeader:  ns().Bold(true).Foreground(c("252")),
		Tab:          ns().Foreground(c(grey)).Padding(0, 1),
		ActiveTab:    ns().Bold(true).Foreground(c(accent)).Underline(true).Padding(0, 1),
		Banner:       ns().Bold(true).Foreground(c(amber)),
		ProgressFill: accent,
		Verdicts: map[measure.Verdict]lipgloss.Style{
			measure.Faster:       ns().Bold(true).Foreground(c(green)),
			measure.Slower:       ns().Bold(true).Foreground(c(red)),
			measure.Same:         ns().Foreground(c("250")),
			measure.Inconclusive: ns().Foreground(c(amber)),
		},
		Series: seriesPalette,
		Help: help.Styles{
			Ellipsis:       ns().Foreground(c(dim)),
			ShortKey:       ns().Foreground(c(keyBlue)),
			ShortDesc:      ns().Foreground(c(grey)),
			ShortSeparator: ns().Foreground(c(dim)),
			FullKey:        ns().Foreground(c(keyBlue)),
			FullDesc:       ns().Foreground(c(grey)),
			FullSeparator:  ns().Foreground(c(dim)),
		},
	}
	for _, col := range seriesPalette {
		s.seriesStyle = append(s.seriesStyle, ns().Foreground(c(strconv.Itoa(int(col)))))
	}
	return s
}

// SeriesColor returns strategy i's graph colour.
func (s *Styles) SeriesColor(i int) asciigraph.AnsiColor {
	return s.Series[i%len(s.Series)]
}

// SeriesName renders strategy i's name in its graph colour, or, without
// colour, followed by the glyph its graph lines are drawn with.
func (s *Styles) SeriesName(i int, name string) string {
	if !s.Color {
		return name + " (" + seriesMark(i) + ")"
	}
	return s.seriesStyle[i%len(s.seriesStyle)].Render(name)
}

// seriesGlyph is the glyph strategy i is drawn with when there is no colour;
// "" means the default line drawing.
func seriesGlyph(i int) string { return seriesGlyphs[i%len(seriesGlyphs)] }

// seriesMark is the glyph that stands for strategy i without colour, in a
// legend or a table.
func seriesMark(i int) string {
	if g := seriesGlyph(i); g != "" {
		return g
	}
	return "─"
}

// Verdict renders text in the colour of verdict v.
func (s *Styles) Verdict(v measure.Verdict, text string) string {
	st, ok := s.Verdicts[v]
	if !ok {
		return text
	}
	return st.Render(text)
}
