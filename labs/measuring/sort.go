package measuring

import (
	"context"
	"math/rand/v2"
	"sort"
	"sync/atomic"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// sortOrders sorts a batch of orders, largest total first, three ways: the
// baseline, a placebo that is the baseline under another name, and a real
// fix.
func sortOrders() *lab.Workload {
	return &lab.Workload{
		ID:    "sort",
		Title: "Sort a batch of orders, largest first",
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "1000", Min: "2", Max: "1000000", Help: "orders in the batch"},
			{Name: "noise", Kind: lab.Int, Default: "0", Min: "0", Max: "16", Help: "goroutines burning CPU in random bursts beside the workload (0: a quiet machine)"},
		},
		Strategies: []lab.Strategy{
			{ID: "baseline", Title: "sort.Slice", Help: "a less closure over the records: the code as it is", New: newSortSlice},
			// The placebo is the baseline's own constructor: the same
			// function, so the same code runs under another name.
			{ID: "placebo", Title: "the \"optimised\" sort", Help: "a colleague's rewrite that is the same code under another name", New: newSortSlice},
			{ID: "fix", Title: "typed sort.Sort", Help: "a typed slice whose Swap moves records directly, no reflection", New: newSortTyped},
		},
		Prepare: prepareSort,
		// Each strategy builds memory only: fresh instances every block.
		Fresh: true,
	}
}

// An order is one record of the batch: 32 bytes, as a small struct in real
// code would be.
type order struct {
	ID     int64
	Total  int64 // in cents
	Items  int32
	Region int32
	Placed int64 // Unix seconds
}

// sortFixture is shared by the strategies of one run: they sort the same
// batch, so that only the way of sorting differs.
type sortFixture struct {
	orders []order
}

func prepareSort(env *lab.Env) (any, error) {
	startNoise(env, env.Params.Int("noise"))
	return &sortFixture{orders: makeOrders(env.Params.Int("n"), 1)}, nil
}

// makeOrders returns n orders in random order, seeded. Totals repeat now
// and then, so that the tie-break by id matters.
func makeOrders(n int, seed uint64) []order {
	rng := rand.New(rand.NewPCG(seed, 7))
	out := make([]order, n)
	for i := range out {
		out[i] = order{
			ID:     int64(i + 1),
			Total:  rng.Int64N(int64(max(10, n))) * 100,
			Items:  int32(1 + rng.IntN(20)),
			Region: int32(rng.IntN(8)),
			Placed: 1_700_000_000 + rng.Int64N(86_400*365),
		}
	}
	rng.Shuffle(n, func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// sortBySlice is the baseline: sort.Slice with a less closure.
func sortBySlice(o []order) {
	sort.Slice(o, func(i, j int) bool {
		if o[i].Total != o[j].Total {
			return o[i].Total > o[j].Total
		}
		return o[i].ID < o[j].ID
	})
}

// sortByTotal is the real fix: a typed sort.Interface. Less and Swap are
// methods of the concrete slice type, so a swap is a plain move of two
// records instead of a trip through reflection.
func sortByTotal(o []order) {
	sort.Sort(byTotal(o))
}

// byTotal orders by total, largest first, then by id.
type byTotal []order

func (s byTotal) Len() int      { return len(s) }
func (s byTotal) Swap(i, j int) { s[i], s[j] = s[j], s[i] }
func (s byTotal) Less(i, j int) bool {
	if s[i].Total != s[j].Total {
		return s[i].Total > s[j].Total
	}
	return s[i].ID < s[j].ID
}

func newSortSlice(env *lab.Env) (*measure.Subject, error) {
	return sorter(env, sortBySlice), nil
}

func newSortTyped(env *lab.Env) (*measure.Subject, error) {
	return sorter(env, sortByTotal), nil
}

// sorter makes a subject that, per operation, copies the fixture's batch
// into a buffer of its worker and sorts it. The copy costs every strategy
// the same and keeps each sort working on unsorted input.
//
// Each worker's buffer is made on its first operation. Workers run at once
// and must not share one; the engine never overlaps two calls for one
// worker, so finding the buffer takes no lock inside the timed operation.
func sorter(env *lab.Env, sortFn func([]order)) *measure.Subject {
	fx := env.Fixture.(*sortFixture)
	bufs := make([][]order, measure.MaxWorkers)
	var sink atomic.Int64
	return &measure.Subject{
		Loop: func(ctx context.Context, w, n int) error {
			if bufs[w] == nil {
				bufs[w] = make([]order, len(fx.orders))
			}
			buf := bufs[w]
			for range n {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				copy(buf, fx.orders)
				sortFn(buf)
			}
			// Keep the result, so that the sort cannot be dropped.
			sink.Store(buf[0].ID)
			return nil
		},
	}
}
