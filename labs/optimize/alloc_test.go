package optimize

import (
	"context"
	"slices"
	"testing"

	"github.com/perflab/perflab/labs/internal/labtest"
)

func TestBuildsAgree(t *testing.T) {
	pooled := newPoolTotal()
	for _, n := range []int{1, 2, 255, 256, 257, 1000, 30000} {
		want := buildAppend(n)
		if got := buildInto(make([]record, 0, n), n); !slices.Equal(got, want) {
			t.Errorf("n=%d: the preallocated build differs from append's", n)
		}
		// A pooled slice keeps old records past its length: they must
		// not leak into a shorter build.
		if got := buildInto(make([]record, 0, 2*n+5)[:0], n); !slices.Equal(got, want) {
			t.Errorf("n=%d: a build into a reused slice differs from append's", n)
		}
		tot := total(want)
		for name, build := range map[string]func(int) int64{"append": appendTotal, "prealloc": preallocTotal, "pool": pooled} {
			if got := build(n); got != tot {
				t.Errorf("n=%d: %s totals %d, want %d", n, name, got, tot)
			}
		}
	}
	// The pool's slice now holds 30000 records; a smaller build must not
	// count the stale ones.
	if got, want := pooled(10), total(buildAppend(10)); got != want {
		t.Errorf("pooled build after a larger one totals %d, want %d", got, want)
	}
}

// TestBuildAllocations counts heap allocations per build with the testing
// package's own counter: append grows about log2(n) times, preallocation
// allocates once, the pool not at all in a steady state.
func TestBuildAllocations(t *testing.T) {
	const n = 1000
	pooled := newPoolTotal()
	pooled(n) // fill the pool
	appendAllocs := testing.AllocsPerRun(50, func() { appendTotal(n) })
	prealloc := testing.AllocsPerRun(50, func() { preallocTotal(n) })
	pool := testing.AllocsPerRun(50, func() { pooled(n) })
	if raceEnabled {
		pool = 0 // the race detector's pool drops buffers on purpose
	}
	if appendAllocs < 8 || prealloc != 1 || pool > 0.1 {
		t.Errorf("allocations per build of %d: append %v, prealloc %v, pool %v; want at least 8, 1, 0", n, appendAllocs, prealloc, pool)
	}
}

func TestAllocSubjectsRun(t *testing.T) {
	w := allocWorkload()
	env := labtest.Env(t, context.Background(), w, map[string]string{"n": "100"})
	for _, st := range w.Strategies {
		s := labtest.Subject(t, st, env)
		if err := s.Loop(context.Background(), 0, 10); err != nil {
			t.Errorf("%s: %v", st.ID, err)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	const n = 1000
	pooled := newPoolTotal()
	for _, bc := range []struct {
		name  string
		build func(int) int64
	}{{"append", appendTotal}, {"prealloc", preallocTotal}, {"pool", pooled}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bc.build(n)
			}
		})
	}
}
