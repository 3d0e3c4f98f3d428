package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/labs/lab"
)

// homeModel is the home screen: the labs in lesson order and the lesson of
// the one under the cursor.
type homeModel struct {
	common
	labs   []*lab.Lab
	cursor int
	// scroll is the first line of the lesson on show: a lesson longer than
	// its pane scrolls with pgup and pgdn.
	scroll int
	// flash is a one-line note, such as why a lab cannot be opened.
	flash string
}

func newHome(c common, all []*lab.Lab) homeModel {
	return homeModel{common: c, labs: all}
}

// selected returns the lab under the cursor, nil in an empty catalogue.
func (h homeModel) selected() *lab.Lab {
	if h.cursor < 0 || h.cursor >= len(h.labs) {
		return nil
	}
	return h.labs[h.cursor]
}

// Update moves the cursor, and asks for the set-up of the lab chosen.
func (h homeModel) Update(msg tea.Msg) (homeModel, tea.Cmd, intent) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return h, nil, intent{}
	}
	h.flash = ""
	was := h.cursor
	defer func() {
		// Another lab's lesson starts from its top.
		if h.cursor != was {
			h.scroll = 0
		}
	}()
	switch {
	case key.Matches(k, h.keys.Quit):
		return h, nil, intent{kind: askQuit}
	case key.Matches(k, h.keys.Runs):
		return h, nil, intent{kind: askRuns}
	case key.Matches(k, h.keys.Up):
		h.cursor = max(0, h.cursor-1)
	case key.Matches(k, h.keys.Down):
		h.cursor = min(len(h.labs)-1, h.cursor+1)
	case key.Matches(k, h.keys.Digit):
		if n := digit(k); n >= 1 && n <= len(h.labs) {
			h.cursor = n - 1
		}
	case key.Matches(k, h.keys.PageDown):
		_, innerH := h.paneInner()
		page := max(1, innerH-1)
		h.scroll = min(h.scroll+page, max(0, h.lessonLines()-page))
	case key.Matches(k, h.keys.PageUp):
		_, innerH := h.paneInner()
		h.scroll = max(0, h.scroll-max(1, innerH-1))
	case key.Matches(k, h.keys.Open):
		l := h.selected()
		switch {
		case l == nil:
		case !l.Runnable():
			h.flash = fmt.Sprintf("lab %d, %s, is not built yet: pick another", l.Number, l.ID)
		default:
			return h, nil, intent{kind: askSetup, lab: l}
		}
	}
	return h, nil, intent{}
}

// Help names the home screen's keys.
func (h homeModel) Help() helpKeys {
	_, innerH := h.paneInner()
	return h.keys.homeHelp(len(h.labs), h.lessonLines() > innerH)
}

// Home layout: the lesson pane goes beside the list when the terminal is at
// least homeSideBySide wide, below it otherwise.
const homeSideBySide = 110

// View draws the list and the lesson pane.
func (h homeModel) View() string {
	st := h.styles
	header := st.Title.Render("perflab") + st.Subtitle.Render("  "+h.ways()+" to make an application faster")
	list := h.listView()
	status := ""
	if h.flash != "" {
		status = st.Warning.Render(h.flash)
	}
	paneW, paneH := h.paneSize()
	pane := h.lessonPane(paneW, paneH)
	var body string
	if h.width >= homeSideBySide {
		listW := lipgloss.Width(list) + 2
		body = lipgloss.JoinHorizontal(lipgloss.Top, h.styles.Plain.Width(listW).Render(list), pane)
	} else {
		body = list + "\n\n" + pane
	}
	return header + "\n\n" + body + "\n" + status
}

// paneSize is the lesson pane's size: beside the list on a wide terminal,
// below it otherwise, with the header and the status line around.
func (h homeModel) paneSize() (w, hgt int) {
	const header, status = 1, 1
	list := h.listView()
	if h.width >= homeSideBySide {
		return h.width - lipgloss.Width(list) - 2, h.height - header - 3
	}
	return h.width, h.height - header - 1 - lineCount(list) - 1 - status
}

// paneInner is the room inside the lesson pane's frame.
func (h homeModel) paneInner() (w, hgt int) {
	pw, ph := h.paneSize()
	pane := h.styles.FocusedPane
	return pw - pane.GetHorizontalFrameSize(), ph - pane.GetVerticalFrameSize()
}

// lessonText is the selected lab's lesson and its workloads' lessons,
// wrapped to w.
func (h homeModel) lessonText(w int) string {
	l := h.selected()
	if l == nil {
		return ""
	}
	st := h.styles
	text := st.Bold.Render(fmt.Sprintf("Lab %d · %s", l.Number, l.Title)) + "\n\n" + wrap(l.Lesson, w)
	if !l.Runnable() {
		return text + "\n\n" + st.Disabled.Render("This lab is not built yet.")
	}
	var ws []string
	for _, wl := range l.Workloads {
		ws = append(ws, "  "+st.Key.Render(wl.ID)+"  "+wl.Title)
	}
	text += "\n\n" + st.Subtitle.Render("workloads — enter to set one up:") + "\n" + strings.Join(ws, "\n")
	for _, wl := range l.Workloads {
		if wl.Lesson != "" {
			text += "\n\n" + st.Bold.Render(wl.ID+" · "+wl.Title) + "\n" + wrap(wl.Lesson, w)
		}
	}
	return text
}

// lessonLines is how many lines the selected lesson takes in its pane.
func (h homeModel) lessonLines() int {
	w, _ := h.paneInner()
	if w < 10 {
		return 0
	}
	return lineCount(h.lessonText(w))
}

// listView lists the labs, numbered, with their one-line lessons. A lab
// not built yet says so before its lesson, where a narrow terminal cannot
// cut it off.
func (h homeModel) listView() string {
	st := h.styles
	var b strings.Builder
	for i, l := range h.labs {
		cursor := "  "
		if i == h.cursor {
			cursor = st.Cursor.Render("▶ ")
		}
		name := fmt.Sprintf("%d. %-16s", l.Number, l.ID)
		var line string
		switch {
		case !l.Runnable():
			line = st.Disabled.Render(name + " not built  " + l.Title)
		case i == h.cursor:
			line = st.Selected.Render(name) + "            " + l.Title
		default:
			line = name + "            " + l.Title
		}
		b.WriteString(cursor + line)
		if i < len(h.labs)-1 {
			b.WriteByte('\n')
		}
	}
	return fitWidth(b.String(), max(minWidth, min(h.width, 96)))
}

// lessonPane shows the selected lab's lesson and workloads in a w x h box,
// from line scroll; a lesson longer than the box says how to read on.
func (h homeModel) lessonPane(w, hgt int) string {
	pane := h.styles.FocusedPane
	innerW, innerH := w-pane.GetHorizontalFrameSize(), hgt-pane.GetVerticalFrameSize()
	if h.selected() == nil || innerW < 10 || innerH < 1 {
		return ""
	}
	lines := strings.Split(h.lessonText(innerW), "\n")
	if len(lines) > innerH {
		// The last line of the pane says how to read on.
		page := max(1, innerH-1)
		from := min(h.scroll, max(0, len(lines)-page))
		shown := lines[from:min(len(lines), from+page)]
		more := fmt.Sprintf("↓ pgdn to read on (%d%%)", 100*(from+len(shown))/len(lines))
		if from+len(shown) >= len(lines) {
			more = "↑ pgup to go back"
		}
		lines = append(shown, h.styles.Faint.Render(more))
	}
	return pane.Width(innerW + pane.GetHorizontalPadding()).Render(fit(strings.Join(lines, "\n"), innerW, innerH))
}

// ways counts the labs of the catalogue, each a way to make an application
// faster: "seven ways".
func (h homeModel) ways() string {
	n := 0
	for _, l := range h.labs {
		// "Your own" is no way to make an application faster of its
		// own.
		if !l.Own {
			n++
		}
	}
	if n == 1 {
		return "one way"
	}
	return spelled(n) + " ways"
}
