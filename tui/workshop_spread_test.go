package tui

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/perflab/perflab/labs/workshop"
	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure/runs"
)

// Results makes fakeRoom a WorkshopRoom: no one in it races.
func (*fakeRoom) Results(int64) []room.Result { return nil }

// spreadRoom is a fakeRoom whose participants raced: the races asked for
// are kept, and every race has results, which a test may add to.
type spreadRoom struct {
	*fakeRoom

	mu      sync.Mutex
	results []room.Result
	asked   []int64
}

func (r *spreadRoom) Results(race int64) []room.Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.asked = append(r.asked, race)
	return slices.Clone(r.results)
}

// finished is a participant's race done on cores, map faster by x.
func finished(name string, cores int, x float64) room.Result {
	return room.Result{ID: name + "-id", Name: name, Race: 1, Lesson: 0, Status: room.StatusDone, Outcome: room.OutcomeWon, Winner: "map",
		Speedups: []room.Speedup{{Strategy: "slice#2", Verdict: "same", Speedup: 1.01, Lo: 0.97, Hi: 1.04},
			{Strategy: "map", Verdict: "faster", Speedup: x, Lo: x * 0.95, Hi: x * 1.05}},
		Machine: room.Machine{Cores: cores, OS: "linux", Arch: "amd64", Go: "go1.24.0"}}
}

// ended is a participant's race of lesson 1 that ended, or goes on, with
// status and no figures.
func ended(id string, status room.Status) room.Result {
	return room.Result{ID: id, Race: 1, Status: status, Machine: room.Machine{Cores: 8, OS: "darwin", Arch: "arm64", Go: "go1.24.0"}}
}

// testResults are a room's words of a race: three done, one racing, one
// that declined, in the order of their IDs.
func testResults() []room.Result {
	return []room.Result{finished("", 4, 180), finished("ada", 2, 95), finished("bob", 12, 410),
		ended("cy-id", room.StatusRacing), ended("dee-id", room.StatusDeclined)}
}

// TestWorkshopTellsTheRoomItsRace walks a lesson with a room whose
// participants race: the room hears the race to run, the same at the
// reveal, and the reveal shows the machines' spread and who did not
// finish.
func TestWorkshopTellsTheRoomItsRace(t *testing.T) {
	sr := &spreadRoom{fakeRoom: &fakeRoom{counts: map[int][]int{0: {1, 3}}}, results: testResults()}
	saved := &runs.Saved{Report: fakeReport()}
	m, _ := newWorkshopModel(t, 100, 40, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Room: sr})
	m = press(m, "enter", "enter", "2")
	mm, cmd := m.Update(keyMsg("enter"))
	m = drive(t, mm.(Model), cmd, isReveal)
	sr.fakeRoom.mu.Lock()
	var races []*room.Race
	for _, s := range sr.fakeRoom.states {
		if s.Race != nil {
			races = append(races, s.Race)
		}
	}
	sr.fakeRoom.mu.Unlock()
	if len(races) == 0 {
		t.Fatal("the room was told of no race")
	}
	r := races[0]
	if r.Path != "data-structures/membership" || r.Params["n"] != "10000" || r.Reps != 6 || r.ID == 0 {
		t.Errorf("the race told = %+v", r)
	}
	for _, other := range races[1:] {
		if other.ID != r.ID {
			t.Errorf("the reveal names race %d, the race was %d", other.ID, r.ID)
		}
	}
	if s := screen(m); strings.Contains(s, "The room's machines") {
		t.Errorf("the spread is shown before the room was read:\n%s", s)
	}
	m = update(m, roomTickMsg{})
	s := screen(m)
	for _, want := range []string{"The room's machines: 3 of 4 raced to the end", "1 of 4 did not finish", "1 did not run it",
		"2 cores  linux/amd64", "map 95.0× (90.2× to 99.8×) ada", " 12 cores"} {
		if !strings.Contains(s, want) {
			t.Errorf("the reveal does not show %q:\n%s", want, s)
		}
	}
	if strings.Index(s, "2 cores") > strings.Index(s, "12 cores") {
		t.Errorf("the machines are not by cores:\n%s", s)
	}
	sr.mu.Lock()
	defer sr.mu.Unlock()
	if len(sr.asked) == 0 || sr.asked[len(sr.asked)-1] != r.ID {
		t.Errorf("the spread was read of races %v, want %d", sr.asked, r.ID)
	}
}

// TestRoomSpreadFitsFewRows shows a room larger than the rows it is given.
func TestRoomSpreadFitsFewRows(t *testing.T) {
	sr := &spreadRoom{fakeRoom: &fakeRoom{}, results: testResults()}
	saved := &runs.Saved{Report: fakeReport()}
	m, _ := newWorkshopModel(t, 60, 18, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Room: sr})
	m = press(m, "enter", "enter", "2")
	mm, cmd := m.Update(keyMsg("enter"))
	m = update(drive(t, mm.(Model), cmd, isReveal), roomTickMsg{})
	got := m.workshop.roomSpread(m.workshop.races[0], 60, 2)
	if !strings.Contains(got, "… and 2 more machines") || lineCount(got) != 4 {
		t.Errorf("the spread in 2 rows:\n%s", got)
	}
	checkFits(t, "workshop", m.View(), 60, 18)
}

func TestGoldenWorkshopRoomSpread(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		sr := &spreadRoom{fakeRoom: &fakeRoom{counts: map[int][]int{0: {1, 3}}}, results: testResults()}
		saved := &runs.Saved{Report: profiledReport()}
		m, _ := newWorkshopModel(t, w, h, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Where: "rehearsal", Room: sr})
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
		for _, k := range []string{"enter", "enter", "2", "enter"} {
			tm.Send(keyMsg(k))
		}
		waitFor(t, tm, "RIGHT")
		tm.Send(roomTickMsg{})
		waitFor(t, tm, "did not finish")
		teatest.RequireEqualOutput(t, finalView(t, tm))
	})
}

// TestSpreadShowsOneStrategyOnEveryMachine checks that the spread compares
// like with like: the teacher's winner on every machine, and, when the
// teacher's race did not decide, the one strategy the room sped up most by
// the median, even on a machine where another came out larger.
func TestSpreadShowsOneStrategyOnEveryMachine(t *testing.T) {
	race := func(name string, threads, goroutines float64) room.Result {
		return room.Result{Name: name, Status: room.StatusDone, Speedups: []room.Speedup{
			{Strategy: "threads", Speedup: threads}, {Strategy: "goroutines", Speedup: goroutines}}}
	}
	rs := []room.Result{race("ada", 1.9, 2.0), race("bob", 1.5, 1.1), race("cy", 3.8, 3.9)}
	undecided := workshop.Outcome{Kind: workshop.Undecided}
	if got := spreadStrategy(rs, undecided); got != "goroutines" {
		t.Errorf("undecided: the spread shows %q, want goroutines, the median's largest (2.0 against 1.9)", got)
	}
	if got := shownSpeedup(rs[1], spreadStrategy(rs, undecided)); got.Strategy != "goroutines" {
		t.Errorf("bob's row shows %s, want the room's strategy even where threads came out larger", got.Strategy)
	}
	won := workshop.Outcome{Kind: workshop.Won, Winner: "threads"}
	if got := spreadStrategy(rs, won); got != "threads" {
		t.Errorf("won by threads: the spread shows %q", got)
	}
	baseline := workshop.Outcome{Kind: workshop.Won, Winner: "sequential"}
	if got := spreadStrategy(rs, baseline); got != "goroutines" {
		t.Errorf("won by the baseline: the spread shows %q, want the room's strategy", got)
	}
}
