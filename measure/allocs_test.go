package measure

import (
	"context"
	"testing"
)

func TestAllocPassOpsIsAShareOfOneWorkersOperations(t *testing.T) {
	tests := []struct {
		ops     int64
		workers int
		want    int
	}{
		{20000, 1, 1000},
		{20000, 4, 250},  // four workers did 5000 each: the pass repeats a 20th of that
		{25600, 256, 5},  // many slow callers: the pass stays a 20th of a repetition, not 12.8 of them
		{10, 1, 1},       // always at least one operation
		{1e6, 0, 50000},  // no recorder count known: one worker
		{1e9, 1, 5e7},    // a batched tiny operation
		{19, 1024, 1},    // more workers than operations
		{40000, 2, 1000}, // two workers
	}
	for _, tt := range tests {
		if got := allocPassOps(tt.ops, tt.workers); got != tt.want {
			t.Errorf("allocPassOps(%d, %d) = %d, want %d", tt.ops, tt.workers, got, tt.want)
		}
	}
}

func TestAllocsPerOpCountsTheOperationsAllocations(t *testing.T) {
	var keep []*[64]byte
	loop := func(_ context.Context, _, n int) error {
		keep = keep[:0]
		for range n {
			keep = append(keep[:0], new([64]byte))
		}
		return nil
	}
	_ = loop(context.Background(), 0, 1) // grow keep once, outside the count
	allocs, bytes := allocsPerOp(context.Background(), loop, 1000)
	if allocs != 1 || bytes != 64 {
		t.Errorf("allocsPerOp = %g allocs, %g B per op; want 1 allocation of 64 bytes", allocs, bytes)
	}
}

// TestAllocsPerOpIgnoresAnotherGoroutinesBurst counts a pass during which
// something else allocates once, in a burst, as a display drawing a frame
// does when the pass is preempted: the figure stays the operation's own, a
// whole number, and an operation that allocates nothing reads 0.
func TestAllocsPerOpIgnoresAnotherGoroutinesBurst(t *testing.T) {
	var keep []*[64]byte
	tests := []struct {
		name        string
		perOp       int
		wantAllocs  float64
		wantAtLeast float64
	}{
		{"no allocation", 0, 0, 0},
		{"one of 64 bytes", 1, 1, 64},
		{"two", 2, 2, 128},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			loop := func(_ context.Context, _, n int) error {
				calls++
				if calls == 2 {
					// The burst: many allocations in one run only.
					for range 10000 {
						keep = append(keep, new([64]byte))
					}
					keep = keep[:0]
				}
				for range n {
					for range tt.perOp {
						keep = append(keep[:0], new([64]byte))
					}
				}
				return nil
			}
			keep = make([]*[64]byte, 0, 16384)
			allocs, bytes := allocsPerOp(context.Background(), loop, 900)
			if allocs != tt.wantAllocs || bytes < tt.wantAtLeast || bytes > tt.wantAtLeast+16 {
				t.Errorf("allocsPerOp = %g allocs, %g B per op; want %g allocations of %g bytes", allocs, bytes, tt.wantAllocs, tt.wantAtLeast)
			}
		})
	}
}

func TestAllocsScope(t *testing.T) {
	loop := newSubjectState(&Subject{Name: "loop", Loop: nop}, Config{}.WithDefaults())
	drive := newSubjectState(&Subject{Name: "pool", Drive: func(context.Context, []*Recorder) error { return nil }}, Config{}.WithDefaults())
	if got := loop.allocsScope(); got != allocsOfOperation {
		t.Errorf("a Loop subject's allocations are of %q, want the operation's", got)
	}
	if got := drive.allocsScope(); got != AllocsOfProcess {
		t.Errorf("a Drive subject's allocations are of %q, want the process's", got)
	}
}
