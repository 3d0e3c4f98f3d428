package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os/signal"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/labs/workshop/room"
)

// newJoinCmd is perflab join, a participant's side of a workshop's room.
func newJoinCmd() *cobra.Command {
	var token, name string
	var watchOnly bool
	cmd := &cobra.Command{
		Use:   "join ADDRESS --token TOKEN",
		Short: "Join a workshop's room: follow the lesson on the teacher's screen and answer its questions",
		Long: `join connects to the room a teacher opened with perflab workshop --room, at
ADDRESS (host:port) with the room's token, both as the teacher's screen shows them.
It prints the lesson the teacher is on and, when the teacher asks the question, its
choices: type a choice's number and enter to answer. The answer can change until the
race starts. A participant who joins late or loses the connection picks up at the
lesson on show. join ends when the teacher closes the room, or at Ctrl-C.

When the teacher starts a race, join runs the same race on this machine, through
the engine perflab run uses, and sends the teacher how it came out (the verdict,
each speed-up with its interval, the cores, OS, Go and Python versions): the
teacher's reveal shows the room's machines side by side. A race that would run a
command or a file (your own workloads, Python) runs only after join shows what it
would run and you type yes; the built-in Go lessons run without asking. A race
goes on when the teacher moves on, and its result is kept with its lesson; it stops
when the teacher starts another race. With --watch-only join races nothing.

This is a plain terminal view, line by line: it works in any terminal and over ssh.`,
		Example: `  perflab join 127.0.0.1:43111 --token 3f9c0a6d1e2b4c5d8e7f6a5b4c3d2e1f
  perflab join 192.168.1.20:4300 --token ... --name ada
  perflab join 192.168.1.20:4300 --token ... --watch-only   # answer, race nothing here`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage("expected the room's ADDRESS, host:port, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			host, port, err := lab.ParseAddress("ADDRESS", args[0])
			switch {
			case err != nil:
				return usageError{err}
			case port == 0:
				return usage("ADDRESS %q has no port: the teacher's screen shows the room's host:port", args[0])
			case token == "":
				return usage("--token is required: the teacher's screen shows it")
			}
			if err := lab.CheckGivenSecret("--token", token); err != nil {
				return usageError{err}
			}
			if err := checkName(name); err != nil {
				return err
			}
			addr := net.JoinHostPort(host, strconv.Itoa(port))
			p, err := room.Join(addr, token, name)
			switch {
			case errors.Is(err, room.ErrToken):
				return fmt.Errorf("the room at %s refused the token: check it on the teacher's screen", addr)
			case err != nil:
				return err
			}
			defer p.Close()
			ctx, stop := signal.NotifyContext(cmd.Context(), stopSignals...)
			defer stop()
			rc := newRacer(p, catalogue(), watchOnly)
			// Whatever a race started is released before join ends.
			defer rc.stop()
			return follow(ctx, p, rc, cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&token, "token", "", "the room's token, as the teacher's screen shows it")
	cmd.Flags().StringVar(&name, "name", "", "your name for the teacher, 40 characters at most (optional)")
	cmd.Flags().BoolVar(&watchOnly, "watch-only", false, "follow and answer, but run none of the teacher's races on this machine")
	return cmd
}

// checkName refuses a --name the teacher's screen cannot show as it was
// typed: a newline or another control character in it would be collapsed
// there, or obeyed by a terminal. Its length is room.Join's to check.
func checkName(name string) error {
	switch {
	case !utf8.ValidString(name):
		return usage("--name %q is not UTF-8", name)
	case strings.ContainsFunc(name, unicode.IsControl):
		return usage("--name %q holds a newline or a control character: give your name on one line", name)
	case strings.ContainsFunc(name, func(r rune) bool { return unicode.Is(unicode.Bidi_Control, r) }):
		// The teacher drops such a name (room.CheckName): it would
		// reorder the names beside it.
		return usage("--name %q holds a bidirectional control character: give your name without it", name)
	}
	return nil
}

// follow prints each lesson the teacher shows, sends the answers typed on
// in, and runs the teacher's races with rc, until the room closes or ctx
// ends.
func follow(ctx context.Context, p *room.Participant, rc *racer, in io.Reader, out io.Writer) error {
	lines := make(chan string)
	go func() {
		// The reader ends with in: at the end of input, or when the
		// process exits, which is the only way a blocked read of a
		// terminal ends.
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	var s room.State
	answers := map[int]int{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case s = <-p.States():
			fmt.Fprint(out, stateText(s, answers))
			fmt.Fprint(out, rc.onState(ctx, s))
			if s.Phase == room.PhaseClosed {
				return nil
			}
		case e := <-rc.ended:
			if e.race == rc.running {
				rc.running = 0
			}
			if e.line != "" {
				fmt.Fprintln(out, e.line)
			}
		case up := <-p.Links():
			if up {
				fmt.Fprintln(out, "Back in the room.")
			} else {
				fmt.Fprintln(out, "Lost the room: reconnecting (Ctrl-C leaves)…")
			}
		case line := <-lines:
			if ok, said := rc.onLine(ctx, line); ok {
				fmt.Fprintln(out, said)
				continue
			}
			fmt.Fprintln(out, answer(p, s, strings.TrimSpace(line), answers))
		}
	}
}

// answer sends the choice typed as line to the question on show, and says
// how it went.
func answer(p *room.Participant, s room.State, line string, answers map[int]int) string {
	if line == "" {
		return ""
	}
	if !s.Open() {
		return "No question is open: answers are taken from the question until the race starts."
	}
	n, err := strconv.Atoi(line)
	if err != nil || n < 1 || n > len(s.Choices) {
		return fmt.Sprintf("Type a choice's number, 1 to %d, and enter.", len(s.Choices))
	}
	rep, err := p.Answer(s.Lesson, n-1)
	switch {
	case err != nil:
		return "✗ " + err.Error()
	case rep.Why == room.ReasonClosed:
		return "Too late: the race has started."
	case !rep.Taken:
		return "✗ the teacher's perflab refused the answer."
	}
	answers[s.Lesson] = n - 1
	return fmt.Sprintf("Your answer: %d) %s. You can change it until the race starts.", n, s.Choices[n-1])
}

// stateText is what a participant reads of a state: the lesson, and the
// question with its choices while it is open.
func stateText(s room.State, answers map[int]int) string {
	var b strings.Builder
	lesson := func() {
		fmt.Fprintf(&b, "\n— lesson %d of %d · %s —\n", s.Lesson+1, s.Lessons, s.Name)
	}
	switch s.Phase {
	case room.PhaseAgenda:
		fmt.Fprintf(&b, "Joined %q. The teacher is on the agenda: the first lesson comes soon.\n", s.Title)
	case room.PhaseLesson:
		lesson()
		b.WriteString("The teacher is telling the lesson: its question comes next.\n")
	case room.PhaseQuestion:
		lesson()
		b.WriteString(s.Question + "\n")
		for i, c := range s.Choices {
			mark := "  "
			if a, ok := answers[s.Lesson]; ok && a == i {
				mark = "▶ "
			}
			fmt.Fprintf(&b, "%s%d) %s\n", mark, i+1, c)
		}
		b.WriteString("Type your answer's number and enter; you can change it until the race starts.\n")
	case room.PhaseRace:
		b.WriteString("The race is on: answers are closed. Watch the teacher's screen.\n")
	case room.PhaseReveal:
		b.WriteString("The reveal is on the teacher's screen.\n")
	case room.PhaseEnd:
		b.WriteString("The workshop is over: the score is on the teacher's screen.\n")
	case room.PhaseClosed:
		b.WriteString("The teacher closed the room.\n")
	}
	return b.String()
}
