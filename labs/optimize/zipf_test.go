package optimize

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestZipfMatchesItsDistribution draws 200,000 seeded ranks and runs a
// chi-square goodness-of-fit test against 1/(k+1)^s: the top 30 ranks one
// by one, the rest in bins of roughly equal probability. The statistic must
// stay below the 0.1 % critical value, so a sampler that is off by a few
// percent on any popular rank fails.
func TestZipfMatchesItsDistribution(t *testing.T) {
	for _, tc := range []struct {
		n int
		s float64
	}{{1000, 0}, {1000, 0.8}, {100000, 1.0}, {5000, 1.3}, {50, 2.5}} {
		z, err := NewZipf(tc.n, tc.s)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(uint64(tc.n), 11))
		const draws = 200_000
		counts := make([]int, tc.n)
		for range draws {
			counts[z.Draw(rng)]++
		}
		chi2, df := chiSquare(z, counts, draws)
		// The 0.1 % critical value of chi-square, by the Wilson-Hilferty
		// approximation: accurate to a fraction of a percent from df = 3.
		crit := float64(df) * math.Pow(1-2/(9*float64(df))+3.09*math.Sqrt(2/(9*float64(df))), 3)
		if chi2 > crit {
			t.Errorf("n=%d s=%g: chi-square %.1f over %d degrees of freedom, critical %.1f", tc.n, tc.s, chi2, df, crit)
		}
	}
}

// chiSquare bins the counts (each of the top ranks alone, then runs of
// ranks holding about 1/40 of the probability each) and returns the
// statistic and its degrees of freedom.
func chiSquare(z *Zipf, counts []int, draws int) (chi2 float64, df int) {
	bins := 0
	var obs, exp float64
	flush := func() {
		chi2 += (obs - exp) * (obs - exp) / exp
		bins++
		obs, exp = 0, 0
	}
	for k := range z.N() {
		obs += float64(counts[k])
		exp += z.Prob(k) * float64(draws)
		if (k < 30 && exp >= 20) || exp >= float64(draws)/40 {
			flush()
		}
	}
	if exp > 0 {
		flush()
	}
	return chi2, bins - 1
}

func TestZipfProbabilities(t *testing.T) {
	z, err := NewZipf(100, 1)
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for k := range z.N() {
		sum += z.Prob(k)
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("probabilities sum to %v, want 1", sum)
	}
	// At s = 1, rank 0 is twice as likely as rank 1 and ten times rank 9.
	if r := z.Prob(0) / z.Prob(1); math.Abs(r-2) > 1e-9 {
		t.Errorf("P(0)/P(1) = %v, want 2", r)
	}
	if r := z.Prob(0) / z.Prob(9); math.Abs(r-10) > 1e-9 {
		t.Errorf("P(0)/P(9) = %v, want 10", r)
	}
	if z.TopMass(0) != 0 || z.TopMass(100) != 1 || z.TopMass(1000) != 1 || math.Abs(z.TopMass(2)-z.Prob(0)-z.Prob(1)) > 1e-12 {
		t.Errorf("TopMass: 0 -> %v, 2 -> %v, 100 -> %v", z.TopMass(0), z.TopMass(2), z.TopMass(100))
	}
	u, _ := NewZipf(10, 0)
	for k := range 10 {
		if math.Abs(u.Prob(k)-0.1) > 1e-12 {
			t.Fatalf("s=0: P(%d) = %v, want 0.1", k, u.Prob(k))
		}
	}
}

func TestNewZipfRejectsBadParameters(t *testing.T) {
	for _, tc := range []struct {
		n int
		s float64
	}{{0, 1}, {MaxZipfKeys + 1, 1}, {10, -0.5}, {10, math.NaN()}, {10, math.Inf(1)}} {
		if _, err := NewZipf(tc.n, tc.s); err == nil {
			t.Errorf("NewZipf(%d, %g) gave no error", tc.n, tc.s)
		}
	}
}

// TestLRUHitRatioPrediction checks Che's approximation against the bounds
// it must respect, and against an LRU simulated on seeded draws.
func TestLRUHitRatioPrediction(t *testing.T) {
	z, err := NewZipf(10000, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []int{10, 100, 1000} {
		pred := z.LRUHitRatio(c)
		// No cache of c entries beats holding the c most popular keys.
		if pred <= 0 || pred > z.TopMass(c) {
			t.Errorf("c=%d: predicted %v, want in (0, %v]", c, pred, z.TopMass(c))
		}
		sim := simulateLRU(z, c, 300_000)
		if math.Abs(pred-sim) > 0.02 {
			t.Errorf("c=%d: predicted hit ratio %.3f, simulated %.3f", c, pred, sim)
		}
	}
	if z.LRUHitRatio(0) != 0 || z.LRUHitRatio(10000) != 1 {
		t.Error("an empty cache must miss always and a cache of every key hit always")
	}
}

// simulateLRU replays seeded draws through a plain LRU of c entries and
// returns the hit ratio after a warm-up of as many draws.
func simulateLRU(z *Zipf, c, draws int) float64 {
	rng := rand.New(rand.NewPCG(3, 3))
	type node struct{ prev, next, key int }
	// A doubly linked list over an array, with the map from key to slot.
	nodes := make([]node, 0, c+1)
	nodes = append(nodes, node{prev: 0, next: 0, key: -1}) // sentinel
	where := map[int]int{}
	unlink := func(i int) { nodes[nodes[i].prev].next = nodes[i].next; nodes[nodes[i].next].prev = nodes[i].prev }
	front := func(i int) {
		nodes[i].prev, nodes[i].next = 0, nodes[0].next
		nodes[nodes[0].next].prev = i
		nodes[0].next = i
	}
	hits := 0
	for d := range 2 * draws {
		k := z.Draw(rng)
		if i, ok := where[k]; ok {
			if d >= draws {
				hits++
			}
			unlink(i)
			front(i)
			continue
		}
		var i int
		if len(nodes) <= c {
			nodes = append(nodes, node{key: k})
			i = len(nodes) - 1
		} else {
			i = nodes[0].prev // the least recently used
			unlink(i)
			delete(where, nodes[i].key)
			nodes[i].key = k
		}
		where[k] = i
		front(i)
	}
	return float64(hits) / float64(draws)
}
