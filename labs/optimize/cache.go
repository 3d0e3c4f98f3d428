package optimize

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// cachingWorkload puts caches in front of an expensive call whose keys
// follow a Zipf law.
func cachingWorkload() *lab.Workload {
	return &lab.Workload{
		ID:    "caching",
		Title: "Cache an expensive call",
		Params: []lab.Param{
			{Name: "keys", Kind: lab.Int, Default: "100000", Min: "1", Max: strconv.Itoa(MaxZipfKeys), Help: "distinct keys the callers ask for"},
			{Name: "skew", Kind: lab.Float, Default: "1.0", Min: "0", Max: "3", Help: "Zipf exponent of key popularity: 0 uniform, about 1 for web traffic, higher is more concentrated"},
			{Name: "cache_size", Kind: lab.Int, Default: "1000", Min: "1", Max: strconv.Itoa(MaxZipfKeys), Help: "entries the bounded LRU caches hold"},
			{Name: "cost", Kind: lab.Duration, Default: "5us", Min: "100ns", Max: "100ms", Help: "time of one expensive call (a wait is at least the timer's resolution, often ~1ms)"},
			{Name: "backend", Kind: lab.Choice, Default: "cpu", Choices: []string{"cpu", "wait"}, Help: "cpu: real hashing work; wait: sleep like a remote service"},
			{Name: "callers", Kind: lab.Int, Default: "4", Min: "1", Max: "256", Help: "goroutines calling at once (the engine's workers, unless its workers are set)"},
		},
		// A cache warming over the run is what is measured.
		Kept: measure.KeptState,
		Strategies: []lab.Strategy{
			{ID: "none", Title: "no cache", Help: "every call goes to the backend", New: newCacheSubject(newNoCache)},
			{ID: "memo", Title: "memo map + mutex", Help: "an unbounded map under a mutex: never forgets, never stops growing", New: newCacheSubject(newMemo)},
			{ID: "lru", Title: "bounded LRU", Help: "hashicorp/golang-lru: at most cache_size entries, evicts the least recently used", New: newCacheSubject(newLRU)},
			{ID: "singleflight", Title: "singleflight + LRU", Help: "concurrent misses on one key share a single backend call", New: newCacheSubject(newFlight)},
		},
		Config: func(v lab.Values, c *measure.Config) {
			if c.Workers == 0 {
				c.Workers = v.Int("callers")
			}
		},
		Prepare: prepareCaching,
	}
}

// cacheFixture is shared by the strategies of a run.
type cacheFixture struct {
	zipf    *Zipf
	backend *backend
	// keys are the keys asked for, drawn in advance so that drawing costs
	// nothing during the measurement and every strategy sees the same ones.
	keys []uint64
	// lruPredicted is Che's prediction of an LRU's hit ratio, computed
	// once, when the first LRU strategy reports it.
	lruPredicted func() float64
}

// keySequence is how many keys the fixture draws. Workers walk it from
// different places and wrap; at a million draws a pass takes long enough
// that the LRU's hit ratio is the one of a fresh stream.
const keySequence = 1 << 19

func prepareCaching(env *lab.Env) (any, error) {
	v := env.Params
	z, err := NewZipf(v.Int("keys"), v.Float("skew"))
	if err != nil {
		return nil, err
	}
	fx := &cacheFixture{zipf: z, backend: newBackend(v.String("backend"), v.Duration("cost")), keys: drawKeys(z, keySequence, 1)}
	size := v.Int("cache_size")
	fx.lruPredicted = sync.OnceValue(func() float64 { return z.LRUHitRatio(size) })
	return fx, nil
}

// drawKeys draws n keys from z, seeded.
func drawKeys(z *Zipf, n int, seed uint64) []uint64 {
	rng := rand.New(rand.NewPCG(seed, 17))
	keys := make([]uint64, n)
	for i := range keys {
		keys[i] = uint64(z.Draw(rng))
	}
	return keys
}

// A cache answers get with the backend's value for key, from memory when it
// can. hit says whether the backend was spared.
type cache interface {
	get(ctx context.Context, key uint64) (v value, hit bool, err error)
	// metrics adds the cache's own figures: entries, bytes, coalesced.
	metrics(m map[string]float64)
}

// caller is one engine worker's state, on a cache line of its own so that
// callers counting their hits do not slow each other down. The counts are
// plain integers: only the worker's own goroutine writes them, and Metrics
// reads them after the run, so an atomic add would only put a locked
// instruction inside every timed call.
type caller struct {
	pos          int
	hits, misses int64
	// sink keeps the last value, so that no call can be optimised away.
	sink byte
	_    [64]byte
}

// newCacheSubject returns a strategy constructor for caches made by mk.
// Every call is timed on its own, so that the latency spectrum shows hits
// and misses as two separate steps.
func newCacheSubject(mk func(fx *cacheFixture, size int) (cache, error)) func(env *lab.Env) (*measure.Subject, error) {
	return func(env *lab.Env) (*measure.Subject, error) {
		fx := env.Fixture.(*cacheFixture)
		c, err := mk(fx, env.Params.Int("cache_size"))
		if err != nil {
			return nil, err
		}
		// Workers start far apart in the key sequence, so that they do
		// not ask for the same keys in lockstep.
		callers := newPerWorker(func(w int) *caller { return &caller{pos: w * 104729 % len(fx.keys)} })
		return &measure.Subject{
			Batch: measure.BatchNever,
			Loop: func(ctx context.Context, w, n int) error {
				cl := callers.get(w)
				for range n {
					v, hit, err := c.get(ctx, fx.keys[cl.pos])
					if err != nil {
						return err
					}
					if cl.pos++; cl.pos == len(fx.keys) {
						cl.pos = 0
					}
					if hit {
						cl.hits++
					} else {
						cl.misses++
					}
					cl.sink = v[0]
				}
				return nil
			},
			Metrics: func() map[string]float64 {
				var hits, misses int64
				callers.each(func(cl *caller) { hits += cl.hits; misses += cl.misses })
				m := map[string]float64{"hit_ratio": 0, "backend_calls": float64(misses)}
				if hits+misses > 0 {
					m["hit_ratio"] = float64(hits) / float64(hits+misses)
				}
				c.metrics(m)
				return m
			},
		}, nil
	}
}

// noCache sends every call to the backend.
type noCache struct{ b *backend }

func newNoCache(fx *cacheFixture, _ int) (cache, error) { return noCache{fx.backend}, nil }

func (c noCache) get(ctx context.Context, key uint64) (value, bool, error) {
	v, err := c.b.fetch(ctx, key)
	return v, false, err
}

func (noCache) metrics(m map[string]float64) { m["cache_entries"], m["cache_bytes"] = 0, 0 }

// memo is an unbounded map under a mutex. The backend is called outside
// the lock, so a slow call does not hold up the hits of other callers; two
// callers that miss one key at once both call it.
type memo struct {
	b  *backend
	mu sync.Mutex
	m  map[uint64]value
}

func newMemo(fx *cacheFixture, _ int) (cache, error) {
	return &memo{b: fx.backend, m: map[uint64]value{}}, nil
}

func (c *memo) get(ctx context.Context, key uint64) (value, bool, error) {
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v, true, nil
	}
	v, err := c.b.fetch(ctx, key)
	if err != nil {
		return v, false, err
	}
	c.mu.Lock()
	c.m[key] = v
	c.mu.Unlock()
	return v, false, nil
}

func (c *memo) metrics(m map[string]float64) {
	c.mu.Lock()
	n := len(c.m)
	c.mu.Unlock()
	m["cache_entries"], m["cache_bytes"] = float64(n), float64(memoBytes(n))
}

// lruCache is a bounded LRU from a well-kept library; it locks inside.
type lruCache struct {
	b         *backend
	c         *lru.Cache[uint64, value]
	predicted func() float64
}

func newLRUCache(fx *cacheFixture, size int) (*lruCache, error) {
	c, err := lru.New[uint64, value](size)
	if err != nil {
		return nil, fmt.Errorf("cache_size %d: %w", size, err)
	}
	return &lruCache{b: fx.backend, c: c, predicted: fx.lruPredicted}, nil
}

func newLRU(fx *cacheFixture, size int) (cache, error) { return newLRUCache(fx, size) }

func (c *lruCache) get(ctx context.Context, key uint64) (value, bool, error) {
	if v, ok := c.c.Get(key); ok {
		return v, true, nil
	}
	v, err := c.b.fetch(ctx, key)
	if err != nil {
		return v, false, err
	}
	c.c.Add(key, v)
	return v, false, nil
}

func (c *lruCache) metrics(m map[string]float64) {
	n := c.c.Len()
	m["cache_entries"], m["cache_bytes"] = float64(n), float64(lruBytes(n))
	m["predicted_hit_ratio"] = c.predicted()
}

// flight puts singleflight in front of the LRU: callers that miss the same
// key while its call is in flight wait for that call instead of making
// their own.
type flight struct {
	*lruCache
	g         singleflight.Group
	coalesced atomic.Int64
}

func newFlight(fx *cacheFixture, size int) (cache, error) {
	l, err := newLRUCache(fx, size)
	if err != nil {
		return nil, err
	}
	return &flight{lruCache: l}, nil
}

func (c *flight) get(ctx context.Context, key uint64) (value, bool, error) {
	if v, ok := c.c.Get(key); ok {
		return v, true, nil
	}
	// called says this caller ran the shared function; fetched that it
	// went to the backend, which it need not if another caller filled the
	// key since its miss.
	called, fetched := false, false
	res, err, _ := c.g.Do(strconv.FormatUint(key, 10), func() (any, error) {
		called = true
		if v, ok := c.c.Get(key); ok {
			return v, nil
		}
		fetched = true
		v, err := c.b.fetch(ctx, key)
		if err == nil {
			c.c.Add(key, v)
		}
		return v, err
	})
	if !called {
		c.coalesced.Add(1)
	}
	if err != nil {
		return value{}, false, err
	}
	// A caller that shared another's call was spared the backend: a hit.
	return res.(value), !fetched, nil
}

func (c *flight) metrics(m map[string]float64) {
	c.lruCache.metrics(m)
	m["coalesced"] = float64(c.coalesced.Load())
}
