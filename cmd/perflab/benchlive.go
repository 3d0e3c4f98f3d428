package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"golang.org/x/term"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/own"
	"github.com/perflab/perflab/measure"
	"github.com/perflab/perflab/measure/runs"
	"github.com/perflab/perflab/tui"
)

// checkLive refuses --live where there is no terminal to draw on, before
// anything is built.
func checkLive(f *benchFlags, stdout io.Writer) error {
	if !f.live {
		return nil
	}
	if out, ok := stdout.(*os.File); !ok || !term.IsTerminal(int(out.Fd())) {
		return usage("--live draws on a terminal, and standard output is not one: leave it out for the progress line and the results")
	}
	return nil
}

// raceLive races the benchmarks as raceCases does, with the live view on
// the terminal in place of the progress line. What the races would say on
// stderr meanwhile (the runs kept, how each ended) is said once the view
// has closed, so that it does not draw over the view. Leaving the view
// before the end cancels the races.
func raceLive(ctx context.Context, cancel context.CancelFunc, set *own.BenchSet, raced []*own.BenchCase, f *benchFlags, store *runs.Store, stderr io.Writer) ([]*measure.Report, error) {
	updates := make(chan tui.BenchUpdate)
	names := make([]string, len(raced))
	for i, c := range raced {
		names[i] = c.Name
	}
	var said lockedBuilder
	var reps []*measure.Report
	var raceErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(updates)
		reps, raceErr = raceCases(ctx, set, raced, f, store, &said, liveWatcher{ctx: ctx, updates: updates})
	}()
	out := os.Stdout
	r := lipgloss.NewRenderer(out)
	lipgloss.SetDefaultRenderer(r)
	p := tea.NewProgram(tui.NewBench(tui.BenchOptions{Renderer: r, Names: names, Updates: updates}),
		tea.WithAltScreen(), tea.WithOutput(out), tea.WithContext(ctx))
	final, err := p.Run()
	if fm, ok := final.(tui.BenchModel); !ok || fm.Quit() || err != nil {
		cancel()
	}
	// The races end at the cancel; the updates they still send find no
	// reader, and are dropped at the cancel too (see liveWatcher).
	<-done
	fmt.Fprint(stderr, said.String())
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return reps, errors.Join(raceErr, fmt.Errorf("tui: %w", err))
	}
	return reps, raceErr
}

// liveWatcher sends the races' snapshots and ends to the live view, and
// keeps each race's timeline for its replay. A send waits for the view
// until the run is cancelled, so that a view that closed holds up nothing.
type liveWatcher struct {
	ctx     context.Context
	updates chan<- tui.BenchUpdate
}

func (w liveWatcher) send(u tui.BenchUpdate) {
	select {
	case w.updates <- u:
	case <-w.ctx.Done():
	}
}

func (w liveWatcher) follow(i int, r *labs.Run) *runs.Timeline {
	tl := &runs.Timeline{}
	for s := range r.Snapshots() {
		tl.Add(s)
		w.send(tui.BenchUpdate{Case: i, Snapshot: &s})
	}
	return tl
}

func (w liveWatcher) ended(i int, rep *measure.Report, err error) {
	w.send(tui.BenchUpdate{Case: i, Report: rep, Err: err})
}

// lockedBuilder keeps what the races say while the view is on: they say it
// from their goroutine.
type lockedBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuilder) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuilder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
