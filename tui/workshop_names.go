package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure/report"
)

// maxShownName bounds a participant's name on the teacher's screen, in
// cells: a name is there to say who has answered, and twenty of them
// share a line or two of a projector.
const maxShownName = 16

// shownNames turns the names the room's participants gave into names to
// show, in the same order: on one line, printable (a name is a stranger's
// text: an escape or a bidirectional control is written out, inert), at
// most maxShownName cells, and two alike told apart by a number, "ada"
// and "ada (2)". Participants who gave no name are counted in unnamed.
func shownNames(names []string) (shown []string, unnamed int) {
	taken := map[string]bool{}
	for _, n := range names {
		n = shownName(n)
		if n == "" {
			unnamed++
			continue
		}
		name := n
		for i := 2; taken[name]; i++ {
			name = fmt.Sprintf("%s (%d)", n, i)
		}
		taken[name] = true
		shown = append(shown, name)
	}
	return shown, unnamed
}

// shownName is a name a participant gave, to show: on one line,
// printable, at most maxShownName cells; "" for none. The teacher's room
// drops a name that is not one line of printable text (room.CheckName),
// but a room kept by an older perflab may hold one.
func shownName(n string) string {
	n = strings.Join(strings.Fields(n), " ")
	return ansi.Truncate(report.Printable(n), maxShownName, "…")
}

// roomNamesLine says who in the room has answered, by name, never with
// their answers: as many names as fit in two lines of width, then how
// many more, and how many gave no name. It is empty when no one has
// answered.
func roomNamesLine(t room.Tally, width int) string {
	shown, unnamed := shownNames(t.Names)
	// A tally kept by an older perflab may count answers without names.
	unnamed += max(0, t.Total-len(shown)-unnamed)
	if len(shown) == 0 {
		return ""
	}
	tail := func(more int) string {
		var parts []string
		if more > 0 {
			parts = append(parts, fmt.Sprintf("%d more", more))
		}
		switch {
		case unnamed == 1:
			parts = append(parts, "1 without a name")
		case unnamed > 1:
			parts = append(parts, fmt.Sprintf("%d without a name", unnamed))
		}
		if len(parts) == 0 {
			return ""
		}
		return " and " + strings.Join(parts, " and ")
	}
	budget := 2*max(width, 20) - 4
	line := "Answered: " + shown[0]
	for i, n := range shown[1:] {
		next := line + ", " + n
		// The names that follow must fit with the count of the rest.
		if lipgloss.Width(next+tail(len(shown)-i-2)) > budget {
			return line + tail(len(shown)-i-1)
		}
		line = next
	}
	return line + tail(0)
}
