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

// seriesGlyphs tell strategies apart in a graph drawn without colour.
var seriesGlyphs = []string{"", "•", "+", "x", "o", "*", "#", "="}

// NewStyles returns the styles for output through r.
func NewStyles(r *lipgloss.Renderer) Styles {
	p := r.ColorProfile()
	c := func(s string) lipgloss.Color { return lipgloss.Color(s) }
	ns := r.NewStyle
	s := Styles{
		Color:    p != termenv.Ascii,
		Profile:  p,
		Plain:    ns(),
		Title:    ns().Bold(true).Foreground(c("212")),
		Subtitle: ns().Foreground(c("246")),
		Faint:    ns().Foreground(c("243")),
		Bold:     ns().Bold(true),
		Error:    ns().Foreground(c("203")),
		Warning:  ns().Foreground(c("214")),
		Selected: ns().Bold(true).Foreground(c("212")),
		Cursor:   ns().Foreground(c("212")),
		Disabled: ns().Foreground(c("240")),
		Key:      ns().Foreground(c("111")),
		FocusedPane: ns().Border(lipgloss.RoundedBorder()).BorderForeground(c("212")).
			Padding(0, 1),
		TableHeader: ns().Bold(true).Foreground(c("252")),
		Tab:         ns().Foreground(c("245")).Padding(0, 1),
		ActiveTab:   ns().Bold(true).Foreground(c("212")).Underline(true).Padding(0, 1),
		Banner:      ns().Bold(true).Foreground(c("214")),
		Verdicts: map[measure.Verdict]lipgloss.Style{
			measure.Faster:       ns().Bold(true).Foreground(c("42")),
			measure.Slower:       ns().Bold(true).Foreground(c("203")),
			measure.Same:         ns().Foreground(c("250")),
			measure.Inconclusive: ns().Foreground(c("214")),
		},
		Series: seriesPalette,
		Help: help.Styles{
			Ellipsis:       ns().Foreground(c("240")),
			ShortKey:       ns().Foreground(c("111")),
			ShortDesc:      ns().Foreground(c("245")),
			ShortSeparator: ns().Foreground(c("240")),
			FullKey:        ns().Foreground(c("111")),
			FullDesc:       ns().Foreground(c("245")),
			FullSeparator:  ns().Foreground(c("240")),
		},
	}
	for _, col := range seriesPalette {
		s.seriesStyle = append(s.seriesStyle, ns().Foreground(c(strconv.Itoa(int(col)))))
	}
	return s
}

// SeriesColor returns strategy i's graph colour.
func (s Styles) SeriesColor(i int) asciigraph.AnsiColor {
	return s.Series[i%len(s.Series)]
}

// SeriesName renders strategy i's name in its graph colour, or, without
// colour, followed by the glyph its graph lines are drawn with.
func (s Styles) SeriesName(i int, name string) string {
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
func (s Styles) Verdict(v measure.Verdict, text string) string {
	st, ok := s.Verdicts[v]
	if !ok {
		return text
	}
	return st.Render(text)
}
