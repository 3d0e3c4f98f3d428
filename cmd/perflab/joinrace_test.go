package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/workshop/room"
)

// fakeTeacher keeps the results a racer reports, checked as the teacher
// would check them.
type fakeTeacher struct {
	mu  sync.Mutex
	got []room.Result
}

func (f *fakeTeacher) Report(r room.Result) error {
	r.ID = "p" // the participant's connection sets it
	if err := r.Check(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got = append(f.got, r)
	return nil
}

func (f *fakeTeacher) results() []room.Result {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]room.Result(nil), f.got...)
}

func raceState(id int64, race room.Race) room.State {
	race.ID = id
	return room.State{Title: "t", Lesson: 0, Lessons: 1, Name: race.Path, Phase: room.PhaseRace, Race: &race}
}

// TestRacerAsksBeforeACommand offers a race of commands: nothing runs and
// nothing is reported before the participant answers, and a no declines.
func TestRacerAsksBeforeACommand(t *testing.T) {
	ft := &fakeTeacher{}
	rc := newRacer(ft, catalogue(), false)
	defer rc.stop()
	marker := t.TempDir() + "/ran"
	race := room.Race{Path: "own/exec", Strategies: []string{"a", "b"},
		Params: map[string]string{"cmd_a": "touch " + marker, "cmd_b": "true"}, MaxTimeNs: int64(time.Second)}
	said := rc.onState(context.Background(), raceState(1, race))
	if !strings.Contains(said, "cmd_a: touch "+marker) || !strings.Contains(said, "Type yes") {
		t.Fatalf("the offer does not show the command and ask: %q", said)
	}
	if rc.running != 0 || len(ft.results()) != 0 {
		t.Fatalf("a race of commands started before a yes: running %d, reported %+v", rc.running, ft.results())
	}
	// The same race shown again (the reveal, a reconnect) is not offered twice.
	if again := rc.onState(context.Background(), raceState(1, race)); strings.Contains(again, "Type yes") {
		t.Errorf("the race was offered twice: %q", again)
	}
	ok, said := rc.onLine(context.Background(), "y")
	if !ok || !strings.Contains(said, "Skipped") {
		t.Errorf("a line other than yes: %v, %q; want the race skipped", ok, said)
	}
	if got := ft.results(); len(got) != 1 || got[0].Status != room.StatusDeclined {
		t.Errorf("reported %+v, want one declined", got)
	}
	if ok, _ := rc.onLine(context.Background(), "2"); ok {
		t.Error("a line after the offer was taken as its answer")
	}
}

// TestRacerRunsTheCatalogueAndReports runs a short built-in race without
// asking, and a watch-only racer that runs nothing. The race has fixed
// rounds and a budget of a minute, so that it ends on its rounds, each
// compared: a race until decided within 1 s once compared no round on a
// loaded machine and reported no speed-up.
func TestRacerRunsTheCatalogueAndReports(t *testing.T) {
	race := room.Race{Path: "data-structures/membership", Strategies: []string{"slice", "map"},
		Params: map[string]string{"n": "1000"}, Reps: 6, MaxTimeNs: int64(time.Minute)}
	watch := newRacer(&fakeTeacher{}, catalogue(), true)
	if said := watch.onState(context.Background(), raceState(1, race)); said != "" || watch.running != 0 {
		t.Errorf("a watch-only participant raced: %q", said)
	}

	ft := &fakeTeacher{}
	rc := newRacer(ft, catalogue(), false)
	defer rc.stop()
	if said := rc.onState(context.Background(), raceState(2, race)); !strings.Contains(said, "Racing data-structures/membership") {
		t.Fatalf("a built-in race did not start: %q", said)
	}
	select {
	case e := <-rc.ended:
		if !strings.Contains(e.line, "Sent to the teacher") {
			t.Errorf("the race ended with %q", e.line)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("a race of 6 rounds did not end within 60 s")
	}
	got := ft.results()
	if len(got) != 2 || got[0].Status != room.StatusRacing || got[1].Status != room.StatusDone {
		t.Fatalf("reported %+v, want racing then done", got)
	}
	if d := got[1]; len(d.Speedups) != 1 || d.Speedups[0].Strategy != "map" || d.Machine.Cores < 1 || d.Machine.Go == "" {
		t.Errorf("the result = %+v", d)
	}
}

// TestRacerStopsForAnotherRace lets a race go on when the teacher shows
// the next lesson, ends it when the teacher starts another race, and
// reports a race that cannot be planned here failed.
func TestRacerStopsForAnotherRace(t *testing.T) {
	ft := &fakeTeacher{}
	rc := newRacer(ft, catalogue(), false)
	race := room.Race{Path: "data-structures/membership", Strategies: []string{"slice", "map"}, MaxTimeNs: int64(time.Minute)}
	rc.onState(context.Background(), raceState(3, race))
	next := room.State{Title: "t", Lesson: 0, Lessons: 1, Phase: room.PhaseLesson}
	if said := rc.onState(context.Background(), next); !strings.Contains(said, "goes on") || rc.running != 3 {
		t.Errorf("moving on said %q, racing %d; want race 3 going on", said, rc.running)
	}
	if said := rc.onState(context.Background(), next); said != "" {
		t.Errorf("moving on again said %q, want nothing more", said)
	}
	other := race
	other.Strategies = []string{"slice", "sorted"}
	if said := rc.onState(context.Background(), raceState(5, other)); !strings.Contains(said, "stopped") {
		t.Errorf("another race said %q", said)
	}
	done := make(chan struct{})
	go func() { rc.stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("a race of a minute was not stopped within 30 s")
	}
	bad := room.Race{Path: "data-structures/nowhere"}
	if said := rc.onState(context.Background(), raceState(4, bad)); !strings.Contains(said, "cannot run here") {
		t.Errorf("an unknown workload said %q", said)
	}
	if got := ft.results(); got[len(got)-1].Status != room.StatusFailed || got[len(got)-1].Race != 4 {
		t.Errorf("reported %+v, want race 4 failed last", got)
	}
}
