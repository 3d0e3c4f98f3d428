package measure

import (
	"context"
	"flag"
	"testing"
	"time"
)

// BenchmarkQuietVsTestingB measures how much the engine's repetitions vary
// beside testing.B's, on the same tiny operation (map lookups) in the same
// process. Before each of the engine's repetitions, the subject's Enter
// hands the benchmark goroutine one testing.B run and waits for it, so
// that the two alternate and any drift of the machine touches both alike.
// The last sub-benchmark reports each one's coefficient of variation and
// their ratio, engine over testing.B (target: at most 1.1).
//
// Run it with -benchtime=100ms, the engine's default repetition length, so
// that both time the same span: testing.B sizes its runs by that flag and
// the engine's repetitions take its value.
func BenchmarkQuietVsTestingB(b *testing.B) {
	repLen := benchDuration(b)
	const reps = 30
	loop := mapLookups()
	turn, back := make(chan struct{}), make(chan struct{})
	enter := func(ctx context.Context) error {
		select {
		case turn <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-back
		return nil
	}
	r, err := Start(context.Background(), Config{Reps: reps, RepDuration: repLen},
		[]*Subject{{Name: "map", Loop: loop, Enter: enter}})
	if err != nil {
		b.Fatal(err)
	}
	go func() {
		for range r.Snapshots() {
		}
	}()
	var plain []float64
	for running := true; running; {
		select {
		case <-turn:
			var last float64
			b.Run("testing.B", func(b *testing.B) {
				_ = loop(context.Background(), 0, b.N)
				last = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			})
			plain = append(plain, last)
			back <- struct{}{}
		case <-r.Done():
			running = false
		}
	}
	rep, err := r.Wait()
	if err != nil {
		b.Fatal(err)
	}
	// The first testing.B run precedes the engine's warm-up: drop it, as
	// the engine drops its warm-up.
	cvB := coefficientOfVariation(plain[1:])
	cvE := coefficientOfVariation(repNsPerOp(rep.Strategies[0].Reps))
	b.Run("cv", func(b *testing.B) {
		b.ReportMetric(100*cvB, "cv%-testing.B")
		b.ReportMetric(100*cvE, "cv%-engine")
		b.ReportMetric(cvE/cvB, "cv-engine/testing.B")
	})
}

// benchDuration returns the -benchtime flag as a duration, skipping the
// benchmark when it is a count ("100x"), which gives testing.B no length.
func benchDuration(b *testing.B) time.Duration {
	f := flag.Lookup("test.benchtime")
	if f == nil {
		return DefaultRepDuration
	}
	d, err := time.ParseDuration(f.Value.String())
	if err != nil || d <= 0 {
		b.Skipf("-benchtime=%s is not a duration", f.Value)
	}
	return d
}
