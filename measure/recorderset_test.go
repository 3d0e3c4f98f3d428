package measure

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestPoolSize(t *testing.T) {
	cpus := runtime.GOMAXPROCS(0)
	for _, tt := range []struct{ goroutines, want int }{
		{0, 1}, {1, 1}, {2 * cpus, 2 * cpus}, {1000, 2 * cpus},
	} {
		if got := PoolSize(tt.goroutines); got != tt.want {
			t.Errorf("PoolSize(%d) = %d, want %d", tt.goroutines, got, tt.want)
		}
	}
}

func TestRecordersFor(t *testing.T) {
	for _, tt := range []struct{ goroutines, want int }{
		{0, 1}, {1, 1}, {8, 8}, {maxOwnedRecorders, maxOwnedRecorders}, {maxOwnedRecorders + 1, PoolSize(maxOwnedRecorders + 1)}, {1000, PoolSize(1000)},
	} {
		if got := RecordersFor(tt.goroutines); got != tt.want {
			t.Errorf("RecordersFor(%d) = %d, want %d", tt.goroutines, got, tt.want)
		}
	}
}

// TestAPoolOfKGoroutinesOwnsKRecorders checks that each goroutine of a small
// pool records into its own recorder, with no borrowing.
func TestAPoolOfKGoroutinesOwnsKRecorders(t *testing.T) {
	const k = 8
	recs := newRecorders(RecordersFor(k))
	set := NewRecorderSet(recs, k)
	if !set.Owned() {
		t.Fatalf("a set of %d recorders for %d goroutines shares them", len(recs), k)
	}
	var wg sync.WaitGroup
	for w := range k {
		wg.Go(func() {
			for range w + 1 {
				set.Record(w, Now())
			}
			set.Worker(w).Fail(errors.New("refused"))
		})
	}
	wg.Wait()
	for w, r := range recs {
		if got := r.cur.TotalCount(); got != int64(w+1) {
			t.Errorf("recorder %d holds %d records, want %d: goroutine %d's own", w, got, w+1, w)
		}
		if got := r.errs.Load(); got != 1 {
			t.Errorf("recorder %d counted %d failures, want 1", w, got)
		}
	}
}

func TestManyGoroutinesShareFewRecorders(t *testing.T) {
	const goroutines = 50
	s := &Subject{
		Name:      "shared",
		Recorders: PoolSize(goroutines),
		Drive: func(ctx context.Context, recs []*Recorder) error {
			p := NewRecorderSet(recs, goroutines)
			if p.Owned() {
				t.Errorf("%d goroutines own %d recorders", goroutines, len(recs))
			}
			var wg sync.WaitGroup
			for i := range goroutines {
				wg.Go(func() {
					if i == 0 {
						p.Worker(i).Fail(errors.New("refused"))
						return
					}
					p.Record(i, Now())
					p.RecordN(i, 5, 2)
				})
			}
			wg.Wait()
			return nil
		},
	}
	run, err := Start(context.Background(), Config{Reps: 2, RepDuration: time.Millisecond}, []*Subject{s})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := run.Wait()
	if err != nil {
		t.Fatal(err)
	}
	// Each batch: 49 goroutines record 1 + 2 operations, one fails.
	for _, r := range rep.Strategies[0].Reps {
		if r.Ops%(3*(goroutines-1)) != 0 || r.Ops == 0 || r.Errors != r.Ops/(3*(goroutines-1)) {
			t.Errorf("a repetition has %d ops and %d errors, want whole batches of %d ops and one error each", r.Ops, r.Errors, 3*(goroutines-1))
		}
	}
	if c := causes(rep.Strategies[0].Findings); !slices.ContainsFunc(c, func(s string) bool { return strings.Contains(s, "refused") }) {
		t.Errorf("failures %q do not say why operations failed", c)
	}
}
