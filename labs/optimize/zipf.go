package optimize

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// A Zipf draws ranks 0..n-1 with P(k) proportional to 1/(k+1)^s: rank 0 is
// the most popular key, rank 1 half as popular when s = 1, and so on. Web
// pages, product views and cache keys follow such a law closely, with s
// mostly between 0.6 and 1.2. At s = 0 every rank is equally likely.
//
// Unlike math/rand's Zipf, which needs s > 1, it takes any s >= 0: it keeps
// the cumulative distribution in a table and draws by binary search on it,
// which is exact and costs O(log n) a draw.
type Zipf struct {
	s   float64
	cdf []float64 // cdf[k] = P(rank <= k); the last is exactly 1
}

// MaxZipfKeys bounds a Zipf's table to 8 MB.
const MaxZipfKeys = 1 << 20

// NewZipf returns a Zipf over n ranks with exponent s.
func NewZipf(n int, s float64) (*Zipf, error) {
	switch {
	case n < 1 || n > MaxZipfKeys:
		return nil, fmt.Errorf("a Zipf distribution needs between 1 and %d keys, got %d", MaxZipfKeys, n)
	case s < 0 || math.IsNaN(s) || math.IsInf(s, 0):
		return nil, fmt.Errorf("a Zipf exponent must be 0 or more, got %g", s)
	}
	cdf := make([]float64, n)
	var sum float64
	for k := range cdf {
		sum += math.Pow(float64(k+1), -s)
		cdf[k] = sum
	}
	for k := range cdf {
		cdf[k] /= sum
	}
	cdf[n-1] = 1 // rounding must not leave a gap above the last rank
	return &Zipf{s: s, cdf: cdf}, nil
}

// N returns the number of ranks.
func (z *Zipf) N() int { return len(z.cdf) }

// Draw returns a rank drawn with rng.
func (z *Zipf) Draw(rng *rand.Rand) int {
	u := rng.Float64()
	// The rank is the first k with P(rank <= k) > u.
	return sort.Search(len(z.cdf)-1, func(k int) bool { return z.cdf[k] > u })
}

// Prob returns P(rank = k).
func (z *Zipf) Prob(k int) float64 {
	if k == 0 {
		return z.cdf[0]
	}
	return z.cdf[k] - z.cdf[k-1]
}

// TopMass returns the probability that a draw is one of the c most popular
// ranks: the hit ratio of a cache that always held exactly those.
func (z *Zipf) TopMass(c int) float64 {
	if c <= 0 {
		return 0
	}
	return z.cdf[min(c, len(z.cdf))-1]
}

// LRUHitRatio predicts the hit ratio of an LRU cache of c entries under
// independent draws, by Che's approximation: a key stays cached for a
// characteristic time T, the time in which c distinct keys are asked for,
// so it hits with probability 1 - exp(-p·T). T solves
// sum over k of (1 - exp(-p_k·T)) = c, found by bisection. The
// approximation is known to be within a percent or so for Zipf laws.
func (z *Zipf) LRUHitRatio(c int) float64 {
	n := len(z.cdf)
	if c <= 0 {
		return 0
	}
	if c >= n {
		return 1
	}
	filled := func(t float64) (occupied, hit float64) {
		for k := range n {
			p := z.Prob(k)
			in := -math.Expm1(-p * t)
			occupied += in
			hit += p * in
		}
		return occupied, hit
	}
	lo, hi := 0.0, 1.0
	for occ, _ := filled(hi); occ < float64(c); occ, _ = filled(hi) {
		hi *= 2
	}
	// Bisect to a part in a million of T: far finer than the hit ratio
	// needs, and a few dozen passes over the keys.
	for hi-lo > 1e-6*hi {
		mid := (lo + hi) / 2
		if occ, _ := filled(mid); occ < float64(c) {
			lo = mid
		} else {
			hi = mid
		}
	}
	_, hit := filled((lo + hi) / 2)
	return hit
}
