package threads

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// contentionWorkload has k workers add to one shared count.
func contentionWorkload() *lab.Workload {
	return &lab.Workload{
		ID:    "contention",
		Title: "A shared counter",
		Params: []lab.Param{
			{Name: "k", Kind: lab.Int, Default: "8", Min: "1", Max: "1000", Help: "workers adding at once"},
			{Name: "adds", Kind: lab.Int, Default: "100000", Min: "1000", Max: "100000000", Help: "adds by each worker in one batch"},
		},
		// The pool of workers is started once and shared by the run.
		Kept: measure.KeptShared,
		Strategies: []lab.Strategy{
			{ID: "mutex", Title: "mutex", Help: "lock, add, unlock", New: newCounter(func() counter { return &mutexCounter{} })},
			{ID: "atomic", Title: "atomic add", Help: "one atomic add on the shared count", New: newCounter(func() counter { return &atomicCounter{} })},
			{ID: "sharded", Title: "sharded per worker", Help: "a counter per worker on its own cache line, summed at the end", New: newShardedCounter},
			{ID: "race", Title: "lost-update race", Help: "load, then store the value plus one: each step atomic, the pair not", New: newCounter(func() counter { return &racyCounter{} })},
		},
	}
}

// A counter is a count that workers add to. add is called by worker w.
type counter interface {
	add(w int)
	total() int64
}

type mutexCounter struct {
	mu sync.Mutex
	n  int64
}

func (c *mutexCounter) add(int) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *mutexCounter) total() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

type atomicCounter struct{ n atomic.Int64 }

func (c *atomicCounter) add(int)      { c.n.Add(1) }
func (c *atomicCounter) total() int64 { return c.n.Load() }

// racyCounter loses updates: between its load and its store another worker
// may store, and that worker's add is overwritten.
type racyCounter struct{ n atomic.Int64 }

func (c *racyCounter) add(int)      { c.n.Store(c.n.Load() + 1) }
func (c *racyCounter) total() int64 { return c.n.Load() }

// shardedCounter gives each worker its own count, padded to a cache line so
// that no two workers write to the same line.
type shardedCounter struct{ shards []shard }

type shard struct {
	n atomic.Int64
	_ [56]byte
}

func (c *shardedCounter) add(w int) { c.shards[w].n.Add(1) }

func (c *shardedCounter) total() int64 {
	var sum int64
	for i := range c.shards {
		sum += c.shards[i].n.Load()
	}
	return sum
}

// chunk is how many adds are timed together: one add takes nanoseconds,
// less than a clock read, so a single add cannot be timed on its own.
const chunk = 1000

// tally keeps a counter strategy's totals across batches for its metrics.
type tally struct{ expected, counted atomic.Int64 }

func (t *tally) metrics() map[string]float64 {
	e, c := t.expected.Load(), t.counted.Load()
	return map[string]float64{"expected": float64(e), "counted": float64(c), "lost": float64(e - c)}
}

func newCounter(fresh func() counter) func(env *lab.Env) (*measure.Subject, error) {
	return func(env *lab.Env) (*measure.Subject, error) {
		return counterSubject(env, func(int) counter { return fresh() }), nil
	}
}

func newShardedCounter(env *lab.Env) (*measure.Subject, error) {
	return counterSubject(env, func(k int) counter { return &shardedCounter{shards: make([]shard, k)} }), nil
}

// counterSubject has k workers add to a fresh counter in every batch, and
// compares the counter's total with the adds made.
func counterSubject(env *lab.Env, fresh func(k int) counter) *measure.Subject {
	k, adds := env.Params.Int("k"), env.Params.Int("adds")
	var t tally
	return &measure.Subject{
		Recorders:  measure.RecordersFor(k),
		DriveBatch: chunk,
		Drive: func(ctx context.Context, recs []*measure.Recorder) error {
			c := fresh(k)
			set := measure.NewRecorderSet(recs, k)
			var made atomic.Int64
			var wg sync.WaitGroup
			for w := range k {
				wg.Go(func() { made.Add(count(ctx, c, w, adds, set)) })
			}
			wg.Wait()
			t.expected.Add(made.Load())
			t.counted.Add(c.total())
			return nil
		},
		Metrics: t.metrics,
	}
}

// count makes worker w's adds to c in timed chunks and returns how many it
// made; it stops between chunks when ctx ends.
func count(ctx context.Context, c counter, w, adds int, set measure.RecorderSet) int64 {
	var made int64
	for made < int64(adds) && ctx.Err() == nil {
		n := min(chunk, int64(adds)-made)
		start := measure.Now()
		for range n {
			c.add(w)
		}
		// The chunk's mean, rounded to the nearest nanosecond.
		set.RecordN(w, (measure.Now()-start+n/2)/n, n)
		made += n
	}
	return made
}
