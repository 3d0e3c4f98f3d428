package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/perflab/perflab/labs"
)

// Set-up layout: a section column, a name column as wide as the longest
// name, and a value column, then the field's note (its error, or its help).
const (
	sectionWidth = 12
	minNameWidth = 10
)

// nameWidth is the width of the name column: the longest name and a space.
func (s setupModel) nameWidth() int {
	w := minNameWidth
	for _, f := range s.fields {
		w = max(w, lipgloss.Width(f.name)+1)
	}
	return w
}

// View draws the form, what the run compares and the focused field's help.
func (s setupModel) View() string {
	if s.lab == nil {
		return ""
	}
	st := s.styles
	wl := s.wl()
	header := st.Title.Render("perflab") + st.Subtitle.Render(fmt.Sprintf("  lab %d · %s", s.lab.Number, s.lab.Title))
	var rows []string
	section := ""
	for i, f := range s.fields {
		label := ""
		if sec := f.section(); sec != section {
			section, label = sec, sec
		}
		rows = append(rows, s.row(i, f, label))
	}
	summary := st.Subtitle.Render("compare ") + s.summary()
	if s.expected != "" {
		summary += "\n" + st.Subtitle.Render("expected time ") + s.expectedText()
	}
	focused := s.fields[s.focus]
	about := st.Faint.Render(wrap(focused.help, max(10, s.width-4)))
	status := ""
	if s.err != "" {
		status = st.Error.Render("✗ " + s.err)
	}
	parts := []string{header, st.Subtitle.Render(s.lab.ID + "/" + wl.ID + " — " + wl.Title), "", strings.Join(rows, "\n"), "", summary, about}
	if status != "" {
		parts = append(parts, wrap(status, s.width))
	}
	out := strings.Join(parts, "\n")
	if lineCount(out) > s.height {
		// Keep the focused row in sight on a short terminal: drop rows
		// from the top of the form, never the cursor's.
		out = s.scrolled(parts, rows, s.height)
	}
	return out
}

// scrolled fits the form to height by showing a window of rows around the
// focused one.
func (s setupModel) scrolled(parts, rows []string, height int) string {
	fixed := 0
	for i, p := range parts {
		if i != 3 {
			// A blank part is a line of its own.
			fixed += max(1, lineCount(p))
		}
	}
	room := max(1, height-fixed)
	start := max(0, min(s.focus-room/2, len(rows)-room))
	end := min(len(rows), start+room)
	parts[3] = strings.Join(rows[start:end], "\n")
	return fitHeight(strings.Join(parts, "\n"), height)
}

// section names the part of the form a field belongs to.
func (f field) section() string {
	switch f.kind {
	case fieldWorkload:
		return "Workload"
	case fieldStrategy:
		return "Strategies"
	case fieldParam:
		return "Parameters"
	case fieldSweep:
		return "Sweep"
	case fieldProfile:
		return "Why"
	}
	return "Run"
}

// row draws field i: cursor, section label, name, value and note.
func (s setupModel) row(i int, f field, label string) string {
	st := s.styles
	cur := "  "
	if i == s.focus {
		cur = st.Cursor.Render("▶ ")
	}
	name := fmt.Sprintf("%-*s", s.nameWidth(), f.name)
	if i == s.focus {
		name = st.Selected.Render(name)
	}
	value, note := s.value(i, f)
	line := cur + st.Subtitle.Render(fmt.Sprintf("%-*s", sectionWidth, label)) + name + " " + value
	if note != "" {
		line += "  " + note
	}
	return fitWidth(line, s.width)
}

// value draws a field's value and the note beside it.
func (s setupModel) value(i int, f field) (value, note string) {
	st := s.styles
	switch f.kind {
	case fieldWorkload:
		v := s.wl().ID
		if len(s.lab.Workloads) > 1 {
			v = "◀ " + v + " ▶"
		}
		return v, st.Faint.Render(s.wl().Title)
	case fieldStrategy:
		return s.strategyMark(f.strategy), st.Faint.Render(f.help)
	case fieldProfile:
		return profileMark(st, f.on), s.fieldNote(f)
	}
	var in string
	if i == s.focus {
		in = editedValue(f.input)
	} else {
		in = st.Key.Render(shownValue(f.input))
	}
	in += strings.Repeat(" ", max(0, inputWidth+1-lipgloss.Width(in)))
	if f.err != "" {
		return in, st.Error.Render("✗ " + f.err)
	}
	if i == s.focus {
		return in, ""
	}
	return in, st.Faint.Render(f.note())
}

// profileMark shows whether the run will profile its strategies.
func profileMark(st *Styles, on bool) string {
	if on {
		return st.Selected.Render(fmt.Sprintf("%-*s", inputWidth+1, "[x] on"))
	}
	return fmt.Sprintf("%-*s", inputWidth+1, "[ ] off")
}

// fieldNote is a toggle's note: its error, or its help.
func (s setupModel) fieldNote(f field) string {
	if f.err != "" {
		return s.styles.Error.Render("✗ " + f.err)
	}
	return s.styles.Faint.Render(f.help)
}

// note is what an unfocused field says beside its value: a parameter's
// bounds first, where a narrow terminal cannot cut them off, then its help
// whole, for the row to cut where it must.
func (f field) note() string {
	if f.param != nil {
		if b := f.param.Bounds(); b != "" {
			return b + " " + f.param.Help
		}
		return f.param.Help
	}
	return f.help
}

// expectedText says how long the run will take, marked when it is long
// enough to be a mistake.
func (s setupModel) expectedText() string {
	if s.long {
		return s.styles.Warning.Render("⚠ " + s.expected)
	}
	return s.expected
}

// strategyMark shows where strategy i stands in the comparison: "[1]" for
// the baseline, "[2,4]" for one chosen twice, "[ ]" if not chosen.
func (s setupModel) strategyMark(i int) string {
	var pos []string
	for p, c := range s.chosen {
		if c == i {
			pos = append(pos, strconv.Itoa(p+1))
		}
	}
	if len(pos) == 0 {
		return fmt.Sprintf("%-*s", inputWidth+1, "[ ]")
	}
	mark := "[" + strings.Join(pos, ",") + "]"
	if pos[0] == "1" {
		mark += " baseline"
	}
	return s.styles.Selected.Render(fmt.Sprintf("%-*s", inputWidth+1, mark))
}

// summary says what the run compares: "slice (baseline) vs map, binary".
func (s setupModel) summary() string {
	if s.onPyFile() && len(s.wl().Strategies) == 0 {
		return s.styles.Error.Render("nothing yet: type the path of a .py file into file")
	}
	if len(s.chosen) == 0 {
		return s.styles.Error.Render("nothing: choose a strategy with space")
	}
	names := s.runNames()
	out := names[0] + " (baseline)"
	if len(names) > 1 {
		out += " vs " + strings.Join(names[1:], ", ")
	}
	return out
}

// runNames are the chosen strategies' names as results will show them.
func (s setupModel) runNames() []string {
	ids := make([]string, len(s.chosen))
	for i, c := range s.chosen {
		ids[i] = s.wl().Strategies[c].ID
	}
	return labs.Names(ids)
}

// shownValue is an unfocused field's value as it fits its column: the
// start of a long value, which names what it is (a command, a URL), and a
// "…" where the rest is cut off.
func shownValue(in textinput.Model) string {
	if in.Value() == "" {
		return in.View()
	}
	return ansi.Truncate(in.Value(), inputWidth, "…")
}

// editedValue is the field being edited: the input's own window, which
// keeps the cursor in sight, with a "…" on each side where the value goes
// on beyond it, so a cut value never reads as a whole one.
func editedValue(in textinput.Model) string {
	v := in.View()
	value := []rune(in.Value())
	if ansi.StringWidth(in.Value()) <= in.Width {
		return v
	}
	shown := []rune(strings.TrimRight(ansi.Strip(v), " "))
	from := windowStart(value, shown, in.Position())
	if from > 0 {
		v = "…" + v
	}
	if from+len(shown) < len(value) {
		v = strings.TrimRight(v, " ") + "…"
	}
	return v
}

// windowStart finds where the shown runes begin in value: the occurrence
// that holds the cursor at pos, the first one failing that.
func windowStart(value, shown []rune, pos int) int {
	first := -1
	for o := 0; o+len(shown) <= len(value); o++ {
		if string(value[o:o+len(shown)]) != string(shown) {
			continue
		}
		if o <= pos && pos <= o+len(shown) {
			return o
		}
		if first < 0 {
			first = o
		}
	}
	return max(first, 0)
}
