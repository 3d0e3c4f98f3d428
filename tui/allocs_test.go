package tui

import (
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/measure"
)

// TestAllocsOfIdenticalCodeWithTheTUIDrawing runs measure/sort's baseline
// and its placebo, the very same code, in a real program drawing the run
// view, while another goroutine draws frames as fast as it can. The
// allocations per operation are those of the code, so the two must be
// identical, and whole numbers as testing.B reports them.
func TestAllocsOfIdenticalCodeWithTheTUIDrawing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sort lab for about three seconds")
	}
	rep := runWhileDrawing(t, labs.Spec{Path: "measure/sort", Strategies: []string{"baseline", "placebo"},
		Config: measure.Config{Reps: 10, RepDuration: 100 * time.Millisecond}})
	var got []string
	for _, s := range rep.Strategies {
		if s.AllocsPerOp == nil {
			t.Fatalf("%s: no allocations measured", s.Name)
		}
		got = append(got, trimmed(*s.AllocsPerOp)+" allocs "+trimmed(*s.BytesPerOp)+" B")
	}
	if got[0] != got[1] {
		t.Errorf("allocations per op with the TUI drawing: baseline %s, placebo %s; want them identical", got[0], got[1])
	}
	for i, s := range rep.Strategies {
		if a := *s.AllocsPerOp; a != float64(int64(a)) {
			t.Errorf("%s: %s, want a whole number of allocations per op", s.Name, got[i])
		}
	}
}

func trimmed(x float64) string { return strings.TrimRight(strings.TrimRight(strconvF(x), "0"), ".") }

func strconvF(x float64) string { return strconv.FormatFloat(x, 'f', 6, 64) }

// pipeOut is a pipe a reader drains, so that the program writes its frames
// through system calls as it does to a terminal.
func pipeOut(t *testing.T) *os.File {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = io.Copy(io.Discard, r)
	}()
	t.Cleanup(func() {
		w.Close()
		<-done
		r.Close()
	})
	return w
}

// TestTinyOperationBatchedWithTheTUIDrawing runs lab 2's map in a real
// program drawing the run view, with another goroutine drawing frames as
// fast as it can from the start, as the TUI does while it starts up. The
// map's lookups take nanoseconds: calibration must still decide, from warm
// operations, to time them in batches, whatever the drawing does to the
// first calls (it once timed them one by one, eleven times too slow).
func TestTinyOperationBatchedWithTheTUIDrawing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the membership lab for about a second")
	}
	rep := runWhileDrawing(t, labs.Spec{Path: "data-structures/membership", Strategies: []string{"map", "map"},
		Config: measure.Config{Reps: 6, RepDuration: 10 * time.Millisecond}})
	for _, s := range rep.Strategies {
		if s.Batch == 0 {
			t.Errorf("%s: timed one lookup at a time (%.1f ns/op) with the TUI drawing; want batches", s.Name, s.NsPerOp.Median)
		}
	}
}

// runWhileDrawing runs spec in a real program drawing the run view, while
// drawFrames draws frames of its own from the start, and returns its report.
func runWhileDrawing(t *testing.T, spec labs.Spec) *measure.Report {
	t.Helper()
	stopDrawing := drawFrames(t)
	defer stopDrawing()
	return runWithTUIOn(t, spec, pipeOut(t))
}

// drawFrames draws frames of a run view as fast as it can on a goroutine
// of its own, beside whatever the test runs, until the function it returns
// is called.
func drawFrames(t *testing.T) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		m := newTestModel(t, 160, 48)
		m, _ = m.beginRun(intent{kind: askRun, spec: labs.Spec{Path: "data-structures/membership"}}, stateSetup)
		m.run, _, _ = m.run.Update(runFrameMsg{snap: syntheticSnapshot(3, 300)})
		for {
			select {
			case <-done:
				m.active.cancel()
				return
			default:
				m.run.render()
				_ = m.View()
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}
