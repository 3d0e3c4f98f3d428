package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// keepUp is the part of its target rate a generator of an open loop must
// reach in a repetition to be keeping up: below it, it is marked behind.
// The bar for a generator's achieved share is 5 % of its target.
const keepUp = 0.95

// A fleetTable is the live state of an HTTP run's load generators: each
// generator's share of the load and target, the rate it achieved in the
// last repetition and over the run, for every strategy (URL), and whether
// it is behind or lost. The total alone would average a generator that
// cannot keep up away; this shows it.
type fleetTable struct {
	// names are the strategies, in run order; fleets[i] their figures,
	// where have[i].
	names  []string
	fleets []labs.FleetFigures
	have   []bool
	// asked is how many generators the run asked for, for the line shown
	// before the first figures arrive.
	asked int
}

// newFleetTable reads the fleet's figures from the snapshot's subjects;
// ok is false when the run has no generators, asked or measured.
func newFleetTable(subs []measure.SubjectSnapshot, asked int) (t fleetTable, ok bool) {
	t.asked = asked
	for _, s := range subs {
		f, has := labs.FleetOf(s.Metrics)
		t.names, t.fleets, t.have = append(t.names, s.Name), append(t.fleets, f), append(t.have, has)
		ok = ok || has
	}
	return t, ok || asked > 0
}

// generators are the generators named in any strategy's figures, in the
// fleet's order.
func (t fleetTable) generators() []labs.GeneratorFigures {
	var gens []labs.GeneratorFigures
	for i, f := range t.fleets {
		if !t.have[i] {
			continue
		}
		for _, g := range f.Generators {
			if !slices.ContainsFunc(gens, func(h labs.GeneratorFigures) bool { return h.Name == g.Name }) {
				gens = append(gens, g)
			}
		}
	}
	return gens
}

// figuresOf returns generator name's figures for strategy i.
func (t fleetTable) figuresOf(i int, name string) (labs.GeneratorFigures, bool) {
	if !t.have[i] {
		return labs.GeneratorFigures{}, false
	}
	j := slices.IndexFunc(t.fleets[i].Generators, func(g labs.GeneratorFigures) bool { return g.Name == name })
	if j < 0 {
		return labs.GeneratorFigures{}, false
	}
	return t.fleets[i].Generators[j], true
}

// behind says whether g, in the run, fell short of its open loop's target
// in its last repetition.
func behind(g labs.GeneratorFigures) bool {
	return g.Open && !g.Lost && g.Reps > 0 && g.LastRate < keepUp*g.TargetRate
}

// state says, for generator name, where it was lost or in which
// strategies it is behind, and which of the two it is.
func (t fleetTable) state(name string) (text string, lost, late bool) {
	var behindIn []string
	why := "lost"
	for i, n := range t.names {
		g, ok := t.figuresOf(i, name)
		if ok && g.Lost {
			// How it was lost, where its figures say: "died
			// (killed)", "stalled", "left".
			why = cmp.Or(report.LostWords(g.LostHow, g.ExitStatus, g.Signal), why)
		}
		switch {
		case !ok:
		case g.Lost && g.LostAtRep > 0 && why == "lost":
			return fmt.Sprintf("lost in %s's rep %d", n, g.LostAtRep), true, false
		case g.Lost && g.LostAtRep > 0:
			// Terse, so that the state of two URLs' fleet still fits
			// 80 columns beside the rates.
			return fmt.Sprintf("%s, %s rep %d", why, n, g.LostAtRep), true, false
		case g.Lost:
			lost = true
		case behind(g):
			behindIn = append(behindIn, n)
		}
	}
	if lost {
		return why, true, false
	}
	if len(behindIn) > 0 {
		return "behind in " + strings.Join(behindIn, ", "), false, true
	}
	return "", false, false
}

// rate writes a rate without its unit, which the header gives.
func rate(r float64) string { return strings.TrimSuffix(report.FormatRate(r), "/s") }

// summary is the line above the table: how many generators are in the
// run, why those lost were lost, and how closely they started together.
func (t fleetTable) summary(gens []labs.GeneratorFigures) string {
	if len(gens) == 0 {
		return fmt.Sprintf("generators  %d asked: their shares and rates show after a measured repetition", t.asked)
	}
	var skew, tol float64
	for i, f := range t.fleets {
		if t.have[i] {
			skew, tol = max(skew, f.SkewMaxNs), max(tol, f.SkewToleranceNs)
		}
	}
	var whys []string
	for _, g := range gens {
		if why, lost := t.lostWhy(g.Name); lost {
			whys = append(whys, why)
		}
	}
	line := fmt.Sprintf("generators  %d of %d in the run", len(gens)-len(whys), len(gens))
	if len(whys) > 0 {
		// First, where a narrow screen cannot cut it off.
		shares := "its share"
		if len(whys) > 1 {
			shares = "their shares"
		}
		line += fmt.Sprintf(", %d lost: %s; %s went to the others", len(whys), reasons(whys), shares)
	}
	if tol > 0 && skew > tol {
		// A promise not kept is said as such, not left to a reader
		// to compare two figures.
		return line + fmt.Sprintf(" · started up to %s apart, over the %s tolerance", report.FormatNs(skew), time.Duration(tol))
	}
	return line + fmt.Sprintf(" · started together within %s (tolerance %s)", report.FormatNs(skew), time.Duration(tol))
}

// lostWhy says whether generator name was lost and why, in words: "died
// (killed)", "stalled", "left"; "died or stalled" where its figures do
// not say (a run kept before they did).
func (t fleetTable) lostWhy(name string) (why string, lost bool) {
	for i := range t.names {
		g, ok := t.figuresOf(i, name)
		if ok && g.Lost {
			lost = true
			why = cmp.Or(why, report.LostWords(g.LostHow, g.ExitStatus, g.Signal))
		}
	}
	return cmp.Or(why, "died or stalled"), lost
}

// reasons words why generators were lost: the one reason they share, or
// how many for each, in the order first met: "died (killed)", "2 died
// (killed), 1 stalled".
func reasons(whys []string) string {
	var order []string
	count := map[string]int{}
	for _, w := range whys {
		if count[w] == 0 {
			order = append(order, w)
		}
		count[w]++
	}
	if len(order) == 1 {
		return order[0]
	}
	parts := make([]string, len(order))
	for i, w := range order {
		parts[i] = fmt.Sprintf("%d %s", count[w], w)
	}
	return strings.Join(parts, ", ")
}

// render draws the fleet in width w with at most rows generators; those
// lost or behind are shown first when not all fit.
func (t fleetTable) render(st *Styles, w, rows int) string {
	gens := t.generators()
	head := st.Bold.Render(t.summary(gens))
	if len(gens) == 0 {
		return fitWidth(head, w)
	}
	shown, hidden := t.pick(gens, max(1, rows))
	tab := table{headers: []string{"  generator", "share", "target/s"}, right: []bool{false, true, true}}
	for _, n := range t.names {
		tab.headers = append(tab.headers, n+" last·all/s")
		tab.right = append(tab.right, true)
	}
	tab.headers, tab.right = append(tab.headers, "state"), append(tab.right, false)
	target, sumLast := 0.0, make([]float64, len(t.names))
	for _, g := range gens {
		target += g.TargetRate
		for i := range t.names {
			if f, ok := t.figuresOf(i, g.Name); ok && !f.Lost {
				sumLast[i] += f.LastRate
			}
		}
	}
	for _, g := range shown {
		tab.rows = append(tab.rows, t.row(st, g))
	}
	total := []string{"  total", "100%", targetText(gens[0].Open, target)}
	for i := range t.names {
		cell := "-"
		if t.have[i] {
			cell = rate(sumLast[i]) + " · " + rate(t.fleets[i].Rate)
		}
		total = append(total, cell)
	}
	tab.rows = append(tab.rows, append(total, ""))
	out := head + "\n" + tab.render(st, w)
	if len(hidden) > 0 {
		out += "\n" + st.Faint.Render(t.hiddenLine(hidden))
	}
	return fitWidth(out, w)
}

// hiddenLine counts the generators not shown, and those of them lost or
// behind, which are shown first and so hidden only when they outnumber
// the rows.
func (t fleetTable) hiddenLine(hidden []labs.GeneratorFigures) string {
	bad := 0
	for _, g := range hidden {
		if _, lost, late := t.state(g.Name); lost || late {
			bad++
		}
	}
	if bad == 0 {
		return fmt.Sprintf("  and %d more generators, keeping up", len(hidden))
	}
	return fmt.Sprintf("  and %d more generators, %d of them lost or behind", len(hidden), bad)
}

// row is one generator's line of the table.
func (t fleetTable) row(st *Styles, g labs.GeneratorFigures) []string {
	text, lost, late := t.state(g.Name)
	share := strconv.FormatFloat(100*g.Share, 'f', -1, 64)
	if len(share) > 4 {
		// A share of a third reads 33.3 %, not 33.333333333333336.
		share = strconv.FormatFloat(100*g.Share, 'f', 1, 64)
	}
	share += "%"
	row := []string{"  " + g.Name, share, targetText(g.Open, g.TargetRate)}
	if lost {
		row[2] = "-"
	}
	for i := range t.names {
		f, ok := t.figuresOf(i, g.Name)
		cell := "-"
		if ok {
			last := rate(f.LastRate)
			if f.Lost {
				last = "-"
			}
			cell = last + " · " + rate(f.Rate)
			if behind(f) {
				cell = st.Warning.Render(cell)
			}
		}
		row = append(row, cell)
	}
	switch {
	case lost:
		text = st.Error.Render(text)
	case late:
		text = st.Warning.Render(text)
	}
	return append(row, text)
}

// targetText is a generator's target rate, or "closed" in a closed loop,
// where each generator opens the connections asked for.
func targetText(open bool, r float64) string {
	if !open {
		return "closed"
	}
	return rate(r)
}

// pick chooses at most n generators to show, in the fleet's order: those
// lost or behind first, then the others; hidden are those left out.
func (t fleetTable) pick(gens []labs.GeneratorFigures, n int) (shown, hidden []labs.GeneratorFigures) {
	// The line that counts those hidden takes a row: one generator left
	// over is shown in its place.
	if len(gens) <= n+1 {
		return gens, nil
	}
	keep := make([]bool, len(gens))
	left := n
	for pass := 0; pass < 2; pass++ {
		for i, g := range gens {
			_, lost, late := t.state(g.Name)
			if left > 0 && !keep[i] && (pass == 1 || lost || late) {
				keep[i], left = true, left-1
			}
		}
	}
	for i, g := range gens {
		if keep[i] {
			shown = append(shown, g)
		} else {
			hidden = append(hidden, g)
		}
	}
	return shown, hidden
}
