package datastructures

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/perflab/perflab/labs/internal/labtest"
)

func fixture(t testing.TB, n int, hit float64) *membershipFixture {
	t.Helper()
	env := labtest.Env(t, context.Background(), membership(), map[string]string{"n": itoa(n), "hit_ratio": ftoa(hit)})
	return env.Fixture.(*membershipFixture)
}

// TestMembershipStrategiesAgree checks that every set answers every lookup
// as the slice scan does: a fast wrong answer is a bug, not a win.
func TestMembershipStrategiesAgree(t *testing.T) {
	for _, n := range []int{1, 7, 1000} {
		fx := fixture(t, n, 0.5)
		want := answers(sliceSet(fx.keys), fx.lookups)
		for name, s := range map[string]set{"map": newMap(fx.keys), "binary": newSorted(fx.keys)} {
			if got := answers(s, fx.lookups); !slices.Equal(got, want) {
				t.Errorf("n=%d: %s answers differ from the slice scan", n, name)
			}
		}
	}
}

func TestMembershipHitRatio(t *testing.T) {
	for _, hit := range []float64{0, 0.5, 1} {
		fx := fixture(t, 1000, hit)
		hits := 0
		for _, ok := range answers(newMap(fx.keys), fx.lookups) {
			if ok {
				hits++
			}
		}
		got := float64(hits) / float64(len(fx.lookups))
		if d := got - hit; d > 0.05 || d < -0.05 {
			t.Errorf("hit_ratio=%g: %.3f of lookups hit", hit, got)
		}
	}
}

// BenchmarkMembershipMap is the plain testing.B benchmark of the map lookup
// that `perflab run data-structures/membership` measures: their ns/op should
// agree.
func BenchmarkMembershipMap(b *testing.B) {
	fx := fixture(b, 10000, 0.5)
	s := newMap(fx.keys)
	found := 0
	for i := 0; i < b.N; i++ {
		if s.contains(fx.lookups[i&lookupMask]) {
			found++
		}
	}
	sink = found
}

var sink int

func itoa(n int) string     { return strconv.Itoa(n) }
func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// A set answers membership; the strategies differ only in this.
type set interface{ contains(k int) bool }

// answers returns what s answers to each lookup.
func answers(s set, lookups []int) []bool {
	out := make([]bool, len(lookups))
	for i, k := range lookups {
		out[i] = s.contains(k)
	}
	return out
}
