package tui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure/runs"
)

// TestRoomKeptBesideTheRace reveals a lesson with a room, then has its
// race kept: the room's answers are kept beside it, and read back as the
// room was.
func TestRoomKeptBesideTheRace(t *testing.T) {
	nr := namedRoom{&fakeRoom{counts: map[int][]int{0: {1, 3}}}, map[int][]string{0: {"ada", "bob", "", "cy"}}}
	saved := &runs.Saved{Report: fakeReport()}
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Room: nr})
	m = press(m, "enter", "enter", "2")
	mm, cmd := m.Update(keyMsg("enter"))
	m = drive(t, mm.(Model), cmd, isReveal)

	run := filepath.Join(t.TempDir(), "20261202-090000-data-structures-membership.json")
	w, keep, _ := m.workshop.Update(raceKeptMsg{lesson: 0, keptMsg: keptMsg{path: run}})
	if keep == nil {
		t.Fatal("a race kept with a room keeps no room beside it")
	}
	msg := keep()
	kept, ok := msg.(roomKeptMsg)
	if !ok || kept.err != nil || kept.path != room.KeptPath(run) {
		t.Fatalf("keeping the room: %#v", msg)
	}
	m.workshop = w
	m = update(m, msg)
	if got := m.workshop.races[0].roomKept.path; got != room.KeptPath(run) {
		t.Errorf("the reveal holds the room kept at %q", got)
	}
	data, err := os.ReadFile(kept.path)
	if err != nil {
		t.Fatal(err)
	}
	k, err := room.DecodeKept(data)
	if err != nil {
		t.Fatal(err)
	}
	if k.Lesson != 0 || k.Name != "data-structures/membership" || k.Question != "Which search wins?" ||
		!slices.Equal(k.Answers.Counts, []int{1, 3}) || k.Answers.Total != 4 || !slices.Equal(k.Answers.Names, []string{"ada", "bob", "", "cy"}) {
		t.Errorf("the room kept: %+v", k)
	}
	// The folder of runs still lists only the race.
	entries, skipped, err := runs.Store{Dir: filepath.Dir(run)}.List()
	if err != nil || len(entries) != 0 || len(skipped) != 0 {
		t.Errorf("the runs folder with a kept room: %d runs, skipped %q, %v", len(entries), skipped, err)
	}
}

// TestRoomNotKeptSaysWhy has the room's file fail to be written: the
// reveal says so.
func TestRoomNotKeptSaysWhy(t *testing.T) {
	fr := &fakeRoom{counts: map[int][]int{0: {1, 3}}}
	saved := &runs.Saved{Report: fakeReport()}
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Room: fr})
	m = press(m, "enter", "enter")
	mm, cmd := m.Update(keyMsg("enter"))
	m = drive(t, mm.(Model), cmd, isReveal)
	run := filepath.Join(t.TempDir(), "no-such-folder", "race.json")
	_, keep, _ := m.workshop.Update(raceKeptMsg{lesson: 0, keptMsg: keptMsg{path: run}})
	m = update(m, keep())
	if s := screen(m); !strings.Contains(s, "✗ the room's answers were not kept") {
		t.Errorf("the reveal does not say the room was not kept:\n%s", s)
	}
	// A race not kept keeps no room.
	if _, keep, _ := m.workshop.Update(raceKeptMsg{lesson: 0, keptMsg: keptMsg{err: os.ErrPermission}}); keep != nil {
		t.Error("a race not kept keeps its room")
	}
}

// keptRoomSample is the room kept with lesson 1's race of the test
// workshop.
func keptRoomSample() *room.Kept {
	return &room.Kept{Schema: room.KeptSchema, Lesson: 0, Name: "data-structures/membership", Question: "Which search wins?",
		Choices: []string{"the slice", "the map"},
		Answers: room.Tally{Counts: []int{2, 3}, Total: 5, Names: []string{"ada", "bob", "ada", "", "dee"}}}
}

// TestReplayShowsTheKeptRoom replays a workshop whose first race was kept
// with a room and whose second was not: the first lesson's question and
// reveal show the room as it was, the second shows no room at all.
func TestReplayShowsTheKeptRoom(t *testing.T) {
	saved := &runs.Saved{Report: fakeReport()}
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce,
		KeptRooms: []*room.Kept{keptRoomSample(), nil}})
	if s := screen(m); strings.Contains(s, "perflab join") || strings.Contains(s, "in the room answered") {
		t.Fatalf("the agenda of a replay speaks of a live room:\n%s", s)
	}
	m = press(m, "enter", "enter")
	s := screen(m)
	if !strings.Contains(s, "5 in the room answered") || !strings.Contains(s, "Answered: ada, bob, ada (2), dee and 1 without a name") {
		t.Fatalf("the question does not show the kept room:\n%s", s)
	}
	m = raceToReveal(t, m)
	s = screen(m)
	if !strings.Contains(s, "The room's 5 answers:") || !strings.Contains(s, "3 of 5 in the room were right") {
		t.Fatalf("the reveal does not chart the kept room:\n%s", s)
	}
	// The second lesson was kept without a room: none is shown.
	m = press(m, "enter", "enter")
	if s := screen(m); strings.Contains(s, "in the room answered") || strings.Contains(s, "Answered:") {
		t.Fatalf("a lesson kept without a room shows one:\n%s", s)
	}
	m = raceToReveal(t, m)
	if s := screen(m); strings.Contains(s, "room's") && strings.Contains(s, "answers:") || strings.Contains(s, "No one in the room") {
		t.Fatalf("a reveal kept without a room speaks of one:\n%s", s)
	}
}

// raceToReveal presses enter on a lesson's question and drives its race
// to the reveal. A replay at once may reach it within the key's update.
func raceToReveal(t *testing.T, m Model) Model {
	t.Helper()
	mm, cmd := m.Update(keyMsg("enter"))
	if m = mm.(Model); isReveal(m, nil) {
		return m
	}
	return drive(t, m, cmd, isReveal)
}

func TestGoldenWorkshopKeptRoomReveal(t *testing.T) {
	const w, h = 80, 24
	saved := &runs.Saved{Report: profiledReport()}
	m, _ := newWorkshopModel(t, w, h, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Where: "rehearsal",
		KeptRooms: []*room.Kept{keptRoomSample(), nil}})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	for _, k := range []string{"enter", "enter", "2", "enter"} {
		tm.Send(keyMsg(k))
	}
	waitFor(t, tm, "RIGHT")
	teatest.RequireEqualOutput(t, finalView(t, tm))
}
