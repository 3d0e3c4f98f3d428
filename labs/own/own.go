// Package own is the catalogue's "your own" lab: a person's commands
// (perflab exec) and HTTP services (perflab http) raced through the same
// engine as the seven lessons. Its workloads are built from what the person
// typed, so each call returns a lab of its own with one workload whose
// strategies are the commands or requests.
package own

import (
	"context"
	"embed"
	"strings"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// ID is the lab's id in results: own/exec, own/http.
const ID = "own"

// lessons holds lesson.md, editable without touching Go.
//
//go:embed *.md
var lessons embed.FS

// Title is the lab's one line, as the TUI lists it after the seven lessons.
const Title = "Your own: race your commands, HTTP services and Python functions"

// New returns the "your own" lab holding the workloads ws. It comes after
// the seven lessons, so its number is 8.
func New(ws ...*lab.Workload) *lab.Lab {
	for _, w := range ws {
		// A person's command, service or code: perflab cannot build it
		// afresh.
		w.Kept = measure.KeptOwn
	}
	l := lab.New(lessons, 8, ID, Title, ws...)
	l.Own = true
	return l
}

// checkNames refuses a blank name, and one given twice: a name is how a
// strategy is found again, in the plan and in a saved run.
func checkNames(names []string) error {
	seen := map[string]bool{}
	for _, n := range names {
		switch {
		case strings.TrimSpace(n) == "":
			return lab.Optionf("name", "one is empty: give each a label")
		case seen[n]:
			return lab.Optionf("name", "%q is given twice: give each a label of its own", n)
		}
		seen[n] = true
	}
	return nil
}

// figures are what a strategy of the "your own" lab keeps of its runs
// beside the engine's latencies: CPU time and memory, status codes, errors
// by kind.
type figures interface {
	loop(ctx context.Context, w, n int) error
	// reset forgets what was counted so far.
	reset()
	metrics() map[string]float64
	close() error
}

// subjectOf returns the engine's subject for f: each operation timed on its
// own, the work outside this process (the command, the server), and f's
// figures those of the measured repetitions only. The engine's first
// repetition is a warm-up that counts nowhere, so f is reset when the
// second one enters. before, if set, runs at the start of every repetition,
// outside the clock.
func subjectOf(f figures, before func(context.Context) error) *measure.Subject {
	enters := 0
	return &measure.Subject{
		Loop:     f.loop,
		Batch:    measure.BatchNever,
		External: true,
		Metrics:  f.metrics,
		Close:    f.close,
		Enter: func(ctx context.Context) error {
			if enters++; enters == 2 {
				f.reset()
			}
			if before != nil {
				return before(ctx)
			}
			return nil
		},
	}
}
