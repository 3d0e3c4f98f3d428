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

func TestManyGoroutinesShareFewRecorders(t *testing.T) {
	const goroutines = 50
	s := &Subject{
		Name:      "shared",
		Recorders: PoolSize(goroutines),
		Drive: func(ctx context.Context, recs []*Recorder) error {
			p := NewRecorderPool(recs)
			var wg sync.WaitGroup
			for i := range goroutines {
				wg.Go(func() {
					if i == 0 {
						p.Fail(errors.New("refused"))
						return
					}
					p.Record(Now())
					p.RecordN(5, 2)
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
	if w := rep.Strategies[0].Warnings; !slices.ContainsFunc(w, func(s string) bool { return strings.Contains(s, "refused") }) {
		t.Errorf("warnings %q do not say why operations failed", w)
	}
}
