package datastructures

import (
	"context"
	"math/rand/v2"
	"slices"
	"sync/atomic"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// membership asks "is this key in the set?" of three structures holding the
// same n keys, with the same sequence of lookups.
func membership() *lab.Workload {
	return &lab.Workload{
		ID:    "membership",
		Title: "Is it in the set?",
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "10000", Min: "1", Max: "10000000", Help: "keys in the set"},
			{Name: "hit_ratio", Kind: lab.Float, Default: "0.5", Min: "0", Max: "1", Help: "share of lookups whose key is in the set"},
		},
		Strategies: []lab.Strategy{
			{ID: "slice", Title: "slice scan", Help: "walk an unsorted slice until the key turns up: O(n)", New: newSliceScan},
			{ID: "map", Title: "hash map", Help: "a Go map[int]struct{}: O(1)", New: newMapSet},
			{ID: "binary", Title: "sorted slice + binary search", Help: "slices.BinarySearch on sorted keys: O(log n)", New: newBinarySearch},
		},
		Prepare: prepareMembership,
		// Each strategy builds memory only: fresh instances every block.
		Fresh: true,
	}
}

// lookupCount is how many lookups the fixture draws. It is a power of two so
// that the loops wrap with a mask, and large enough that the lookups do not
// settle into a pattern the branch predictor learns.
const (
	lookupCount = 1 << 12
	lookupMask  = lookupCount - 1
)

// membershipFixture is shared by the strategies of one run.
type membershipFixture struct {
	// keys are the set's members in random order.
	keys []int
	// lookups are the keys asked for, hits and misses mixed.
	lookups []int
}

func prepareMembership(env *lab.Env) (any, error) {
	n, hit := env.Params.Int("n"), env.Params.Float("hit_ratio")
	rng := rand.New(rand.NewPCG(1, 2))
	// Members are even numbers and misses odd ones, so a miss is never a
	// member by chance.
	fx := &membershipFixture{keys: make([]int, n), lookups: make([]int, lookupCount)}
	for i := range fx.keys {
		fx.keys[i] = 2 * i
	}
	rng.Shuffle(n, func(i, j int) { fx.keys[i], fx.keys[j] = fx.keys[j], fx.keys[i] })
	for i := range fx.lookups {
		k := 2 * rng.IntN(n)
		if rng.Float64() >= hit {
			k++
		}
		fx.lookups[i] = k
	}
	return fx, nil
}

type sliceSet []int

func (s sliceSet) contains(k int) bool { return slices.Contains(s, k) }

type mapSet map[int]struct{}

func (s mapSet) contains(k int) bool { _, ok := s[k]; return ok }

type sortedSet []int

func (s sortedSet) contains(k int) bool { _, ok := slices.BinarySearch(s, k); return ok }

func newSliceScan(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*membershipFixture)
	s := sliceSet(slices.Clone(fx.keys))
	return lookups(func(i, n int) (found int) {
		for range n {
			if s.contains(fx.lookups[i&lookupMask]) {
				found++
			}
			i++
		}
		return found
	}), nil
}

func newMapSet(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*membershipFixture)
	s := newMap(fx.keys)
	return lookups(func(i, n int) (found int) {
		for range n {
			if s.contains(fx.lookups[i&lookupMask]) {
				found++
			}
			i++
		}
		return found
	}), nil
}

func newBinarySearch(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*membershipFixture)
	s := newSorted(fx.keys)
	return lookups(func(i, n int) (found int) {
		for range n {
			if s.contains(fx.lookups[i&lookupMask]) {
				found++
			}
			i++
		}
		return found
	}), nil
}

func newMap(keys []int) mapSet {
	m := make(mapSet, len(keys))
	for _, k := range keys {
		m[k] = struct{}{}
	}
	return m
}

func newSorted(keys []int) sortedSet {
	s := slices.Clone(keys)
	slices.Sort(s)
	return s
}

// lookups makes a subject of a loop that does n lookups from position i and
// counts the hits. Each strategy writes its loop out with its concrete set,
// so that contains is inlined as it would be in real code, and the only
// indirect call is one per batch.
//
// Each worker walks the lookups from where its last batch stopped: were
// every batch to start at the same place, a batch shorter than the lookups
// would ask the same few keys again and again, and the caches and the branch
// predictor would learn them.
func lookups(loop func(i, n int) int) *measure.Subject {
	var sink atomic.Int64
	cursors := make([]cursor, measure.MaxWorkers)
	return &measure.Subject{
		Loop: func(_ context.Context, w, n int) error {
			c := &cursors[w]
			// Keep the count, so the compiler cannot drop the lookups.
			sink.Store(int64(loop(c.i, n)))
			c.i = (c.i + n) & lookupMask
			return nil
		},
	}
}

// A cursor is one worker's place in the lookups, padded to a cache line of
// its own so that workers do not share one.
type cursor struct {
	i int
	_ [56]byte
}
