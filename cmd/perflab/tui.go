package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"golang.org/x/term"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/tui"
)

// shutdownTimeout bounds how long quitting waits for a cancelled run to stop
// everything it started.
const shutdownTimeout = 3 * time.Second

// runTUI opens the interactive lab on the terminal, or, when standard output
// is not one, says how to run perflab headless.
func runTUI(ctx context.Context, stdin io.Reader, stdout io.Writer, hist historyFlags) error {
	return runTUIWith(ctx, stdin, stdout, hist, tui.Options{})
}

// runTUIWith opens the TUI with opts, the renderer, context and runs
// folder filled in, and the catalogue too when opts names none: the seven
// labs and "your own".
func runTUIWith(ctx context.Context, stdin io.Reader, stdout io.Writer, hist historyFlags, opts tui.Options) error {
	out, ok := stdout.(*os.File)
	if !ok || !term.IsTerminal(int(out.Fd())) {
		return usage("standard output is not a terminal: use `perflab run LAB/WORKLOAD` for a headless run, or `perflab list` to see the labs")
	}
	store, err := hist.store()
	if err != nil {
		return usageError{err}
	}
	runsDir := ""
	if store != nil {
		runsDir = store.Dir
	}
	if ctx == nil {
		ctx = context.Background()
	}
	// The renderer reads NO_COLOR and the terminal's colours from the
	// output the TUI draws on; the default renderer follows it, so that
	// the bubbles components agree with the TUI's own styles.
	r := lipgloss.NewRenderer(out)
	lipgloss.SetDefaultRenderer(r)
	if opts.Labs == nil {
		// "Your own" comes after the seven lessons: commands and URLs
		// typed into the set-up race as any lab's strategies.
		opts.Labs = catalogue()
	}
	opts.Renderer, opts.Context, opts.RunsDir = r, ctx, runsDir
	m := tui.New(opts)
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithInput(stdin), tea.WithOutput(out), tea.WithContext(ctx))
	final, err := p.Run()
	if fm, ok := final.(tui.Model); ok {
		fm.Shutdown(shutdownTimeout)
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return fmt.Errorf("tui: %w", err)
	}
	return nil
}

// catalogue is every lab the command line knows: the seven lessons and
// "your own" (own/exec, own/http), so that a run saved from the TUI's own
// entry can be listed and run again by name.
func catalogue() []*lab.Lab { return labs.Catalogue() }
