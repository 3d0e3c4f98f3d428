package main

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/measuretest"
	"github.com/perflab/perflab/measure/runs"
)

// keepRehearsal keeps a race of roomFile's lesson in dir, as a rehearsal
// would, and returns its file.
func keepRehearsal(t *testing.T, dir string) string {
	t.Helper()
	rep := &measure.Report{Schema: measure.Schema, Lab: "data-structures", Workload: "membership",
		Params: map[string]any{"n": 100.0}, Started: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
	for i, s := range []string{"slice", "map"} {
		rep.Strategies = append(rep.Strategies, &measure.Result{Name: s, Baseline: i == 0})
	}
	path, err := runs.Store{Dir: dir}.Save(rep, nil)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// keepRoom writes k as the room kept beside the race at run.
func keepRoom(t *testing.T, run string, k room.Kept) {
	t.Helper()
	data, err := room.EncodeKept(k)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(room.KeptPath(run), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWorkshopReplaysTheKeptRoom checks a replay's rooms from the
// command line: none kept says nothing, one kept is named with its
// answers, one of another question is left out with a note, and a broken
// one is one line and exit 2.
func TestWorkshopReplaysTheKeptRoom(t *testing.T) {
	plan, dir := measuretest.WriteTemp(t, "room.toml", roomFile), t.TempDir()
	run := keepRehearsal(t, dir)
	out, stderr, code := perflab(t, "workshop", plan, "--replay", dir, "--check")
	if code != 0 || strings.Contains(out, "note:") || stderr != "" {
		t.Fatalf("a race kept without a room: exit %d\n%s%s", code, out, stderr)
	}
	if strings.Contains(out, "the room's") {
		t.Errorf("a race kept without a room speaks of one:\n%s", out)
	}

	k := room.Kept{Lesson: 0, Name: "data-structures/membership", Question: "Which search wins?",
		Choices: []string{"slice wins", "map wins"},
		Answers: room.Tally{Counts: []int{1, 4}, Total: 5, Names: []string{"ada"}}}
	opts, err := loadWorkshop([]string{plan}, dir)
	if err != nil {
		t.Fatal(err)
	}
	labels := []string{opts.Workshop.Lessons[0].Choices[0].Label(), opts.Workshop.Lessons[0].Choices[1].Label()}
	k.Choices = labels
	done := room.Result{ID: "ada-id", Name: "ada", Race: 9, Status: room.StatusDone, Outcome: room.OutcomeWon, Winner: "map",
		Speedups: []room.Speedup{{Strategy: "map", Verdict: "faster", Speedup: 40}}, Machine: room.Machine{Cores: 4, OS: "linux", Arch: "arm64", Go: "go1.24.0"}}
	racing := room.Result{ID: "bob-id", Race: 9, Status: room.StatusRacing, Machine: room.Machine{Cores: 2, OS: "linux", Arch: "amd64", Go: "go1.24.0"}}
	if err := k.KeepResults([]room.Result{done, racing}); err != nil {
		t.Fatal(err)
	}
	keepRoom(t, run, k)
	out, stderr, code = perflab(t, "workshop", plan, "--replay", dir, "--check")
	if code != 0 || !strings.Contains(out, "with the room's 5 answers and 2 machines") {
		t.Fatalf("a race kept with a room: exit %d\n%s%s", code, out, stderr)
	}
	if opts, err = loadWorkshop([]string{plan}, dir); err != nil || opts.KeptRooms[0] == nil || opts.KeptRooms[0].Answers.Total != 5 {
		t.Fatalf("the kept room read: %+v, %v", opts, err)
	}
	// A room whose results did not all fit says how many were kept.
	cut := k
	cut.LeftOut = 810
	keepRoom(t, run, cut)
	out, stderr, code = perflab(t, "workshop", plan, "--replay", dir, "--check")
	if code != 0 || !strings.Contains(out, "with the room's 5 answers and 2 of 812 machines kept") {
		t.Fatalf("a race kept with a room cut: exit %d\n%s%s", code, out, stderr)
	}

	// A result the room's checks would refuse is a broken room: one line,
	// exit 2.
	bad := k
	bad.Schema = room.KeptSchema
	bad.Results = append(slices.Clone(k.Results), json.RawMessage(`{"id":"cy-id","race":9,"lesson":0,"status":"won","machine":{"cores":1}}`))
	data, err := json.Marshal(bad)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(room.KeptPath(run), data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code = perflab(t, "workshop", plan, "--replay", dir, "--check")
	if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "result 3") {
		t.Fatalf("a room with a bad result: exit %d\n%s%s", code, out, stderr)
	}

	k.Question = "Which search loses?"
	keepRoom(t, run, k)
	out, stderr, code = perflab(t, "workshop", plan, "--replay", dir, "--check")
	if code != 0 || !strings.Contains(out, "note: the room kept with lesson 1 answered another question: it is not shown") || strings.Contains(out, "the room's 5") {
		t.Fatalf("a room of another question: exit %d\n%s%s", code, out, stderr)
	}

	if err := os.WriteFile(room.KeptPath(run), []byte(`{"schema":"`+room.KeptSchema+`","answers":{"counts":[9],"total":1}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code = perflab(t, "workshop", plan, "--replay", dir, "--check")
	if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "lesson 1's room") || !strings.Contains(stderr, "--replay") {
		t.Fatalf("a broken room: exit %d\n%s%s", code, out, stderr)
	}
}

// TestKeptRoomGoesWithItsRace checks that a race's room is kept where the
// runs folder looks for what it deletes with a race.
func TestKeptRoomGoesWithItsRace(t *testing.T) {
	run := "runs/20261207-120000-threads-cpu.json"
	if got, want := room.KeptPath(run), runs.Companion(run, runs.RoomSuffix); got != want {
		t.Errorf("the room of %s is kept at %s; the runs folder deletes %s with it", run, got, want)
	}
}
