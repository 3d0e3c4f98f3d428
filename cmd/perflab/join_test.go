package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/workshop/room"
)

// joiner is a perflab join process, its input and the lines it printed.
type joiner struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	lines chan string
	done  chan error
}

// startJoin starts perflab join on the room r, with token.
func startJoin(t *testing.T, r *room.Room, token string, args ...string) *joiner {
	t.Helper()
	return startJoinAt(t, r.Address(), token, args...)
}

// startJoinAt starts perflab join on the room at addr, with token.
func startJoinAt(t *testing.T, addr, token string, args ...string) *joiner {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"join", addr, "--token", token}, args...)...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	j := &joiner{cmd: cmd, in: in, lines: make(chan string, 100), done: make(chan error, 1)}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			j.lines <- sc.Text()
		}
		close(j.lines)
		j.done <- cmd.Wait()
	}()
	// Nothing a test starts outlives it.
	t.Cleanup(func() {
		select {
		case err := <-j.done:
			j.done <- err
		default:
			// A process already gone cannot be killed: that error is moot.
			_ = j.cmd.Process.Kill()
			<-j.done
		}
	})
	return j
}

// waitLine waits for a line holding want, and returns it.
func (j *joiner) waitLine(t *testing.T, want string) string {
	t.Helper()
	deadline := time.After(20 * time.Second)
	var seen []string
	for {
		select {
		case l, ok := <-j.lines:
			if !ok {
				t.Fatalf("join ended before a line with %q; it printed:\n%s", want, strings.Join(seen, "\n"))
			}
			if strings.Contains(l, want) {
				return l
			}
			seen = append(seen, l)
		case <-deadline:
			t.Fatalf("no line with %q within 20 s; join printed:\n%s", want, strings.Join(seen, "\n"))
		}
	}
}

// answer types choice into the join.
func (j *joiner) answer(t *testing.T, choice string) {
	t.Helper()
	if _, err := io.WriteString(j.in, choice+"\n"); err != nil {
		t.Fatal(err)
	}
}

// waitTally waits for the room to count want answers to lesson.
func waitTally(t *testing.T, r *room.Room, lesson int, want []int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		got := r.Tally(lesson, len(want))
		if slices.Equal(got.Counts, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("tally of lesson %d = %v, want %v", lesson, got.Counts, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func question(lesson int, phase room.Phase) room.State {
	return room.State{Title: "A test workshop", Lesson: lesson, Lessons: 2, Name: "threads/cpu",
		Question: "Which wins?", Choices: []string{"threads", "sequential", "no difference"}, Phase: phase}
}

// TestJoinFollowsAndAnswers runs a room with three perflab join processes
// and one with a wrong token, through a lesson: answers counted and
// changed, one killed, one joining late, the room closed.
func TestJoinFollowsAndAnswers(t *testing.T) {
	r, err := room.Open("", "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.Publish(room.State{Title: "A test workshop", Lesson: -1, Lessons: 2, Phase: room.PhaseAgenda}); err != nil {
		t.Fatal(err)
	}

	_, stderr, code := perflab(t, "join", r.Address(), "--token", strings.Repeat("0", 32))
	if code != 1 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "refused the token") {
		t.Errorf("join with a wrong token: exit %d, %q; want 1 and one line", code, stderr)
	}

	ada, bob, cy := startJoin(t, r, r.Token(), "--name", "ada"), startJoin(t, r, r.Token()), startJoin(t, r, r.Token())
	for _, j := range []*joiner{ada, bob, cy} {
		j.waitLine(t, "on the agenda")
	}
	if err := r.Publish(question(0, room.PhaseQuestion)); err != nil {
		t.Fatal(err)
	}
	for _, j := range []*joiner{ada, bob, cy} {
		j.waitLine(t, "3) no difference")
	}
	ada.answer(t, "1")
	ada.waitLine(t, "Your answer: 1) threads")
	ada.answer(t, "3") // changed before the race
	ada.waitLine(t, "Your answer: 3)")
	bob.answer(t, "9")
	bob.waitLine(t, "1 to 3")
	bob.answer(t, "2")
	bob.waitLine(t, "Your answer: 2)")
	waitTally(t, r, 0, []int{0, 1, 1})

	// cy is killed mid-lesson; dan joins late and picks up the question.
	if err := cy.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	dan := startJoin(t, r, r.Token())
	dan.waitLine(t, "Which wins?")
	dan.answer(t, "1")
	dan.waitLine(t, "Your answer: 1)")
	waitTally(t, r, 0, []int{1, 1, 1})

	if err := r.Publish(question(0, room.PhaseRace)); err != nil {
		t.Fatal(err)
	}
	bob.waitLine(t, "answers are closed")
	bob.answer(t, "1")
	bob.waitLine(t, "No question is open")
	waitTally(t, r, 0, []int{1, 1, 1})

	r.Close()
	waitLeft(t, ada, bob, dan)
}

// roomWorkshop is one short lesson, raced live.
const roomWorkshop = `
title = "A room test"
[[lesson]]
run = "data-structures/membership"
strategies = ["slice", "map"]
params = { n = 1000 }
reps = 4
minutes = 5
text = "Two searches race."
question = "Which search wins?"
  [[lesson.choice]]
  winner = "map"
  [[lesson.choice]]
  winner = "slice"
`

// TestWorkshopRoomEndToEnd runs the teacher's perflab workshop --room in a
// pseudo-terminal and two perflab join processes through a lesson: the
// join line read off the agenda, the answers counted on the question,
// charted on the reveal, and the room closed when the teacher quits.
func TestWorkshopRoomEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary in a terminal")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "room.toml")
	if err := os.WriteFile(file, []byte(roomWorkshop), 0o644); err != nil {
		t.Fatal(err)
	}
	teacher := startSession(t, binary, 30, 100, "workshop", file, "--room", "--no-save")
	done := make(chan error, 1)
	go func() { done <- teacher.cmd.Wait() }()
	// Nothing the test starts outlives it: the teacher is killed if the
	// test ends before it quit.
	t.Cleanup(func() {
		select {
		case err := <-done:
			done <- err
		default:
			_ = teacher.cmd.Process.Kill()
			<-done
		}
	})
	at := teacher.term.waitFor(t, 0, "Participants join the room with:")
	m := regexp.MustCompile(`perflab join (127\.0\.0\.1:\d+) --token ([0-9a-f]{32})`).FindStringSubmatch(teacher.term.text())
	if m == nil {
		t.Fatalf("no join line on the agenda:\n%s", teacher.term.text())
	}
	ada, bob := startJoinAt(t, m[1], m[2], "--name", "ada"), startJoinAt(t, m[1], m[2])
	ada.waitLine(t, "on the agenda")
	bob.waitLine(t, "on the agenda")

	teacher.send(enter, enter)
	at = teacher.term.waitFor(t, at, "Which search wins?")
	ada.waitLine(t, "2) slice")
	bob.waitLine(t, "2) slice")
	ada.answer(t, "1")
	ada.waitLine(t, "Your answer: 1)")
	bob.answer(t, "2")
	bob.waitLine(t, "Your answer: 2)")
	at = teacher.term.waitFor(t, at, "2 in the room answered")

	teacher.send("1", enter)
	ada.waitLine(t, "answers are closed")
	at = teacher.term.waitFor(t, at, "The room's 2 answers:", "in the room were right")
	ada.waitLine(t, "reveal")

	// Each q on its own: two in one read are one key, "qq".
	teacher.send("q")
	teacher.term.waitFor(t, at, "Quit the workshop?")
	teacher.send("q")
	for _, j := range []*joiner{ada, bob} {
		j.waitLine(t, "closed the room")
	}
	select {
	case err := <-done:
		done <- err
		if err != nil {
			t.Errorf("the teacher's perflab exited with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the teacher's perflab did not quit on q q")
	}
}

// TestJoinRefusesANameOfManyLines gives join a --name the teacher's
// screen could not show as typed, with the room's right token: it is
// refused with one line and exit 2 before join connects, while a name of
// letters beyond ASCII is taken as before.
func TestJoinRefusesANameOfManyLines(t *testing.T) {
	r, err := room.Open("", "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, name := range []string{"ada\nbob", "ada\r", "\x1b[2Jada", "tab\there", "del\x7f", "c1\u0085", "bad\xffutf8"} {
		_, stderr, code := perflabWithin(t, "join", r.Address(), "--token", r.Token(), "--name", name)
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "--name") {
			t.Errorf("join --name %q: exit %d, %q; want 2 and one line", name, code, stderr)
		}
	}
	if err := checkName("Zoë Ó Súilleabháin"); err != nil {
		t.Errorf("a name of one line: %v", err)
	}
}

// waitLeft waits for each joiner to say the room closed and to end
// without an error, 20 s at the most each.
func waitLeft(t *testing.T, joiners ...*joiner) {
	t.Helper()
	for _, j := range joiners {
		j.waitLine(t, "closed the room")
		select {
		case err := <-j.done:
			j.done <- err
			if err != nil {
				t.Errorf("join after the room closed: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("join still runs 20 s after the room closed")
		}
	}
}
