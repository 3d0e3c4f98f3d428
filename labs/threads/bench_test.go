package threads

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/backend"
	"github.com/perflab/perflab/measure"
)

// The benchmarks below put the lab's claims as ratios measured in one run:
// compare the sub-benchmarks' ns/op with each other, never with a figure.

// benchTasks runs b.N tasks with every strategy of a workload: sequentially,
// on a pool of k goroutines, on a pool of k OS threads.
func benchTasks(b *testing.B, k int, task task) {
	ctx := context.Background()
	b.Run("sequential", func(b *testing.B) { sequential(ctx, b.N, task) })
	for _, s := range []struct {
		name   string
		locked bool
	}{{"threads", true}, {"goroutines", false}} {
		b.Run(s.name, func(b *testing.B) {
			p := newPool(k, s.locked)
			defer p.close()
			b.ResetTimer()
			p.run(ctx, b.N, task)
		})
	}
}

// BenchmarkIO: each task is one request to the loopback backend (1 ms)
// and 10 µs of computation. The pools of 8 should come out near 8 times
// sequential.
func BenchmarkIO(b *testing.B) {
	srv, err := backend.Start(context.Background(), backend.Config{Latency: backend.Latency{Dist: backend.Uniform, Mean: time.Millisecond, Jitter: 200 * time.Microsecond}})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	c := backend.NewClient(srv.URL(), 8)
	defer c.Close()
	iters := itersFor(10 * time.Microsecond)
	benchTasks(b, 8, func(ctx context.Context, _ int) {
		if err := c.Call(ctx); err != nil {
			b.Error(err)
		}
		sink.Store(spin(iters, 1))
	})
}

// BenchmarkCPU: each task is 50 µs of computation. The pools should come out
// near GOMAXPROCS times sequential, and the GIL pool no faster than
// sequential.
func BenchmarkCPU(b *testing.B) {
	iters := itersFor(50 * time.Microsecond)
	task := func(context.Context, int) { sink.Store(spin(iters, 1)) }
	benchTasks(b, 8, task)
	b.Run("gil", func(b *testing.B) {
		var gil sync.Mutex
		p := newPool(8, true)
		defer p.close()
		b.ResetTimer()
		p.run(context.Background(), b.N, func(ctx context.Context, w int) {
			gil.Lock()
			task(ctx, w)
			gil.Unlock()
		})
	})
}

// BenchmarkCounter: one add by each of 8 goroutines at once.
func BenchmarkCounter(b *testing.B) {
	for _, s := range []struct {
		name string
		c    func() counter
	}{
		{"mutex", func() counter { return &mutexCounter{} }},
		{"atomic", func() counter { return &atomicCounter{} }},
		{"sharded", func() counter { return &shardedCounter{shards: make([]shard, 8)} }},
		{"race", func() counter { return &racyCounter{} }},
	} {
		b.Run(s.name, func(b *testing.B) {
			c := s.c()
			hammer(c, 8, max(1, b.N/8))
		})
	}
}

// BenchmarkRecord is what one record costs a worker of the lab's pools, clock
// included: a pool of k=8 owns a recorder for each worker, a pool of k=1000
// shares a few and borrows one for every record, as async's fan-out does.
// Compare the two sub-benchmarks' ns/op with each other.
func BenchmarkRecord(b *testing.B) {
	for _, k := range []int{8, 1000} {
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) {
			recs := make([]*measure.Recorder, measure.RecordersFor(k))
			for i := range recs {
				recs[i] = measure.NewRecorder()
			}
			set := measure.NewRecorderSet(recs, k)
			p := newPool(k, false)
			defer p.close()
			b.ResetTimer()
			p.run(context.Background(), b.N, func(_ context.Context, w int) { set.Record(w, measure.Now()) })
			b.ReportMetric(float64(len(recs)), "recorders")
		})
	}
}
