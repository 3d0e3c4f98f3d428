package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/profile"
	"github.com/perflab/perflab/measure/report"
)

// whyMode is how the why view draws the pair it compares: a table of the
// functions that tell them apart, an icicle of the compared strategy, or a
// difference graph of the two.
type whyMode int

const (
	whyTable whyMode = iota
	whyIcicle
	whyDifference
	whyModes
)

// next is the mode the why's key moves to.
func (m whyMode) next() whyMode { return (m + 1) % whyModes }

// markSame marks, in the difference graph, a frame whose difference is
// within its ±: neither grew nor shrank, as far as the samples tell.
const markSame = "~"

// whyTrees are the call trees of a report's strategies, read once from
// their CPU profiles when the results are shown, since parsing a profile
// for every frame drawn would cost more than the drawing.
type whyTrees struct {
	trees []*profile.Node
	errs  []error
	// diffs are the difference trees drawn so far, by pair: a memo,
	// since a pair is drawn again at every key and resize, and laying
	// two large trees over each other costs more than drawing them.
	diffs map[[2]int]*profile.DiffNode
}

// newWhyTrees reads the call tree of each strategy of rep that kept its
// CPU profile; a profile that cannot be read is an error the view shows.
func newWhyTrees(rep *measure.Report) *whyTrees {
	t := &whyTrees{diffs: map[[2]int]*profile.DiffNode{}}
	if rep == nil {
		return t
	}
	t.trees = make([]*profile.Node, len(rep.Strategies))
	t.errs = make([]error, len(rep.Strategies))
	for i, s := range rep.Strategies {
		if len(s.CPUProfile) == 0 || s.Profile == nil {
			continue
		}
		t.trees[i], t.errs[i] = profile.TreeOf(s.CPUProfile, s.Profile.Ops)
	}
	return t
}

// tree returns strategy i's call tree, or a line saying why it has none.
func (t *whyTrees) tree(st *Styles, rep *measure.Report, i int) (*profile.Node, string) {
	name := rep.Strategies[i].Name
	switch {
	case t == nil || i >= len(t.trees):
		return nil, st.Faint.Render(name + ": no call stacks")
	case t.errs[i] != nil:
		return nil, st.Error.Render(fmt.Sprintf("%s's profile cannot be read: %v", name, t.errs[i]))
	case t.trees[i] == nil:
		return nil, st.Faint.Render(name + ": no call stacks kept (a run kept with its profiles has them)")
	}
	return t.trees[i], ""
}

// diff returns the difference tree of trees a and b, strategies i and j,
// from the memo or made and kept there.
func (t *whyTrees) diff(i, j int, a, b *profile.Node) *profile.DiffNode {
	d := t.diffs[[2]int{i, j}]
	if d == nil {
		d = profile.DiffTree(a, b)
		t.diffs[[2]int{i, j}] = d
	}
	return d
}

// whyScreen draws the why view in mode: the table (whyView), or a graph
// of the pair's call trees.
func whyScreen(st *Styles, rep *measure.Report, trees *whyTrees, mode whyMode, base, other, w, h int) string {
	n := len(rep.Strategies)
	if mode == whyTable || !hasWhy(rep) || base < 0 || other < 0 || base >= n || other >= n || base == other {
		return whyView(st, rep, base, other, w, h)
	}
	if mode == whyIcicle {
		return icicleView(st, rep, trees, other, w, h)
	}
	return differenceView(st, rep, trees, base, other, w, h)
}

// icicleView draws strategy i's call tree as an icicle: the frames every
// sample runs under named on a line of their own, then the root of the
// rest at the top, each frame as wide as its cumulative time per
// operation.
func icicleView(st *Styles, rep *measure.Report, trees *whyTrees, i, w, h int) string {
	s := rep.Strategies[i]
	root, none := trees.tree(st, rep, i)
	if root == nil {
		return fit(none, w, h)
	}
	trunk, above := root.Trunk()
	lines := []string{
		st.Bold.Render("icicle of "+s.Name) + st.Faint.Render(fmt.Sprintf(" · frame width ∝ time per operation, %s/op across", report.FormatNs(trunk.CumNs))),
		whySource(st, s),
		st.Faint.Render(trunkLine(above)),
	}
	palette := flamePalette(st)
	nth := 0
	rows := flameLayout(trunk, func(n *profile.Node) float64 { return float64(n.CumSamples) },
		func(n *profile.Node) []*profile.Node { return n.Children }, w, max(1, h-len(lines)),
		func(n *profile.Node) flameBlock {
			nth++
			return flameBlock{name: report.ShortFunc(n.Func), paint: palette[nth%len(palette)]}
		})
	lines = append(lines, drawFlame(rows, w))
	return fit(strings.Join(lines, "\n"), w, h)
}

// differenceView draws strategy other's call tree over base's: each frame
// as wide as the larger of its two times per operation, marked by what
// became of it in other, by glyph and by colour.
func differenceView(st *Styles, rep *measure.Report, trees *whyTrees, base, other, w, h int) string {
	a, b := rep.Strategies[base], rep.Strategies[other]
	at, anone := trees.tree(st, rep, base)
	bt, bnone := trees.tree(st, rep, other)
	if at == nil || bt == nil {
		return fit(strings.Trim(anone+"\n"+bnone, "\n"), w, h)
	}
	trunk, above := trees.diff(base, other, at, bt).Trunk()
	lines := []string{
		st.Bold.Render(b.Name+" against "+a.Name) + st.Faint.Render(" · frame width ∝ the larger of its two times per operation"),
		whySource(st, a) + st.Faint.Render("  ·  ") + whySource(st, b),
		st.Faint.Render(trunkLine(above)),
	}
	legend := st.Faint.Render(fmt.Sprintf("%s %s no longer runs it  %s new  %s less time  %s more  %s within ±", markGone, b.Name, markNew, markLess, markMore, markSame))
	paints := map[string]flamePaint{}
	rows := flameLayout(trunk, func(n *profile.DiffNode) float64 { return n.Room },
		func(n *profile.DiffNode) []*profile.DiffNode { return n.Children }, w, max(1, h-len(lines)-1),
		func(n *profile.DiffNode) flameBlock {
			mark, style := diffMark(st, n)
			// A mark has one style: its paint is made once a draw.
			p, ok := paints[mark]
			if !ok {
				p = paintOf(style)
				paints[mark] = p
			}
			return flameBlock{mark: mark, name: report.ShortFunc(n.Func), paint: p}
		})
	lines = append(lines, drawFlame(rows, w), legend)
	return fit(strings.Join(lines, "\n"), w, h)
}

// trunkLine names the frames every sample runs under, which the graph
// starts below.
func trunkLine(above []string) string {
	var short []string
	for _, f := range above {
		if f != profile.RootName {
			short = append(short, report.ShortFunc(f))
		}
	}
	if len(short) == 0 {
		return "from the root of every stack"
	}
	return "under " + strings.Join(short, " › ")
}

// diffMark returns a frame's glyph and style in the difference graph:
// green for what the compared strategy saves, red for what costs it more.
func diffMark(st *Styles, n *profile.DiffNode) (string, lipgloss.Style) {
	style := func(v measure.Verdict) lipgloss.Style {
		if st.Color {
			return st.Verdicts[v].Reverse(true)
		}
		return st.Verdicts[v]
	}
	switch {
	case n.OnlyA:
		return markGone, style(measure.Faster)
	case n.OnlyB:
		return markNew, style(measure.Slower)
	case abs(n.Delta) <= n.Err:
		return markSame, style(measure.Same)
	case n.Delta < 0:
		return markLess, style(measure.Faster)
	}
	return markMore, style(measure.Slower)
}

// flamePalette is the icicle's colours, taken in turn block by block, so
// that a frame stands apart from its neighbours: the strategies' colours,
// reversed into blocks. Without colour, blocks are told apart by their
// edges.
func flamePalette(st *Styles) []flamePaint {
	if !st.Color {
		return []flamePaint{{}}
	}
	out := make([]flamePaint, len(st.seriesStyle))
	for i, s := range st.seriesStyle {
		out[i] = paintOf(s.Reverse(true))
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
