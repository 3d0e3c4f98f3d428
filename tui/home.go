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
	switch {
	case key.Matches(k, h.keys.Quit):
		return h, nil, intent{kind: askQuit}
	case key.Matches(k, h.keys.Up):
		h.cursor = max(0, h.cursor-1)
	case key.Matches(k, h.keys.Down):
		h.cursor = min(len(h.labs)-1, h.cursor+1)
	case key.Matches(k, h.keys.Digit):
		if n := digit(k); n >= 1 && n <= len(h.labs) {
			h.cursor = n - 1
		}
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
func (h homeModel) Help() helpKeys { return h.keys.homeHelp(len(h.labs)) }

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
	used := lineCount(header) + 1 + lineCount(list) + 1 + 1
	var body string
	if h.width >= homeSideBySide {
		listW := lipgloss.Width(list) + 2
		pane := h.lessonPane(h.width-listW, h.height-lineCount(header)-3)
		body = lipgloss.JoinHorizontal(lipgloss.Top, h.styles.Plain.Width(listW).Render(list), pane)
	} else {
		pane := h.lessonPane(h.width, h.height-used)
		body = list + "\n\n" + pane
	}
	return header + "\n\n" + body + "\n" + status
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

// lessonPane shows the selected lab's lesson and workloads in a w x h box.
func (h homeModel) lessonPane(w, hgt int) string {
	l := h.selected()
	pane := h.styles.FocusedPane
	fw, fh := pane.GetHorizontalFrameSize(), pane.GetVerticalFrameSize()
	innerW, innerH := w-fw, hgt-fh
	if l == nil || innerW < 10 || innerH < 1 {
		return ""
	}
	st := h.styles
	text := st.Bold.Render(fmt.Sprintf("Lab %d · %s", l.Number, l.Title)) + "\n\n" + wrap(l.Lesson, innerW)
	if l.Runnable() {
		var ws []string
		for _, wl := range l.Workloads {
			ws = append(ws, "  "+st.Key.Render(wl.ID)+"  "+wl.Title)
		}
		text += "\n\n" + st.Subtitle.Render("workloads — enter to set one up:") + "\n" + strings.Join(ws, "\n")
	} else {
		text += "\n\n" + st.Disabled.Render("This lab is not built yet.")
	}
	return pane.Width(innerW + pane.GetHorizontalPadding()).Render(fit(text, innerW, innerH))
}

// ways counts the labs of the catalogue, each a way to make an application
// faster: "seven ways".
func (h homeModel) ways() string {
	n := 0
	for _, l := range h.labs {
		// The labs after the lessons, such as "your own", are no way
		// to make an application faster of their own.
		if l.Number <= lessons {
			n++
		}
	}
	if n == 1 {
		return "one way"
	}
	return spelled(n) + " ways"
}

// lessons is how many labs are lessons; the catalogue may list more after
// them.
const lessons = 7
