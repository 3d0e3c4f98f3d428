package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
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

// isRoomKept stops drive at a kept room's write.
func isRoomKept(_ Model, msg tea.Msg) bool {
	_, ok := msg.(roomKeptMsg)
	return ok
}

// readKept reads the room kept at path.
func readKept(t *testing.T, path string) room.Kept {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	k, err := room.DecodeKept(data)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// keptStatuses is who said what in a kept room's results.
func keptStatuses(t *testing.T, k room.Kept) string {
	t.Helper()
	s, err := k.Spread()
	if err != nil {
		t.Fatal(err)
	}
	var rs []room.Result
	for _, raw := range k.Results {
		r, err := room.DecodeResult(raw)
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	return fmt.Sprintf("%d finished of %d; %s", len(s.Finished), s.Started, strings.TrimSpace(resultsKey(rs)))
}

// TestRoomResultsKeptAndReplayed reveals a lesson whose room raced, has
// its race kept, then lets participants finish after the teacher's race:
// the kept room holds each one's newest word, written again at the
// reveal's tick and when the teacher leaves it, and a replay of the kept
// room shows the spread in the same lines as the live reveal.
func TestRoomResultsKeptAndReplayed(t *testing.T) {
	sr := &spreadRoom{fakeRoom: &fakeRoom{counts: map[int][]int{0: {1, 3}}}, results: testResults()}
	saved := &runs.Saved{Report: fakeReport()}
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Room: sr})
	m = press(m, "enter", "enter", "2")
	m = raceToReveal(t, m)

	run := filepath.Join(t.TempDir(), "20261202-090000-data-structures-membership.json")
	mm, cmd := m.Update(raceKeptMsg{lesson: 0, keptMsg: keptMsg{path: run}})
	m = drive(t, mm.(Model), cmd, isRoomKept)
	path := room.KeptPath(run)
	if got, want := keptStatuses(t, readKept(t, path)), "3 finished of 4; -id done\nada-id done\nbob-id done\ncy-id racing\ndee-id declined"; got != want {
		t.Errorf("the room kept with the race:\n%s\nwant\n%s", got, want)
	}

	// cy finishes after the teacher's race, eve says she races: the
	// reveal's tick shows them and keeps them.
	sr.mu.Lock()
	sr.results[3] = finished("cy", 6, 250)
	sr.results = append(sr.results, ended("eve-id", room.StatusRacing))
	sr.mu.Unlock()
	mm, cmd = m.Update(roomTickMsg{})
	m = drive(t, mm.(Model), cmd, isRoomKept)
	k := readKept(t, path)
	if got, want := keptStatuses(t, k), "4 finished of 5; -id done\nada-id done\nbob-id done\ncy-id done\ndee-id declined\neve-id racing"; got != want {
		t.Errorf("the room kept again at the tick:\n%s\nwant\n%s", got, want)
	}
	live := spreadLines(screen(m))
	if !strings.Contains(live, "The room's machines: 4 of 5 raced to the end") || !strings.Contains(live, "1 of 5 did not finish; 1 did not run it") {
		t.Errorf("the live reveal's spread:\n%s", live)
	}

	// The replay of the kept room shows the same lines.
	r, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce,
		KeptRooms: []*room.Kept{&k, nil}})
	r = raceToReveal(t, press(r, "enter", "enter"))
	if got := spreadLines(screen(r)); got != live {
		t.Errorf("the replayed spread:\n%s\nthe live one:\n%s", got, live)
	}
	wide := func(m Model) string { return m.workshop.roomSpread(m.workshop.races[0], 160, 10) }
	if got, want := wide(r), wide(m); got != want || !strings.Contains(got, "6 cores") {
		t.Errorf("the replayed spread at 160 columns:\n%s\nthe live one:\n%s", got, want)
	}

	// eve finishes; the teacher leaves the reveal before the next tick:
	// leaving keeps her.
	sr.mu.Lock()
	sr.results[5] = finished("eve", 1, 20)
	sr.mu.Unlock()
	mm, cmd = m.Update(keyMsg("enter"))
	m = drive(t, mm.(Model), cmd, isRoomKept)
	if got := keptStatuses(t, readKept(t, path)); !strings.HasPrefix(got, "5 finished of 5;") {
		t.Errorf("the room kept when the teacher left the reveal: %s", got)
	}
	if w := m.workshop; w.races[0].roomWriting || w.races[0].roomKept.err != nil {
		t.Errorf("after the last write: writing %v, %v", w.races[0].roomWriting, w.races[0].roomKept.err)
	}
}

// spreadLines is the reveal's spread of the room's machines on screen, up
// to the blank line after it.
func spreadLines(screen string) string {
	i := strings.Index(screen, "The room's machines")
	if i < 0 {
		return ""
	}
	block, _, _ := strings.Cut(screen[i:], "\n\n")
	return block
}

// keptRoomWithResults is keptRoomSample with the words of a room's
// machines: three done, one racing, one that declined.
func keptRoomWithResults(t *testing.T) *room.Kept {
	t.Helper()
	k := keptRoomSample()
	if err := k.KeepResults(testResults()); err != nil {
		t.Fatal(err)
	}
	return k
}

func TestGoldenWorkshopKeptRoomSpread(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		saved := &runs.Saved{Report: profiledReport()}
		m, _ := newWorkshopModel(t, w, h, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Where: "rehearsal",
			KeptRooms: []*room.Kept{keptRoomWithResults(t), nil}})
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
		for _, k := range []string{"enter", "enter", "2", "enter"} {
			tm.Send(keyMsg(k))
		}
		waitFor(t, tm, "did not finish")
		teatest.RequireEqualOutput(t, finalView(t, tm))
	})
}

// TestRoomKeptOneWriteAtATime has results arrive while the kept room is
// being written: no second write starts beside it, and the room is written
// again when the first ends.
func TestRoomKeptOneWriteAtATime(t *testing.T) {
	sr := &spreadRoom{fakeRoom: &fakeRoom{counts: map[int][]int{0: {1, 3}}}, results: testResults()}
	saved := &runs.Saved{Report: fakeReport()}
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Room: sr})
	m = raceToReveal(t, press(m, "enter", "enter", "2"))
	run := filepath.Join(t.TempDir(), "race.json")
	w, keep, _ := m.workshop.Update(raceKeptMsg{lesson: 0, keptMsg: keptMsg{path: run}})
	if keep == nil {
		t.Fatal("the race kept keeps no room")
	}
	sr.mu.Lock()
	sr.results[3] = finished("cy", 6, 250)
	sr.mu.Unlock()
	if cmd := w.rekeepRoom(0); cmd != nil {
		t.Fatal("a second write starts beside the first")
	}
	w, again, _ := w.Update(keep())
	if again == nil {
		t.Fatal("the results that arrived during the write are not written")
	}
	w, last, _ := w.Update(again())
	if last != nil || w.races[0].roomWriting || w.races[0].roomKept.err != nil {
		t.Fatalf("after the second write: %v, writing %v, %v", last != nil, w.races[0].roomWriting, w.races[0].roomKept.err)
	}
	if got := keptStatuses(t, readKept(t, room.KeptPath(run))); !strings.HasPrefix(got, "4 finished of 4;") {
		t.Errorf("the room kept: %s", got)
	}
	// A write of an earlier race of the lesson says nothing of this one.
	if _, cmd, _ := w.Update(roomKeptMsg{lesson: 0, keptMsg: keptMsg{path: "elsewhere.room", err: os.ErrPermission}}); cmd != nil || w.races[0].roomKept.err != nil {
		t.Error("an earlier race's write is taken for this one's")
	}
}

// TestRoomKeptAfterTheTeacherLeft has a participant finish after the
// teacher left the lesson for the next: the room's tick writes the earlier
// lesson's kept room again, with the late result.
func TestRoomKeptAfterTheTeacherLeft(t *testing.T) {
	sr := &spreadRoom{fakeRoom: &fakeRoom{counts: map[int][]int{0: {1, 3}}}, results: testResults()}
	saved := &runs.Saved{Report: fakeReport()}
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Room: sr})
	m = raceToReveal(t, press(m, "enter", "enter", "2"))
	run := filepath.Join(t.TempDir(), "race.json")
	mm, cmd := m.Update(raceKeptMsg{lesson: 0, keptMsg: keptMsg{path: run}})
	m = drive(t, mm.(Model), cmd, isRoomKept)
	// The teacher goes on to lesson 2's question; cy finishes then.
	m = press(m, "enter", "enter")
	if m.workshop.at != 1 || m.workshop.stage != stagePredict {
		t.Fatalf("at lesson %d, stage %d; want lesson 2's question", m.workshop.at+1, m.workshop.stage)
	}
	sr.mu.Lock()
	sr.results[3] = finished("cy", 6, 250)
	sr.mu.Unlock()
	mm, cmd = m.Update(roomTickMsg{})
	m = drive(t, mm.(Model), cmd, isRoomKept)
	if got := keptStatuses(t, readKept(t, room.KeptPath(run))); !strings.HasPrefix(got, "4 finished of 4;") {
		t.Errorf("the room kept after the teacher left: %s", got)
	}
	// Nothing new: the tick writes nothing.
	if mm, _ := m.Update(roomTickMsg{}); mm.(Model).workshop.races[0].roomWriting {
		t.Error("the tick writes the kept room again with nothing new")
	}
}

// keptRoomCut is keptRoomWithResults with 807 more results left out, as
// a room of 812 machines whose file held 5.
func keptRoomCut(t *testing.T) *room.Kept {
	t.Helper()
	k := keptRoomWithResults(t)
	k.LeftOut = 807
	return k
}

// TestRoomCutSaysHowManyWereKept: a live reveal whose kept room left
// results out says how many it kept, and so does a replay of that room.
func TestRoomCutSaysHowManyWereKept(t *testing.T) {
	sr := &spreadRoom{fakeRoom: &fakeRoom{counts: map[int][]int{0: {1, 3}}}, results: testResults()}
	saved := &runs.Saved{Report: fakeReport()}
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Room: sr})
	m = update(raceToReveal(t, press(m, "enter", "enter", "2")), roomTickMsg{})
	run := filepath.Join(t.TempDir(), "race.json")
	mm, cmd := m.Update(raceKeptMsg{lesson: 0, keptMsg: keptMsg{path: run}})
	m = drive(t, mm.(Model), cmd, isRoomKept)
	if s := screen(m); strings.Contains(s, "machines kept") {
		t.Errorf("a room kept whole says how many were kept:\n%s", s)
	}
	m = update(m, roomKeptMsg{lesson: 0, keptMsg: keptMsg{path: room.KeptPath(run)}, results: 400, leftOut: 412})
	if s := strings.Join(strings.Fields(screen(m)), " "); !strings.Contains(s, "400 of 812 machines kept") {
		t.Errorf("the live reveal does not say how many were kept:\n%s", screen(m))
	}

	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		r, _ := newWorkshopModel(t, size[0], size[1], WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce,
			KeptRooms: []*room.Kept{keptRoomCut(t), nil}})
		r = raceToReveal(t, press(r, "enter", "enter"))
		if s := strings.Join(strings.Fields(screen(r)), " "); !strings.Contains(s, "5 of 812 machines kept") {
			t.Errorf("%dx%d: the replay does not say how many were kept:\n%s", size[0], size[1], screen(r))
		}
		checkFits(t, "reveal", r.View(), size[0], size[1])
	}
}

func TestGoldenWorkshopKeptRoomCut(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		saved := &runs.Saved{Report: profiledReport()}
		m, _ := newWorkshopModel(t, w, h, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Where: "rehearsal",
			KeptRooms: []*room.Kept{keptRoomCut(t), nil}})
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
		for _, k := range []string{"enter", "enter", "2", "enter"} {
			tm.Send(keyMsg(k))
		}
		waitFor(t, tm, "machines kept")
		teatest.RequireEqualOutput(t, finalView(t, tm))
	})
}
