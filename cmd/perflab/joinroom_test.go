package main

import (
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/workshop/room"
)

// waitSpread waits for the room's spread of race to hold finished results
// and started races.
func waitSpread(t *testing.T, r *room.Room, race int64, started, finished int) room.Spread {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		s := r.Spread(race)
		if s.Started == started && len(s.Finished) == finished {
			return s
		}
		if time.Now().After(deadline) {
			var who []string
			for _, res := range s.Finished {
				who = append(who, res.Name)
			}
			t.Fatalf("spread of race %d: %d started, %d finished (%s); want %d, %d", race, s.Started, len(s.Finished), strings.Join(who, ", "), started, finished)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRoomRacesALesson is a whole lesson with a room: the test is the
// teacher, headless, publishing the states the workshop's screen publishes
// (tui/workshop_room.go) through room.Room, and four perflab join
// processes race on this machine. It checks aggregation, not verdicts:
// four racers share the machine's cores. One participant is killed mid-race
// and shows as not finished, one joins late and races the lesson on show,
// one watches only, and one with a wrong token is refused in one line.
func TestRoomRacesALesson(t *testing.T) {
	r, err := room.Open("", "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	lesson := func(phase room.Phase, race *room.Race) room.State {
		s := question(0, phase)
		s.Lessons, s.Name, s.Race = 1, "data-structures/membership", race
		return s
	}
	if err := r.Publish(room.State{Title: "A test workshop", Lesson: -1, Lessons: 1, Phase: room.PhaseAgenda}); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := perflab(t, "join", r.Address(), "--token", strings.Repeat("1", 32))
	if code == 0 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "refused the token") {
		t.Errorf("join with a wrong token: exit %d, %q; want non-zero and one line", code, stderr)
	}

	ada, bob, cy := startJoin(t, r, r.Token(), "--name", "ada"), startJoin(t, r, r.Token(), "--name", "bob"), startJoin(t, r, r.Token(), "--name", "cy")
	eve := startJoin(t, r, r.Token(), "--name", "eve", "--watch-only")
	all := []*joiner{ada, bob, cy, eve}
	for _, j := range all {
		j.waitLine(t, "on the agenda")
	}
	if err := r.Publish(lesson(room.PhaseQuestion, nil)); err != nil {
		t.Fatal(err)
	}
	for i, j := range all {
		j.waitLine(t, "3) no difference")
		j.answer(t, []string{"1", "2", "1", "3"}[i])
		j.waitLine(t, "Your answer:")
	}
	waitTally(t, r, 0, []int{2, 1, 1})

	// A short race of a fixed design: 40 rounds of two 10 ms
	// repetitions, most of a second at least, so that cy is killed in
	// the middle of it however early the verdict is clear.
	race := &room.Race{ID: 1, Path: "data-structures/membership", Strategies: []string{"slice", "map"},
		Params: map[string]string{"n": "1000"}, Reps: 40}
	if err := r.Publish(lesson(room.PhaseRace, race)); err != nil {
		t.Fatal(err)
	}
	// cy is killed mid-race: join says it races once the teacher was
	// told.
	cy.waitLine(t, "Racing data-structures/membership")
	if err := cy.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	for _, j := range []*joiner{ada, bob} {
		j.waitLine(t, "Racing data-structures/membership")
	}
	eve.waitLine(t, "answers are closed")
	dan := startJoin(t, r, r.Token(), "--name", "dan")
	dan.waitLine(t, "Racing data-structures/membership")

	// The reveal shows what arrived, while the rest still race.
	if err := r.Publish(lesson(room.PhaseReveal, race)); err != nil {
		t.Fatal(err)
	}
	s := waitSpread(t, r, 1, 4, 3)
	if s.NotFinished() != 1 || s.Declined != 0 {
		t.Errorf("spread = %+v, want cy alone not finished", s)
	}
	names := map[string]bool{}
	for _, res := range s.Finished {
		names[res.Name] = true
		if res.Machine.Cores < 1 || len(res.Speedups) != 1 || res.Speedups[0].Strategy != "map" || res.Lesson != 0 {
			t.Errorf("%s's result = %+v", res.Name, res)
		}
	}
	if !names["ada"] || !names["bob"] || !names["dan"] || names["eve"] {
		t.Errorf("finished = %v, want ada, bob and dan", names)
	}
	for _, j := range []*joiner{ada, bob, dan} {
		j.waitLine(t, "Sent to the teacher")
	}

	r.Close()
	waitLeft(t, ada, bob, dan, eve)
}
