package processes

import (
	"context"
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
)

// BenchmarkSpeedupOverOneGoroutine runs a job with every strategy in turn,
// interleaved so that a drift of the machine touches them alike, and reports
// each strategy's speedup over one goroutine as x_ID: the lesson's claim as
// ratios measured in one run. Coarse chunks should give about the core count
// for goroutines and processes and about 1 for the GIL; chunks of one number
// should put the processes far below 1.
func BenchmarkSpeedupOverOneGoroutine(b *testing.B) {
	for _, c := range []struct{ chunk, tasks string }{{"100000", "8"}, {"1", "512"}} {
		b.Run("chunk="+c.chunk, func(b *testing.B) {
			params := map[string]string{"chunk": c.chunk, "tasks": c.tasks}
			strategies := primes().Strategies
			subjects := make([]*measure.Subject, len(strategies))
			for i, st := range strategies {
				s, _, err := newSubject(context.Background(), st.New, params)
				if err != nil {
					b.Fatal(err)
				}
				if s.Close != nil {
					defer s.Close()
				}
				subjects[i] = s
			}
			spent := make([]time.Duration, len(subjects))
			for b.Loop() {
				for i, s := range subjects {
					recs := make([]*measure.Recorder, max(1, s.Recorders))
					start := time.Now()
					if err := s.Drive(context.Background(), recs); err != nil {
						b.Fatal(err)
					}
					spent[i] += time.Since(start)
				}
			}
			for i, st := range strategies[1:] {
				b.ReportMetric(float64(spent[0])/float64(spent[i+1]), "x_"+st.ID)
			}
		})
	}
}
