package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure/runs"
)

func TestShownNames(t *testing.T) {
	for _, c := range []struct {
		what    string
		names   []string
		want    []string
		unnamed int
	}{
		{"plain", []string{"ada", "bob"}, []string{"ada", "bob"}, 0},
		{"twins told apart", []string{"ada", "ada", "bob", "ada"}, []string{"ada", "ada (2)", "bob", "ada (3)"}, 0},
		{"a name like a twin's", []string{"ada (2)", "ada", "ada"}, []string{"ada (2)", "ada", "ada (3)"}, 0},
		{"no name", []string{"", "  ", "ada"}, []string{"ada"}, 2},
		{"on one line", []string{"ada\nlovelace"}, []string{"ada lovelace"}, 0},
		{"escapes inert", []string{"\x1b[2Jx", "a\u202eb"}, []string{`\x1b[2Jx`, `a\u202eb`}, 0},
		{"bounded", []string{strings.Repeat("w", 40)}, []string{strings.Repeat("w", maxShownName-1) + "…"}, 0},
		{"twins after the cut", []string{strings.Repeat("w", 30) + "1", strings.Repeat("w", 30) + "2"},
			[]string{strings.Repeat("w", maxShownName-1) + "…", strings.Repeat("w", maxShownName-1) + "… (2)"}, 0},
	} {
		got, unnamed := shownNames(c.names)
		if !slices.Equal(got, c.want) || unnamed != c.unnamed {
			t.Errorf("%s: shownNames(%q) = %q, %d; want %q, %d", c.what, c.names, got, unnamed, c.want, c.unnamed)
		}
	}
}

func TestRoomNamesLine(t *testing.T) {
	if got := roomNamesLine(room.Tally{Total: 2, Names: []string{"", ""}}, 80); got != "" {
		t.Errorf("no names: %q, want nothing", got)
	}
	got := roomNamesLine(room.Tally{Total: 3, Names: []string{"ada", "", "bob"}}, 80)
	if want := "Answered: ada, bob and 1 without a name"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A crowd is cut to two lines, and the rest counted.
	var many []string
	for range 50 {
		many = append(many, "participant")
	}
	many = append(many, "")
	got = roomNamesLine(room.Tally{Total: len(many), Names: many}, 60)
	if lipgloss.Width(got) > 2*60 || !strings.HasSuffix(got, "more and 1 without a name") {
		t.Errorf("a crowd's line, %d cells: %q", lipgloss.Width(got), got)
	}
}

// namedRoom is a fakeRoom whose participants gave names.
type namedRoom struct {
	*fakeRoom
	names map[int][]string
}

func (r namedRoom) Tally(lesson, choices int) room.Tally {
	t := r.fakeRoom.Tally(lesson, choices)
	t.Names = r.names[lesson]
	return t
}

// TestQuestionNamesWhoAnswered shows the question with a room whose
// participants gave names: the screen names them, twins told apart, and
// never says what they chose.
func TestQuestionNamesWhoAnswered(t *testing.T) {
	nr := namedRoom{&fakeRoom{counts: map[int][]int{0: {1, 2}}}, map[int][]string{0: {"ada", "ada", ""}}}
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{Room: nr})
	m = press(m, "enter", "enter")
	m = update(m, roomTickMsg{})
	s := screen(m)
	if !strings.Contains(s, "3 in the room answered") || !strings.Contains(s, "Answered: ada, ada (2) and 1 without a name") {
		t.Fatalf("the question does not name who answered:\n%s", s)
	}
	// A crowd of long names still fits the screen.
	var crowd []string
	for i := range 60 {
		crowd = append(crowd, strings.Repeat(string(rune('a'+i%26)), 40))
	}
	nr = namedRoom{&fakeRoom{counts: map[int][]int{0: {30, 30}}}, map[int][]string{0: crowd}}
	m, _ = newWorkshopModel(t, 80, 24, WorkshopOptions{Room: nr})
	m = press(m, "enter", "enter")
	m = update(m, roomTickMsg{})
	if s := screen(m); !strings.Contains(s, "60 in the room answered") || !strings.Contains(s, "more") {
		t.Fatalf("a crowd on the question:\n%s", s)
	}
	checkFits(t, "question", m.View(), 80, 24)
}

// TestSpreadShowsNamesOnOneLine reveals a race whose machines named
// themselves with a newline, an escape and a flood: a room kept by an
// older perflab may hold such names, and the spread's rows stay one line
// each, printable, within the screen.
func TestSpreadShowsNamesOnOneLine(t *testing.T) {
	rs := []room.Result{finished("ada\nbob", 2, 95), finished("\x1b[2Jcy", 4, 180), finished(strings.Repeat("x", 10<<10), 8, 300)}
	sr := &spreadRoom{fakeRoom: &fakeRoom{counts: map[int][]int{0: {1, 2}}}, results: rs}
	saved := &runs.Saved{Report: fakeReport()}
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Room: sr})
	m = press(m, "enter", "enter", "2")
	mm, cmd := m.Update(keyMsg("enter"))
	m = update(drive(t, mm.(Model), cmd, isReveal), roomTickMsg{})
	spread := m.workshop.roomSpread(m.workshop.races[0], 80, 10)
	if lineCount(spread) != 4 || strings.Contains(spread, "\x1b[2J") {
		t.Errorf("the spread of hostile names, %d lines:\n%q", lineCount(spread), spread)
	}
	for _, want := range []string{"ada bob", "\\x1b[2Jcy", "xxxxxxxxxx…"} {
		if !strings.Contains(spread, want) {
			t.Errorf("the spread does not show %q:\n%s", want, spread)
		}
	}
	checkFits(t, "reveal", m.View(), 80, 24)
}

// TestQuestionSaysWhyMessagesWereDropped counts the room's drops by why
// on the question screen.
func TestQuestionSaysWhyMessagesWereDropped(t *testing.T) {
	for _, c := range []struct {
		drops room.Drops
		want  string
	}{
		{room.Drops{Malformed: 1}, "(1 malformed message dropped)"},
		{room.Drops{Name: 2, Large: 1}, "(3 messages dropped: 1 too large, 2 with a name not on one line)"},
		{room.Drops{Late: 1, Full: 4}, "(5 messages dropped: 1 of races left more than 11m before, 4 beyond the room's participants)"},
	} {
		m, _ := newWorkshopModel(t, 160, 48, WorkshopOptions{Room: &fakeRoom{counts: map[int][]int{0: {1, 2}}, drops: c.drops}})
		m = press(m, "enter", "enter")
		m = update(m, roomTickMsg{})
		if s := strings.Join(strings.Fields(screen(m)), " "); !strings.Contains(s, "3 in the room answered "+c.want) {
			t.Errorf("drops %v: the question does not say %q:\n%s", c.drops, c.want, s)
		}
	}
}
