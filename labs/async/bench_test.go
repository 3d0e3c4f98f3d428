package async

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/labs/lab"
)

// discard is a sink that only counts failures: the benchmark times whole
// batches.
type discard struct{ errs atomic.Int64 }

func (*discard) Record(int, int64) {}
func (d *discard) Fail(int, error) { d.errs.Add(1) }

// BenchmarkRequests sends b.N requests, in batches of 200, to a backend that
// answers in 2 ms and serves 64 at once. Read the ratios: fan-out and the
// semaphore of 64 should finish far ahead of the pool of 8, and the thread
// per request behind fan-out.
func BenchmarkRequests(b *testing.B) {
	const n = 200
	env := labtest.Env(b, context.Background(), requestsWorkload(),
		map[string]string{"n": "200", "pool": "8", "sem": "64", "latency": "2ms", "jitter": "0s", "limit": "64"})
	fx := env.Fixture.(*fixture)
	for _, s := range []struct {
		name  string
		build func(*fixture, lab.Values) (strategy, error)
	}{{"threads", threadPerRequest}, {"pool", goroutinePool}, {"fanout", fanOut}, {"semaphore", withSemaphore}} {
		b.Run(s.name, func(b *testing.B) {
			st, err := s.build(fx, env.Params)
			if err != nil {
				b.Fatal(err)
			}
			var out discard
			for done := 0; done < b.N; done += n {
				st.batch(context.Background(), &out)
			}
			if n := out.errs.Load(); n > 0 {
				b.Fatalf("%d requests failed", n)
			}
		})
	}
}
