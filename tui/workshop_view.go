package tui

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/labs/workshop"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/report"
)

// textWidth is the widest a paragraph is set in the workshop, so that a
// line is read at a glance from across a room.
const textWidth = 76

// wideAgenda is the width from which the agenda names each lesson's
// workload beside it.
const wideAgenda = 120

// View draws the stage on show under the workshop's header line.
func (w workshopModel) View() string {
	if w.width == 0 || w.height == 0 {
		return ""
	}
	head := w.header()
	if w.quitting {
		head += "\n" + w.styles.Warning.Render(fitWidth("Quit the workshop? The room's score is lost. q again quits; any other key stays.", w.width))
	}
	h := max(0, w.height-lineCount(head)-1)
	var body string
	switch {
	case w.clock.paused:
		body = w.pausedView(h)
	case w.stage == stageAgenda:
		body = w.agendaView(h)
	case w.stage == stageLesson:
		body = w.lessonView(h)
	case w.stage == stagePredict:
		body = w.predictView()
	case w.stage == stageReveal:
		body = w.revealView(h)
	case w.stage == stageEnd:
		body = w.endView(h)
	}
	return head + "\n\n" + fit(body, w.width, h)
}

// header is the workshop's title, the lesson on show, the clock against
// the plan and the room's score, in one line.
func (w workshopModel) header() string {
	st := w.styles
	left := "perflab workshop"
	if w.stage != stageAgenda && w.stage != stageEnd {
		left = fmt.Sprintf("lesson %d of %d · %s", w.at+1, len(w.ws.Lessons), w.lesson().Path())
	}
	// The clock and score in full, or in brief where they do not fit
	// beside the lesson.
	r, n := w.score()
	long := fmt.Sprintf("%s of %dm planned", minutes(w.clock.elapsed()), w.ws.Minutes())
	brief := fmt.Sprintf("%s/%dm", minutes(w.clock.elapsed()), w.ws.Minutes())
	if w.clock.paused {
		long, brief = long+", paused", brief+" paused"
	}
	if n > 0 {
		long += fmt.Sprintf(" · room %d of %d right", r, n)
		brief += fmt.Sprintf(" · room %d/%d", r, n)
	}
	for _, right := range []string{long, brief} {
		if gap := w.width - lipgloss.Width(left) - lipgloss.Width(right); gap >= 2 {
			return st.Title.Render(left) + strings.Repeat(" ", gap) + st.Faint.Render(right)
		}
	}
	return fitWidth(st.Title.Render(left)+"  "+st.Faint.Render(brief), w.width)
}

// agendaView lists the lessons, the cursor on the one to begin at, with
// each one's planned minutes and how the room's answer fared.
func (w workshopModel) agendaView(h int) string {
	st := w.styles
	where := "Races run live"
	if w.replaying() {
		where = "Races are replayed from kept runs"
	}
	if w.opts.Where != "" {
		where += ": " + w.opts.Where
	}
	lines := []string{
		st.Bold.Render(w.ws.Title),
		wrap(w.ws.Size()+". "+where+".", w.width),
	}
	if w.opts.Note != "" {
		lines = append(lines, st.Warning.Render(wrap("! "+w.opts.Note, w.width)))
	}
	if w.opts.Room != nil {
		// The command stays on one line, to be copied whole.
		lines = append(lines, "Participants join the room with:", st.Bold.Render("  "+w.roomJoinLine()))
	}
	lines = append(lines, "")
	rows := max(1, h-len(lines))
	first := max(0, min(w.at-rows/2, len(w.ws.Lessons)-rows))
	for i := first; i < min(len(w.ws.Lessons), first+rows); i++ {
		l := w.ws.Lessons[i]
		cursor := "  "
		if i == w.at {
			cursor = st.Cursor.Render("▶ ")
		}
		row := fmt.Sprintf("%2d. %-34s %3d min  %-12s", i+1, l.Path(), l.Minutes, markText(w.mark(i), w.races[i] != nil))
		if w.width >= wideAgenda {
			// A projector's width has room for what the lesson races.
			row += "  " + l.Workload.Title
		}
		row = strings.TrimRight(row, " ")
		if i == w.at {
			row = st.Selected.Render(row)
		}
		lines = append(lines, cursor+row)
	}
	return strings.Join(lines, "\n")
}

// markText says how an answer fared, in a glyph and a word: colour is
// never the only sign.
func markText(m workshop.Mark, raced bool) string {
	glyph, word := markOf(m, raced)
	return strings.TrimSpace(glyph + " " + word)
}

// markOf is how an answer fared as a glyph and a word, both empty before
// its race.
func markOf(m workshop.Mark, raced bool) (glyph, word string) {
	switch {
	case m == workshop.Right:
		return "✓", "right"
	case m == workshop.Wrong:
		return "✗", "wrong"
	case raced:
		return "–", "not scored"
	}
	return "", ""
}

// lessonView is the lesson's number in block letters, its lab and workload,
// and its text, set large and short.
func (w workshopModel) lessonView(h int) string {
	st := w.styles
	l := w.lesson()
	tw := min(w.width, textWidth)
	title := fmt.Sprintf("%d. %s — %s", l.Lab.Number, l.Lab.ID, l.Lab.Title)
	sub := l.Workload.Title
	if l.Python() {
		sub += "  [python]"
	}
	text := []string{st.Bold.Render(wrap(title, tw)), st.Subtitle.Render(sub), "", st.Bold.Render(wrap(l.Text, tw)), "", st.Faint.Render(wrap(w.raceLine(), tw))}
	if w.note != "" {
		text = append(text, "", st.Warning.Render(wrap(w.note, tw)))
	}
	rest := strings.Join(text, "\n")
	if big, ok := bigText(fmt.Sprintf("lesson %d", w.at+1), w.width, h-lineCount(rest)-1); ok {
		return st.Title.Render(big) + "\n\n" + rest
	}
	return rest
}

// raceLine says what will race: the strategies, the parameters set, the
// time it is expected to take (labs.Plan.ExpectedLine), or the kept run it
// replays.
func (w workshopModel) raceLine() string {
	l := w.lesson()
	line := "the race: " + strings.Join(l.Names, " vs ")
	if w.replaying() {
		// The kept run says what it raced at, which may not be the
		// lesson's parameters.
		rep := w.opts.Replays[w.at].Report
		return line + " · " + report.FormatParams(rep.Params) + " · replayed from the run kept on " + rep.Started.In(w.loc).Format("2 Jan 2006 at 15:04")
	}
	if len(l.Spec.Params) > 0 {
		params := map[string]any{}
		for k, v := range l.Spec.Params {
			params[k] = v
		}
		line += " · " + report.FormatParams(params)
	}
	// The time the race takes, its profiling included, in the words the
	// command line and the set-up use for it: one rule, one voice.
	plan, err := w.raceSpec().Plan()
	if err != nil {
		return line + " · " + err.Error()
	}
	return line + " · " + plan.ExpectedLine()
}

// predictView asks the room the lesson's question, its choices numbered,
// the room's answer marked by an arrow and a word.
func (w workshopModel) predictView() string {
	st := w.styles
	l := w.lesson()
	tw := min(w.width, textWidth)
	lines := []string{st.Bold.Render(wrap(l.Question, tw)), ""}
	for i, c := range l.Choices {
		row := fmt.Sprintf("%d) %s", i+1, c.Label())
		if w.picks[w.at] == i {
			lines = append(lines, st.Selected.Render("▶ "+row+"   ← the room's answer"))
			continue
		}
		lines = append(lines, "  "+row)
	}
	lines = append(lines, "")
	if w.picks[w.at] < 0 {
		lines = append(lines, st.Faint.Render(wrap("Ask the room, then press the number of its majority's answer. enter starts the race.", tw)))
	} else {
		lines = append(lines, st.Faint.Render(wrap("enter starts the race; the room's answer is scored at the reveal.", tw)))
	}
	if w.showsRoom() {
		lines = append(lines, "", st.Bold.Render(wrap(w.roomAnsweredLine(), tw)))
		if names := roomNamesLine(w.tally, tw); names != "" {
			lines = append(lines, wrap(names, tw))
		}
	}
	if w.note != "" {
		lines = append(lines, "", st.Warning.Render(wrap(w.note, tw)))
	}
	return strings.Join(lines, "\n")
}

// revealView is how the race came out: a headline in block letters, the
// outcome in words beside the room's answer, the table when there is room,
// and why it came out so.
func (w workshopModel) revealView(h int) string {
	st := w.styles
	race := w.races[w.at]
	o := race.outcome
	glyph, verdict := outcomeMark(o)
	lines := []string{st.Bold.Render(wrap(glyph+" "+outcomeSays(o), w.width)), w.answerLine()}
	if race.report.Cancelled {
		lines = append(lines, st.Warning.Render(wrap("! the race was stopped before the end: these are its partial results", w.width)))
	}
	if note := savedNote(st, w.width, shortPath(race.kept), race.saved); note != "" {
		lines = append(lines, note)
	}
	if w.showsRoom() {
		lines = append(lines, "", w.roomBars(race, w.width))
		if note := w.roomKeptNote(race); note != "" {
			lines = append(lines, note)
		}
		if spread := w.roomSpread(race, w.width, max(2, h/6)); spread != "" {
			lines = append(lines, "", spread)
		}
	}
	top := strings.Join(lines, "\n")
	why := w.whyLines()
	tbl := revealTable(w.styles, race, w.width)
	// The headline comes first, then the why, whole if it can be, then
	// the table: a long why scrolls under a headline that stays.
	layouts := []struct {
		tbl     bool
		whyRows int
	}{{true, len(why)}, {false, len(why)}, {false, min(len(why), 4)}}
	var big string
	ok, rows, withTable := false, len(why), false
	for _, l := range layouts {
		rest := lineCount(top) + l.whyRows + 2
		if l.tbl {
			rest += lineCount(tbl) + 1
		}
		if big, ok = bigTextOf(headlines(o), w.width, h-rest); ok {
			rows, withTable = l.whyRows, l.tbl
			break
		}
	}
	parts := []string{}
	if ok {
		parts = append(parts, st.Verdict(verdict, big), "")
	} else {
		rows = max(2, h-lineCount(top)-1)
	}
	parts = append(parts, top, "")
	if withTable {
		parts = append(parts, tbl, "")
	}
	return strings.Join(append(parts, w.whyWindow(why, rows)), "\n")
}

// whyLines is the reveal's why, set for reading: what the race's profiles
// measured first, where it was profiled, then the lesson's written why.
func (w workshopModel) whyLines() []string {
	tw := min(w.width, textWidth)
	text := "Why: " + w.lesson().Why
	if w.at < len(w.races) && w.races[w.at] != nil {
		if lead := report.WhyLead(w.races[w.at].report); lead != "" {
			text = "Why: in the race's profiles, " + lead + ".\n\n" + w.lesson().Why
		}
	}
	return strings.Split(wrap(text, tw), "\n")
}

// whyWindow shows rows lines of the why from where pgdn and pgup have
// scrolled it, its last row saying what is left when it does not fit.
func (w workshopModel) whyWindow(why []string, rows int) string {
	if len(why) <= rows {
		return strings.Join(why, "\n")
	}
	rows = max(1, rows-1)
	top := max(0, min(w.whyTop, len(why)-rows))
	shown := why[top : top+rows]
	more := fmt.Sprintf("▼ pgdn reads on: %d more lines", len(why)-top-rows)
	if top+rows >= len(why) {
		more = "▲ pgup goes back up"
	}
	return strings.Join(append(shown, w.styles.Faint.Render(more)), "\n")
}

// shortPath keeps a kept run's file name, not its folder: the agenda
// names the folder once.
func shortPath(k keptMsg) keptMsg {
	if k.path != "" {
		k.path = filepath.Base(k.path)
	}
	return k
}

// answerLine sets the room's answer beside the race's: the answer and a
// glyph and a word for how it fared.
func (w workshopModel) answerLine() string {
	st := w.styles
	pick := w.picks[w.at]
	if pick < 0 {
		return st.Faint.Render("The room gave no answer: not scored.")
	}
	c := w.lesson().Choices[pick]
	said := fmt.Sprintf("The room said %d) %s  →  ", pick+1, c.Label())
	switch w.mark(w.at) {
	case workshop.Right:
		return said + st.Verdict(measure.Faster, "✓ RIGHT")
	case workshop.Wrong:
		return said + st.Verdict(measure.Slower, "✗ WRONG")
	}
	return said + st.Warning.Render("– not scored: the race did not decide")
}

// revealTable is the race's strategies in brief: ns/op, the comparison
// and its verdict.
func revealTable(st *Styles, race *lessonRace, width int) string {
	t := table{headers: []string{"strategy", "ns/op", "vs baseline", "p", "n"}, right: []bool{false, true, false, true, true}}
	for _, row := range report.Rows(race.report) {
		vs := st.Faint.Render(row.Vs)
		if row.Verdict != "" {
			vs = st.Verdict(row.Verdict, row.Vs)
		}
		t.rows = append(t.rows, []string{row.Name, row.NsPerOp, vs, row.P, row.N})
	}
	return t.render(st, width)
}

// headlines are the outcome in the few words block letters take, the
// fullest first: the reveal shows the first that fits.
func headlines(o workshop.Outcome) []string {
	switch o.Kind {
	case workshop.NoDifference:
		return []string{"no difference ~", "same ~"}
	case workshop.Undecided:
		return []string{"undecided ?"}
	}
	by := workshop.Times(o.By)
	if len(o.Tied) > 1 {
		// A tie names every strategy the race could not tell apart.
		tied := strings.Join(o.Tied, " = ")
		return []string{tied + " " + by + " faster", tied + " " + by, tied, "a tie " + by}
	}
	return []string{o.Winner + " wins " + by + " faster", o.Winner + " " + by, o.Winner + " wins"}
}

// outcomeMark is the glyph that marks an outcome without colour, and the
// verdict whose colour its headline takes.
func outcomeMark(o workshop.Outcome) (string, measure.Verdict) {
	switch o.Kind {
	case workshop.NoDifference:
		return "~", measure.Same
	case workshop.Undecided:
		return "?", measure.Inconclusive
	}
	return "▲", measure.Faster
}

// endView is the room's score in block letters, then lesson by lesson; the
// list's heading gives way to the block letters where both do not fit.
func (w workshopModel) endView(h int) string {
	st := w.styles
	right, scored := w.score()
	var rows []string
	for i, l := range w.ws.Lessons {
		said := "no answer"
		if p := w.picks[i]; p >= 0 {
			said = l.Choices[p].Label()
		}
		mark := fmt.Sprintf("%-14s", markText(w.mark(i), w.races[i] != nil))
		if w.width < wideAgenda {
			// Narrow, a glyph marks the answer, leaving the room to
			// say it.
			glyph, _ := markOf(w.mark(i), w.races[i] != nil)
			mark = fmt.Sprintf("%-2s", glyph)
		}
		rows = append(rows, fmt.Sprintf("%2d. %-34s %s %s", i+1, l.Path(), mark, said))
	}
	list := strings.Join(rows, "\n")
	withHeading := st.Bold.Render("The room's predictions, lesson by lesson:") + "\n\n" + list
	head := fmt.Sprintf("%d of %d right", right, scored)
	if scored == 0 {
		head = "no score yet"
	}
	for _, rest := range []string{withHeading, list} {
		if big, ok := bigText(head, w.width, h-lineCount(rest)-1); ok {
			return st.Title.Render(big) + "\n\n" + rest
		}
	}
	return st.Title.Render("The room: "+head) + "\n\n" + withHeading
}

// pausedView says the workshop is paused, in block letters, with the time
// so far.
func (w workshopModel) pausedView(h int) string {
	st := w.styles
	rest := st.Faint.Render(fmt.Sprintf("The clock is stopped at %s. p goes on.", minutes(w.clock.elapsed())))
	if big, ok := bigText("paused", w.width, h-2); ok {
		return st.Title.Render(big) + "\n\n" + rest
	}
	return st.Title.Render("PAUSED") + "\n\n" + rest
}
