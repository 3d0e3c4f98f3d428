package tui

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/workshop"
	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/runs"
)

// testWorkshop is two lessons of data-structures/membership, each a short
// fixed race.
const testWorkshop = `
title = "A test room"
[[lesson]]
run = "data-structures/membership"
params = { n = 10000 }
reps = 6
minutes = 10
text = "Three searches race."
question = "Which search wins?"
why = "Because the map hashes once."
  [[lesson.choice]]
  winner = "none"
  [[lesson.choice]]
  winner = "map"
  by = "10-"
[[lesson]]
run = "data-structures/membership"
strategies = ["slice", "map"]
params = { n = 10000 }
reps = 6
minutes = 5
`

// fakeClock is a clock a test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func newWorkshopModel(t testing.TB, w, h int, opts WorkshopOptions) (Model, *fakeClock) {
	t.Helper()
	ws, err := workshop.Parse("test.toml", []byte(testWorkshop), labs.All())
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
	opts.Workshop, opts.Now = ws, clock.now
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Workshop: &opts})
	return update(m, tea.WindowSizeMsg{Width: w, Height: h}), clock
}

// isReveal reports whether the model shows a lesson's reveal.
func isReveal(m Model, _ tea.Msg) bool {
	return m.state == stateWorkshop && m.workshop.stage == stageReveal
}

// TestWorkshopFlow walks a room through the whole workshop with live races:
// the agenda, a lesson's text, the room's answer, the race, the reveal, a
// rerun, the next lesson, and the score at the end.
func TestWorkshopFlow(t *testing.T) {
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{})
	if s := screen(m); !strings.Contains(s, "A test room") || !strings.Contains(s, "▶  1. data-structures/membership") {
		t.Fatalf("the agenda:\n%s", s)
	}
	m = press(m, "enter")
	if s := screen(m); !strings.Contains(s, "Three searches race.") || !strings.Contains(s, "lesson 1 of 2") {
		t.Fatalf("lesson 1's text:\n%s", s)
	}
	m = press(m, "enter", "2")
	if s := screen(m); !strings.Contains(s, "Which search wins?") || !strings.Contains(s, "▶ 2) map wins by 10× or more   ← the room's answer") {
		t.Fatalf("the question, the room's answer marked:\n%s", s)
	}
	mm, cmd := m.Update(keyMsg("enter"))
	m = mm.(Model)
	if m.state != stateRun || m.active == nil || m.active.by != stateWorkshop {
		t.Fatalf("enter did not start the race: state %d", m.state)
	}
	if s := screen(m); !strings.Contains(s, "lesson 1 of 2 · data-structures/membership") {
		t.Errorf("the race does not say its lesson:\n%s", s)
	}
	m = drive(t, m, cmd, isReveal)
	s := screen(m)
	if !strings.Contains(s, "The room said 2) map wins by 10× or more") || !strings.Contains(s, "Because the map hashes once.") {
		t.Fatalf("the reveal:\n%s", s)
	}
	// The race was profiled after its verdict: the why leads with what
	// the profiles measured.
	if !strings.Contains(s, "Why: in the race's profiles, slice: ") {
		t.Errorf("the reveal's why does not lead with the measured difference:\n%s", s)
	}
	if m.workshop.races[0] == nil || m.workshop.races[0].report.Workload != "membership" {
		t.Fatal("the reveal has no race")
	}
	checkFits(t, "reveal", m.View(), 80, 24)

	// r races the lesson again; its new race replaces the old one.
	first := m.workshop.races[0]
	mm, cmd = m.Update(keyMsg("r"))
	m = mm.(Model)
	if m.state != stateRun {
		t.Fatalf("r did not rerun: state %d", m.state)
	}
	m = drive(t, m, cmd, isReveal)
	if m.workshop.races[0] == first {
		t.Error("the rerun's race did not replace the first")
	}

	// On to lesson 2, with no answer from the room: its race is not
	// scored.
	m = press(m, "enter")
	if s := screen(m); !strings.Contains(s, "lesson 2 of 2") || !strings.Contains(s, "slice vs map") {
		t.Fatalf("lesson 2's text:\n%s", s)
	}
	mm, cmd = m.Update(keyMsg("enter"))
	m = mm.(Model)
	mm, cmd2 := m.Update(keyMsg("enter"))
	m = mm.(Model)
	m = drive(t, m, tea.Batch(cmd, cmd2), isReveal)
	if s := screen(m); !strings.Contains(s, "The room gave no answer: not scored.") {
		t.Fatalf("lesson 2's reveal:\n%s", s)
	}
	m = press(m, "enter")
	if m.workshop.stage != stageEnd {
		t.Fatalf("after the last lesson: stage %d", m.workshop.stage)
	}
	right, scored := m.workshop.score()
	s = screen(m)
	if scored != 1 || !strings.Contains(s, "no answer") {
		t.Errorf("the score: %d of %d scored:\n%s", right, scored, s)
	}
	m = press(m, "enter")
	if m.workshop.stage != stageAgenda {
		t.Errorf("enter at the end goes to the agenda, got stage %d", m.workshop.stage)
	}
}

// TestWorkshopReplay replays kept races instead of running them.
func TestWorkshopReplay(t *testing.T) {
	saved := &runs.Saved{Report: fakeReport()}
	m, _ := newWorkshopModel(t, 160, 48, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, SaveDir: t.TempDir()})
	m = press(m, "enter")
	if s := screen(m); !strings.Contains(s, "replayed from the") {
		t.Errorf("the lesson does not say its race is replayed:\n%s", s)
	}
	m = press(m, "enter", "2", "enter")
	if m.active != nil {
		t.Fatal("a replayed workshop started a live race")
	}
	s := screen(m)
	for _, want := range []string{"▲ map wins: it is 150× faster than slice (148× to 153×)", "✓ RIGHT", "binary", "inconclusive"} {
		if !strings.Contains(s, want) {
			t.Errorf("the reveal lacks %q:\n%s", want, s)
		}
	}
	if right, scored := m.workshop.score(); right != 1 || scored != 1 {
		t.Errorf("score %d of %d, want 1 of 1", right, scored)
	}
	// Where the race was kept shows on its reveal, and w saves it.
	m = update(m, raceKeptMsg{lesson: 0, keptMsg: keptMsg{path: "/runs/kept.json"}})
	if s := screen(m); !strings.Contains(s, "✓ kept in the runs folder: kept.json") {
		t.Errorf("the reveal does not say where its race was kept:\n%s", s)
	}
	mm, cmd := m.Update(keyMsg("w"))
	m = update(mm.(Model), cmd())
	if s := screen(m); !strings.Contains(s, "✓ saved "+m.workshop.opts.SaveDir+"/perflab-data-structures-membership") {
		t.Errorf("w does not save the race:\n%s", s)
	}
	// Another answer picked after the reveal does not change its score;
	// the race it is given before does.
	m = press(m, "b", "enter", "1")
	if right, scored := m.workshop.score(); right != 1 || scored != 1 {
		t.Errorf("score %d of %d after changing the answer, before its race; want 1 of 1", right, scored)
	}
	m = press(m, "enter")
	if right, scored := m.workshop.score(); right != 0 || scored != 1 {
		t.Errorf("score %d of %d after answering none, want 0 of 1", right, scored)
	}
}

// TestWorkshopKeys checks back, next, the agenda and the clock's pause.
func TestWorkshopKeys(t *testing.T) {
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{})
	m = press(m, "down", "enter")
	if m.workshop.at != 1 || m.workshop.stage != stageLesson {
		t.Fatalf("enter on the agenda's second lesson: at %d stage %d", m.workshop.at, m.workshop.stage)
	}
	m = press(m, "b")
	if m.workshop.at != 0 {
		t.Errorf("b went to lesson %d", m.workshop.at+1)
	}
	m = press(m, "enter", "b")
	if m.workshop.at != 0 || m.workshop.stage != stageLesson {
		t.Errorf("b on a question goes back to its text: at %d stage %d", m.workshop.at, m.workshop.stage)
	}
	m = press(m, "n", "n")
	if m.workshop.stage != stageEnd {
		t.Errorf("n past the last lesson: stage %d", m.workshop.stage)
	}
	m = press(m, "esc")
	if m.workshop.stage != stageAgenda {
		t.Errorf("esc: stage %d", m.workshop.stage)
	}

	// The clock counts from the first lesson, and not while paused.
	m, clock := newWorkshopModel(t, 80, 24, WorkshopOptions{})
	clock.t = clock.t.Add(3 * time.Minute)
	m = press(m, "enter")
	clock.t = clock.t.Add(2 * time.Minute)
	if got := m.workshop.clock.elapsed(); got != 2*time.Minute {
		t.Errorf("elapsed %v, want 2m", got)
	}
	m = press(m, "p")
	if s := screen(m); !strings.Contains(s, "The clock is stopped at 2m") || !strings.Contains(s, "2m of 15m planned, paused") {
		t.Errorf("paused:\n%s", s)
	}
	clock.t = clock.t.Add(10 * time.Minute)
	m = press(m, "enter", "n")
	if m.workshop.stage != stageLesson || m.workshop.at != 0 {
		t.Error("keys other than p moved the paused workshop")
	}
	m = press(m, "p")
	clock.t = clock.t.Add(time.Minute)
	if got := m.workshop.clock.elapsed(); got != 3*time.Minute {
		t.Errorf("elapsed %v after a pause, want 3m", got)
	}
	// A tick of the clock from before the pause is dropped.
	if cmd := m.workshop.tick(workshopTickMsg{id: 1}); cmd != nil {
		t.Error("a stale tick kept ticking")
	}
	if cmd := m.workshop.tick(workshopTickMsg{id: m.workshop.clock.id}); cmd == nil {
		t.Error("the clock's own tick stopped")
	}
}

// TestWorkshopRaceThatCannotStart goes back to the question with the reason.
func TestWorkshopRaceThatCannotStart(t *testing.T) {
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{})
	m = press(m, "enter", "enter")
	mm, _ := m.Update(keyMsg("enter"))
	m = mm.(Model)
	m = update(m, runStartedMsg{id: m.active.id, err: errString("python3 not found")})
	if m.state != stateWorkshop || m.workshop.stage != stagePredict {
		t.Fatalf("state %d stage %d", m.state, m.workshop.stage)
	}
	if s := screen(m); !strings.Contains(s, "the race could not start: python3 not found") {
		t.Errorf("the reason is not shown:\n%s", s)
	}
}

// TestWorkshopLongWhyScrolls reads a why too long for 80x24 under its
// headline, with pgdn and pgup.
func TestWorkshopLongWhyScrolls(t *testing.T) {
	why := strings.Repeat("The map hashes the key once and looks in one bucket, whatever n is. ", 30)
	ws, err := workshop.Parse("long.toml", []byte("[[lesson]]\nrun = \"data-structures/membership\"\nwhy = \""+why+"\"\n"), labs.All())
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Renderer: asciiRenderer(), Location: time.UTC, Workshop: &WorkshopOptions{
		Workshop: ws, Replays: []*runs.Saved{{Report: fakeReport()}}, ReplaySpeed: SpeedAtOnce}})
	m = update(m, tea80x24)
	m = press(m, "enter", "enter", "enter")
	s := screen(m)
	if !strings.Contains(s, "█") || !strings.Contains(s, "▼ pgdn reads on") {
		t.Fatalf("a long why under the headline:\n%s", s)
	}
	for range 20 {
		m = press(m, "pgdown")
	}
	if s := screen(m); !strings.Contains(s, "▲ pgup goes back up") || !strings.Contains(s, "█") {
		t.Errorf("the end of the why:\n%s", s)
	}
	checkFits(t, "a long why", m.View(), 80, 24)
	if m = press(m, "pgup"); m.workshop.whyTop == 0 {
		t.Error("pgup went back to the top at once")
	}
}

// TestWorkshopTieHeadline draws a tie in block letters at 80x24, in fewer
// words where the full headline does not fit.
func TestWorkshopTieHeadline(t *testing.T) {
	rep := fakeReport()
	rep.Strategies[2].VsBaseline = &measure.Comparison{Speedup: 149, SpeedupLo: 147, SpeedupHi: 151,
		P: 0.0002, N: [2]int{10, 10}, Verdict: measure.Faster}
	saved := &runs.Saved{Report: rep}
	for _, sz := range []tea.WindowSizeMsg{tea80x24, tea160x48} {
		m, _ := newWorkshopModel(t, sz.Width, sz.Height, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce})
		m = press(m, "enter", "enter", "2", "enter")
		s := screen(m)
		if !strings.Contains(s, "█") || !strings.Contains(s, "could not tell") || !strings.Contains(s, "✓ RIGHT") {
			t.Errorf("a tie at %dx%d:\n%s", sz.Width, sz.Height, s)
		}
		checkFits(t, "a tie", m.View(), sz.Width, sz.Height)
	}
}

// TestWorkshopAsksBeforeQuitting: one q asks, a second quits, another key
// stays; q in a race, live or replayed, stops the race and asks.
func TestWorkshopAsksBeforeQuitting(t *testing.T) {
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{})
	if _, cmd := m.Update(keyMsg("q")); cmd == nil {
		t.Error("q before any race, with no score to lose, does not quit")
	}
	saved := &runs.Saved{Report: fakeReport()}
	m, _ = newWorkshopModel(t, 80, 24, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce})
	m = press(m, "enter", "enter", "enter", "q")
	if s := screen(m); !strings.Contains(s, "Quit the workshop?") {
		t.Fatalf("q does not ask:\n%s", s)
	}
	m = press(m, "x")
	if m.workshop.quitting || m.workshop.stage != stageReveal {
		t.Errorf("another key after q: quitting %v, stage %d", m.workshop.quitting, m.workshop.stage)
	}
	m = press(m, "q")
	if _, cmd := m.Update(keyMsg("q")); cmd == nil {
		t.Error("q twice does not quit")
	}

	// A replayed race, at 1x so that it is under way when q comes.
	kept := keptRun(5)
	m, _ = newWorkshopModel(t, 80, 24, WorkshopOptions{Replays: []*runs.Saved{{Report: fakeReport()}, kept}, ReplaySpeed: Speed1x})
	m = press(m, "enter", "enter", "enter", "enter", "enter", "enter")
	if m.state != stateReplay {
		t.Fatalf("lesson 2's race is not replaying: state %d", m.state)
	}
	m = press(m, "q")
	if m.state != stateWorkshop || !m.workshop.quitting {
		t.Errorf("q in a replayed race: state %d, quitting %v", m.state, m.workshop.quitting)
	}

	m, _ = newWorkshopModel(t, 80, 24, WorkshopOptions{})
	m = press(m, "enter", "enter")
	mm, cmd := m.Update(keyMsg("enter"))
	m = mm.(Model)
	mm, _ = m.Update(keyMsg("q"))
	m = mm.(Model)
	if !m.active.quit || !m.run.isCancelling() {
		t.Fatalf("q in a race: quitting %v, cancelling %v", m.active.quit, m.run.isCancelling())
	}
	m = drive(t, m, cmd, func(m Model, _ tea.Msg) bool { return m.state == stateWorkshop })
	if !m.workshop.quitting {
		t.Error("q in a race did not reach the workshop once the race stopped")
	}
	if s := screen(m); !strings.Contains(s, "Quit the workshop?") {
		t.Errorf("after q stopped the race:\n%s", s)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// TestWorkshopFitsEverySize draws every stage at sizes from the smallest
// the TUI takes to a projector's.
func TestWorkshopFitsEverySize(t *testing.T) {
	saved := &runs.Saved{Report: fakeReport()}
	for _, sz := range [][2]int{{60, 18}, {80, 24}, {100, 30}, {160, 48}, {220, 60}} {
		m, _ := newWorkshopModel(t, sz[0], sz[1], WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce})
		for _, keys := range [][]string{nil, {"enter"}, {"?"}, {"?", "enter"}, {"2", "enter"}, {"?"}, {"?", "p"}, {"p", "enter", "enter", "enter", "enter"}} {
			m = press(m, keys...)
			checkFits(t, "workshop", m.View(), sz[0], sz[1])
		}
	}
}

func TestGoldenWorkshopReveal(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		saved := &runs.Saved{Report: profiledReport()}
		m, _ := newWorkshopModel(t, w, h, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Where: "rehearsal"})
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
		for _, k := range []string{"enter", "enter", "2", "enter"} {
			tm.Send(keyMsg(k))
		}
		waitFor(t, tm, "RIGHT")
		teatest.RequireEqualOutput(t, finalView(t, tm))
	})
}

func TestGoldenWorkshopQuestion(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		m, _ := newWorkshopModel(t, w, h, WorkshopOptions{})
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
		for _, k := range []string{"enter", "enter", "2"} {
			tm.Send(keyMsg(k))
		}
		waitFor(t, tm, "room's answer")
		teatest.RequireEqualOutput(t, finalView(t, tm))
	})
}

func TestGoldenWorkshopScore(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		saved := &runs.Saved{Report: fakeReport()}
		m, _ := newWorkshopModel(t, w, h, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce})
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
		// Lesson 1 answered right, lesson 2 raced with no answer.
		for _, k := range []string{"enter", "enter", "2", "enter", "enter", "enter", "enter", "enter"} {
			tm.Send(keyMsg(k))
		}
		waitFor(t, tm, "no answer")
		teatest.RequireEqualOutput(t, finalView(t, tm))
	})
}

// profiledReport is fakeReport with the slice's and the map's profiles of
// whyReport, as a race profiled after its verdict has them.
func profiledReport() *measure.Report {
	rep := fakeReport()
	profiles := whyReport().Strategies
	rep.Strategies[0].Profile, rep.Strategies[1].Profile = profiles[0].Profile, profiles[1].Profile
	return rep
}

// TestWorkshopStatesTheProfilingTime checks that a lesson's race line says
// the time its profiling rounds add after the verdict.
func TestWorkshopStatesTheProfilingTime(t *testing.T) {
	m, _ := newWorkshopModel(t, 160, 48, WorkshopOptions{})
	m = press(m, "enter")
	plan, err := m.workshop.raceSpec().Plan()
	if err != nil {
		t.Fatal(err)
	}
	// The expected-time line of the command line and the set-up, whose
	// profiling part the race line once worded on its own.
	want := plan.ExpectedLine()
	if !strings.Contains(want, "of profiling rounds") {
		t.Fatalf("the expected line %q names no profiling", want)
	}
	if s := screen(m); !strings.Contains(strings.Join(strings.Fields(s), " "), want) {
		t.Errorf("the race line does not say %q:\n%s", want, s)
	}
	if spec := m.workshop.raceSpec(); !spec.Config.Profile {
		t.Error("the lesson's race is not profiled")
	}
}

// fakeRoom is a room whose answers a test sets, and which keeps what the
// workshop told it.
type fakeRoom struct {
	mu     sync.Mutex
	states []room.State
	counts map[int][]int
	drops  room.Drops
}

func (r *fakeRoom) Drops() room.Drops {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.drops
}

func (*fakeRoom) Address() string { return "127.0.0.1:4300" }
func (*fakeRoom) Token() string   { return "0123456789abcdef0123456789abcdef" }

func (r *fakeRoom) PublishVersion(_ int64, s room.State) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.states = append(r.states, s)
	return nil
}

func (r *fakeRoom) Tally(lesson, choices int) room.Tally {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := room.Tally{Counts: make([]int, choices)}
	copy(t.Counts, r.counts[lesson])
	for _, n := range t.Counts {
		t.Total += n
	}
	return t
}

// TestWorkshopTellsTheRoom walks a lesson with a room: the room hears
// each stage once, the question counts its answers, and the reveal charts
// them against the outcome.
func TestWorkshopTellsTheRoom(t *testing.T) {
	fr := &fakeRoom{counts: map[int][]int{0: {1, 3}}, drops: room.Drops{Malformed: 2}}
	saved := &runs.Saved{Report: fakeReport()}
	m, _ := newWorkshopModel(t, 80, 24, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Room: fr})
	m = drive(t, m, m.Init(), func(m Model, msg tea.Msg) bool { _, ok := msg.(roomPublishedMsg); return ok })
	fr.mu.Lock()
	if len(fr.states) != 1 || fr.states[0].Phase != room.PhaseAgenda || fr.states[0].Title != "A test room" {
		t.Errorf("the room was told %+v at the start, want the agenda", fr.states)
	}
	fr.mu.Unlock()
	if s := screen(m); !strings.Contains(s, "perflab join 127.0.0.1:4300 --token 0123456789abcdef0123456789abcdef") {
		t.Fatalf("the agenda does not say how to join:\n%s", s)
	}
	var told []string
	m = press(m, "enter")
	told = append(told, m.workshop.roomSent)
	m = press(m, "enter")
	told = append(told, m.workshop.roomSent)
	if st := m.workshop.roomState(); len(st.Choices) != 2 || st.Question != "Which search wins?" {
		t.Errorf("the room's question: %+v", st)
	}
	m = update(m, roomTickMsg{})
	if s := screen(m); !strings.Contains(s, "4 in the room answered (2 malformed messages dropped)") {
		t.Fatalf("the question does not count the room's answers:\n%s", s)
	}
	m = press(m, "2")
	// The workshop tells the room the race is on as it asks for it (the
	// root then replays it at once, to the reveal).
	w, _, in := m.workshop.Update(keyMsg("enter"))
	if in.kind != askReplay {
		t.Fatalf("enter on the question asked %v, want a replay", in.kind)
	}
	told = append(told, w.roomSent)
	mm, cmd := m.Update(keyMsg("enter"))
	m = drive(t, mm.(Model), cmd, isReveal)
	told = append(told, m.workshop.roomSent)
	if got, want := strings.Join(told, ", "), "0 lesson, 0 question, 0 race, 0 reveal"; got != want {
		t.Errorf("the room was told %q, want %q", got, want)
	}
	s := screen(m)
	if !strings.Contains(s, "The room's 4 answers:") || !strings.Contains(s, "3 of 4 in the room were right") {
		t.Fatalf("the reveal does not chart the room's answers:\n%s", s)
	}
}

func TestGoldenWorkshopRoomQuestion(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		fr := &fakeRoom{counts: map[int][]int{0: {1, 3}}}
		m, _ := newWorkshopModel(t, w, h, WorkshopOptions{Room: fr})
		m = press(m, "enter", "enter")
		m = update(m, roomTickMsg{})
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
		tm.Send(keyMsg("2"))
		waitFor(t, tm, "room's answer")
		teatest.RequireEqualOutput(t, finalView(t, tm))
	})
}

func TestGoldenWorkshopRoomReveal(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		fr := &fakeRoom{counts: map[int][]int{0: {1, 3}}}
		saved := &runs.Saved{Report: profiledReport()}
		m, _ := newWorkshopModel(t, w, h, WorkshopOptions{Replays: []*runs.Saved{saved, saved}, ReplaySpeed: SpeedAtOnce, Where: "rehearsal", Room: fr})
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
		for _, k := range []string{"enter", "enter", "2", "enter"} {
			tm.Send(keyMsg(k))
		}
		waitFor(t, tm, "RIGHT")
		teatest.RequireEqualOutput(t, finalView(t, tm))
	})
}

func TestGoldenWorkshopRoomAgenda(t *testing.T) {
	eachGoldenSize(t, func(t *testing.T, w, h int) {
		m, _ := newWorkshopModel(t, w, h, WorkshopOptions{Room: &fakeRoom{}})
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
		waitFor(t, tm, "perflab join")
		teatest.RequireEqualOutput(t, finalView(t, tm))
	})
}
