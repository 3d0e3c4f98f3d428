package optimize

import (
	"context"
	"math"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/perflab/perflab/labs/internal/labtest"
	"github.com/perflab/perflab/labs/lab"
)

// cacheEnv prepares the caching workload's fixture with the given
// parameters over its defaults.
func cacheEnv(t *testing.T, ctx context.Context, set map[string]string) *lab.Env {
	t.Helper()
	return labtest.Env(t, ctx, cachingWorkload(), set)
}

// TestCachesReturnTheBackendsValues asks every strategy for the same keys
// from several goroutines at once: every answer must be the backend's own
// value for the key, whether it came from the cache or not.
func TestCachesReturnTheBackendsValues(t *testing.T) {
	env := cacheEnv(t, context.Background(), map[string]string{"keys": "500", "cache_size": "50", "cost": "1us"})
	fx := env.Fixture.(*cacheFixture)
	makers := map[string]func(*cacheFixture, int) (cache, error){"none": newNoCache, "memo": newMemo, "lru": newLRU, "singleflight": newFlight}
	for name, mk := range makers {
		c, err := mk(fx, 50)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				for i := range 3000 {
					key := fx.keys[(g*1000+i)%len(fx.keys)]
					v, _, err := c.get(context.Background(), key)
					if err != nil {
						t.Errorf("%s: %v", name, err)
						return
					}
					if want := digest(key, fx.backend.rounds); v != want {
						t.Errorf("%s: key %d gave a value that is not the backend's", name, key)
						return
					}
				}
			})
		}
		wg.Wait()
	}
}

// TestCacheSubjectsCountHitsAndMisses runs each strategy's subject over the
// same keys and checks its metrics against what the keys imply.
func TestCacheSubjectsCountHitsAndMisses(t *testing.T) {
	env := cacheEnv(t, context.Background(), map[string]string{"keys": "1000", "cache_size": "100", "cost": "1us", "skew": "1"})
	fx := env.Fixture.(*cacheFixture)
	const calls = 20000
	distinct := map[uint64]bool{}
	for _, k := range fx.keys[:calls] {
		distinct[k] = true
	}
	for _, st := range cachingWorkload().Strategies {
		s := labtest.Subject(t, st, env)
		if err := s.Loop(context.Background(), 0, calls); err != nil {
			t.Fatal(err)
		}
		m := s.Metrics()
		hits := m["hit_ratio"] * calls
		switch st.ID {
		case "none":
			if m["hit_ratio"] != 0 || m["backend_calls"] != calls || m["cache_bytes"] != 0 {
				t.Errorf("none: %v, want no hits and %d backend calls", m, calls)
			}
		case "memo":
			// An unbounded memo misses exactly once per distinct key.
			if m["backend_calls"] != float64(len(distinct)) || m["cache_entries"] != float64(len(distinct)) {
				t.Errorf("memo: %v, want %d misses and entries", m, len(distinct))
			}
		default:
			if m["cache_entries"] != 100 || m["backend_calls"]+hits < calls-0.5 || m["backend_calls"]+hits > calls+0.5 {
				t.Errorf("%s: %v, want 100 entries and hits + misses = %d", st.ID, m, calls)
			}
			if pred := m["predicted_hit_ratio"]; math.Abs(pred-m["hit_ratio"]) > 0.03 {
				t.Errorf("%s: hit ratio %.3f, predicted %.3f", st.ID, m["hit_ratio"], pred)
			}
		}
	}
}

// TestSingleflightCoalescesConcurrentMisses has many goroutines miss one
// key while the backend waits: only one of them may call it.
func TestSingleflightCoalescesConcurrentMisses(t *testing.T) {
	fx := &cacheFixture{backend: &backend{rounds: 1, wait: 50 * time.Millisecond}, lruPredicted: func() float64 { return 0 }}
	c, err := newFlight(fx, 10)
	if err != nil {
		t.Fatal(err)
	}
	const callers = 8
	var wg sync.WaitGroup
	hits := make([]bool, callers)
	for i := range callers {
		wg.Go(func() {
			_, hit, err := c.get(context.Background(), 42)
			if err != nil {
				t.Error(err)
			}
			hits[i] = hit
		})
	}
	wg.Wait()
	misses := 0
	for _, h := range hits {
		if !h {
			misses++
		}
	}
	m := map[string]float64{}
	c.metrics(m)
	// Callers that arrive after the value is cached hit the LRU; the rest
	// share the one call.
	if misses != 1 {
		t.Errorf("%d callers went to the backend, want 1 (metrics %v)", misses, m)
	}
}

func TestWaitingBackendStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	b := &backend{rounds: 1, wait: time.Hour}
	done := make(chan error)
	go func() {
		_, err := b.fetch(ctx, 1)
		done <- err
	}()
	cancel()
	if err := <-done; err != context.Canceled {
		t.Errorf("fetch after cancel = %v, want context.Canceled", err)
	}
}

func TestRoundsForScalesWithCost(t *testing.T) {
	short, long := roundsFor(time.Microsecond), roundsFor(time.Millisecond)
	if short < 1 || long < 100*short {
		t.Errorf("rounds for 1µs = %d, for 1ms = %d: want at least 1 and about 1000 times more", short, long)
	}
}

// TestMemoryEstimatesMatchTheHeap builds real caches and compares the heap
// they take with the estimates the metrics report.
func TestMemoryEstimatesMatchTheHeap(t *testing.T) {
	fx := &cacheFixture{backend: &backend{rounds: 1}, lruPredicted: func() float64 { return 0 }}
	for _, n := range []int{2000, 20000, 100000} {
		h0 := heapInUse()
		m := map[uint64]value{}
		for i := range n {
			m[uint64(i)*7919] = value{1}
		}
		memo := heapInUse() - h0
		runtime.KeepAlive(m)

		h0 = heapInUse()
		l, err := newLRUCache(fx, n)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			l.c.Add(uint64(i)*7919, value{1})
		}
		lruHeap := heapInUse() - h0
		runtime.KeepAlive(l)

		for _, tc := range []struct {
			name      string
			est, heap int64
		}{{"memo", int64(memoBytes(n)), memo}, {"lru", int64(lruBytes(n)), lruHeap}} {
			r := float64(tc.est) / float64(tc.heap)
			t.Logf("%s of %d entries: estimated %d bytes, heap grew %d (ratio %.2f)", tc.name, n, tc.est, tc.heap, r)
			if r < 0.7 || r > 1.3 {
				t.Errorf("%s of %d entries: estimated %d bytes, heap grew %d (ratio %.2f)", tc.name, n, tc.est, tc.heap, r)
			}
		}
	}
}

func heapInUse() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

func TestPerWorkerGivesEachWorkerOneState(t *testing.T) {
	made := 0
	var mu sync.Mutex
	p := newPerWorker(func(w int) *int { mu.Lock(); made++; mu.Unlock(); v := w; return &v })
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Go(func() {
			for range 100 {
				if got := p.get(w); *got != w {
					t.Errorf("worker %d got the state of %d", w, *got)
					return
				}
			}
		})
	}
	wg.Wait()
	n := 0
	p.each(func(*int) { n++ })
	if made != 16 || n != 16 {
		t.Errorf("made %d states and saw %d, want 16", made, n)
	}
}
