package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/workshop"
	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure/report"
	"github.com/perflab/perflab/tui"
)

func newWorkshopCmd() *cobra.Command {
	var (
		replayDir, speed string
		check, print     bool
		yes              bool
		hist             historyFlags
		rf               roomFlags
	)
	cmd := &cobra.Command{
		Use:   "workshop [FILE.toml]",
		Short: "Walk a room through the lessons: a question, the race, the reveal, the score",
		Long: `workshop opens the TUI on a workshop, for a teacher and a projector. For each lesson it
shows the lesson's text, asks the room a question (which strategy wins, and by about how
much; the teacher presses the number of the room's majority answer), runs the race live,
then reveals the verdict in block letters beside the room's answer, with why it came out
so. A running score counts the room's right answers.

Without FILE it runs the default workshop: the seven labs in Go, then on CPython, in about
90 minutes (the Python lessons are left out when there is no python3). A workshop file is a
small TOML file: --print writes the default one, commented, to start from.

Races are kept in the runs folder as any run is. --replay DIR replays each lesson's newest
kept race from DIR instead of running it, for a room without time or a slow laptop.

With --room the workshop also opens a room that participants join from their own
terminals with perflab join: each sees the lesson on show and its question, and
answers it until the race starts, then runs the same race on its own machine (asking
first before it would run a command or Python) and sends back how it came out. The
question screen counts the answers; the reveal charts them against the outcome and
shows the room's machines beside the teacher's race. Answers and results are kept
beside the races, and a replay shows the room as it was. The room listens on
127.0.0.1 unless --room-listen names another address, and always asks for a token (a
new one each time unless --room-token): perflab prints the line a participant types.

A lesson of your own commands (own/exec, own/http, own/python) would run what the file
says: before its first race perflab shows the commands and asks, unless --yes; --check
names them.`,
		Example: `  perflab workshop
  perflab workshop --print > my-workshop.toml
  perflab workshop my-workshop.toml --check
  perflab workshop --runs-dir rehearsal        # keep the races of a rehearsal...
  perflab workshop --replay rehearsal          # ...and replay them in the room
  perflab workshop --room --room-listen 0.0.0.0:4300   # a room others join`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usage("expected at most one workshop file, FILE.toml, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case print && (check || replayDir != "" || len(args) > 0):
				return usage("--print writes the default workshop file, alone: it takes no file, --check or --replay")
			case cmd.Flags().Changed("speed") && replayDir == "":
				return usage("--speed is the speed of --replay: name the runs folder to replay from")
			case print:
				_, err := cmd.OutOrStdout().Write(workshop.DefaultFile())
				return err
			}
			s, ok := replaySpeeds[speed]
			if !ok {
				return usage("--speed must be 1x, 4x or at-once, got %q", speed)
			}
			opts, err := loadWorkshop(args, replayDir)
			if err != nil {
				return usageError{err}
			}
			opts.ReplaySpeed = s
			if err := rf.check(cmd); err != nil {
				return err
			}
			if check {
				return printAgenda(cmd.OutOrStdout(), opts)
			}
			// Without a terminal the TUI refuses to start: the room opens
			// only for a workshop that will.
			if rf.on && onTerminal(cmd.OutOrStdout()) {
				r, err := room.Open(rf.listen, rf.token)
				if err != nil {
					return err
				}
				defer r.Close()
				opts.Room = r
				fmt.Fprintf(cmd.OutOrStdout(), "The room is open: perflab join %s --token %s\n", r.Address(), r.Token())
			}
			return runTUIWith(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), hist, tui.Options{Workshop: opts, Yes: yes})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&replayDir, "replay", "", "replay each lesson's newest kept race from this runs folder instead of running it")
	fl.StringVar(&speed, "speed", "4x", "with --replay, the speed races replay at: 1x, 4x or at-once")
	fl.BoolVar(&check, "check", false, "check the workshop file and print its lessons, without opening the TUI")
	fl.BoolVar(&print, "print", false, "print the default workshop file, to start one of your own")
	fl.BoolVar(&yes, "yes", false, "run the commands the file's lessons name without asking")
	hist.addFlags(fl)
	rf.addFlags(fl)
	return cmd
}

// onTerminal reports whether out is a terminal, where the TUI opens.
func onTerminal(out io.Writer) bool {
	f, ok := out.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// roomFlags are the flags of a workshop's room.
type roomFlags struct {
	on            bool
	listen, token string
}

func (rf *roomFlags) addFlags(fl *pflag.FlagSet) {
	fl.BoolVar(&rf.on, "room", false, "open a room that participants join with perflab join, to answer and race on their own machines")
	fl.StringVar(&rf.listen, "room-listen", "", "with --room, the address the room listens on, host:port (default 127.0.0.1 on a random port)")
	fl.StringVar(&rf.token, "room-token", "", "with --room, the token participants join with, 16 characters at least (default a new one)")
}

// check refuses the room's flags without --room, and their bad values,
// before anything starts.
func (rf *roomFlags) check(cmd *cobra.Command) error {
	if !rf.on && (cmd.Flags().Changed("room-listen") || cmd.Flags().Changed("room-token")) {
		return usage("--room-listen and --room-token are the room's: add --room")
	}
	if !rf.on {
		return nil
	}
	return room.CheckOptions(rf.listen, rf.token)
}

// loadWorkshop reads the workshop named by args, or the default one, leaves
// out its Python lessons when there is no Python to run them, and finds
// the kept races it replays from replayDir, if one is named.
func loadWorkshop(args []string, replayDir string) (*tui.WorkshopOptions, error) {
	var opts []workshop.Option
	pyErr := labs.FindPython()
	if pyErr != nil && replayDir == "" {
		// A replay needs no interpreter: its races ran elsewhere.
		opts = append(opts, workshop.WithoutPython())
	}
	var ws *workshop.Workshop
	var err error
	if len(args) == 1 {
		ws, err = workshop.Load(args[0], catalogue(), opts...)
	} else {
		ws, err = workshop.Default(catalogue(), opts...)
	}
	if err != nil {
		return nil, err
	}
	w := &tui.WorkshopOptions{Workshop: ws}
	if ws.LeftOut > 0 {
		w.Note = fmt.Sprintf("%d Python lessons are left out: %v", ws.LeftOut, pyErr)
	}
	if replayDir == "" {
		return w, nil
	}
	if fi, err := os.Stat(replayDir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("--replay %s: no such runs folder", replayDir)
	}
	races, err := ws.KeptRaces(replayDir)
	if err != nil {
		return nil, err
	}
	for _, r := range races {
		w.Replays = append(w.Replays, r.Saved)
	}
	rooms, note, err := keptRooms(ws, races)
	if err != nil {
		return nil, err
	}
	w.KeptRooms = rooms
	if note != "" {
		w.Note = strings.Join(slices.DeleteFunc([]string{w.Note, note}, func(s string) bool { return s == "" }), "; ")
	}
	w.Where = replayDir
	return w, nil
}

// printAgenda writes the workshop's lessons, one a line, for --check.
func printAgenda(out io.Writer, opts *tui.WorkshopOptions) error {
	ws := opts.Workshop
	fmt.Fprintf(out, "%s: %s\n", ws.Title, ws.Size())
	if opts.Note != "" {
		fmt.Fprintln(out, "note:", opts.Note)
	}
	for i, l := range ws.Lessons {
		line := fmt.Sprintf("%2d. %-34s %3d min  %d choices", i+1, l.Path(), l.Minutes, len(l.Choices))
		if opts.Replays != nil {
			line += "  replays " + opts.Replays[i].Report.Started.Local().Format("2006-01-02 15:04")
			if i < len(opts.KeptRooms) && opts.KeptRooms[i] != nil {
				k := opts.KeptRooms[i]
				machines := fmt.Sprintf("%d machines", len(k.Results))
				if k.LeftOut > 0 {
					machines = fmt.Sprintf("%d of %d machines kept", len(k.Results), len(k.Results)+k.LeftOut)
				}
				line += fmt.Sprintf(" with the room's %d answers and %s", k.Answers.Total, machines)
			}
		}
		fmt.Fprintln(out, line)
		for _, c := range l.Commands {
			fmt.Fprintln(out, "      runs", report.Printable(c))
		}
	}
	return nil
}
