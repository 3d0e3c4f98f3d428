package profile

import (
	"cmp"
	"math"
	"slices"
)

// A Change is one function's time per operation in two strategies, a and b,
// and how it differs (b - a).
type Change struct {
	Func string `json:"func"`
	// ACumNs and BCumNs are the function's cumulative time per operation
	// in a and in b; DeltaCumNs is b's less a's, with the ± of the two
	// figures' errors together. The flat figures are the same for the
	// time in the function itself.
	ACumNs     float64 `json:"a_cum_ns"`
	BCumNs     float64 `json:"b_cum_ns"`
	DeltaCumNs float64 `json:"delta_cum_ns"`
	CumErr     float64 `json:"cum_err"`
	AFlatNs    float64 `json:"a_flat_ns"`
	BFlatNs    float64 `json:"b_flat_ns"`
	DeltaFlat  float64 `json:"delta_flat_ns"`
	FlatErr    float64 `json:"flat_err"`
	// AShare and BShare are the shares of a's and of b's samples with
	// the function on the stack.
	AShare float64 `json:"a_share"`
	BShare float64 `json:"b_share"`
	// OnlyA says b does not run the function (under MinShare of its
	// samples), OnlyB that a does not.
	OnlyA bool `json:"only_a,omitempty"`
	OnlyB bool `json:"only_b,omitempty"`
}

// Diff sets a and b side by side, function by function, over the functions
// either keeps, ranked by how much their cumulative time per operation
// differs, most first. A difference within its ± is still listed: the
// reader sees the ±.
func Diff(a, b Summary) []Change {
	byName := map[string]*Change{}
	get := func(name string) *Change {
		c := byName[name]
		if c == nil {
			c = &Change{Func: name, OnlyA: true, OnlyB: true}
			byName[name] = c
		}
		return c
	}
	var aErr, bErr = map[string][2]float64{}, map[string][2]float64{}
	for _, f := range a.Funcs {
		c := get(f.Func)
		c.ACumNs, c.AFlatNs, c.AShare, c.OnlyB = f.CumNs, f.FlatNs, f.CumShare, false
		aErr[f.Func] = [2]float64{f.CumErr, f.FlatErr}
	}
	for _, f := range b.Funcs {
		c := get(f.Func)
		c.BCumNs, c.BFlatNs, c.BShare, c.OnlyA = f.CumNs, f.FlatNs, f.CumShare, false
		bErr[f.Func] = [2]float64{f.CumErr, f.FlatErr}
	}
	out := make([]Change, 0, len(byName))
	for name, c := range byName {
		c.DeltaCumNs = c.BCumNs - c.ACumNs
		c.DeltaFlat = c.BFlatNs - c.AFlatNs
		c.CumErr = math.Hypot(aErr[name][0], bErr[name][0])
		c.FlatErr = math.Hypot(aErr[name][1], bErr[name][1])
		out = append(out, *c)
	}
	slices.SortFunc(out, func(x, y Change) int {
		return cmp.Or(cmp.Compare(math.Abs(y.DeltaCumNs), math.Abs(x.DeltaCumNs)), cmp.Compare(x.Func, y.Func))
	})
	return out
}

// rootShare is the share of samples above which a function that both
// strategies run is the frame they share rather than a part of their
// work: the goroutine's start, the engine's loop, the label's wrapper.
// Most of both runs under it, so its difference is about the whole
// difference and says nothing of where it lies. It is not 100 %: the
// engine's own work between operations (a collection before each
// repetition, the collector) runs beside the loop, not under it.
const rootShare = 0.8

// Root says most of both strategies' work runs under the function.
func (c Change) Root() bool { return c.AShare >= rootShare && c.BShare >= rootShare }
