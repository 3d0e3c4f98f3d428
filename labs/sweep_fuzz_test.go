package labs

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

// FuzzSweepAndStrategies gives a sweep and a list of strategies, as typed,
// to the plan of a real workload: neither ParseSweep nor the plan may
// panic; an accepted sweep has at least two distinct values, and an
// accepted plan names only the workload's own strategies.
func FuzzSweepAndStrategies(f *testing.F) {
	for _, seed := range [][2]string{
		{"n=16,256,4096", "slice,map"}, {"n=16,,32", ""}, {"n", "map,,binary"}, {"=1,2", ","}, {"n=0,16", "btree"},
		{"hit_ratio=0.1,0.9", "map,map"}, {"n=1e99,2", " "}, {"size=1,2", "slice"}, {"n=16,16", "binary,slice"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, sweep, strategies string) {
		sw, err := ParseSweep(sweep)
		if err != nil {
			return
		}
		spec := Spec{Path: "data-structures/membership", Sweep: sw, Config: measure.Config{Reps: 2}}
		if strategies != "" {
			spec.Strategies = strings.Split(strategies, ",")
		}
		p, err := spec.Plan()
		if err != nil {
			return
		}
		if p.Sweep != nil {
			seen := map[float64]bool{}
			for _, pt := range p.Sweep.Points {
				if seen[pt.Value] {
					t.Fatalf("sweep %q planned %v twice", sweep, pt.Value)
				}
				seen[pt.Value] = true
			}
			if len(seen) < 2 {
				t.Fatalf("sweep %q planned %d points", sweep, len(seen))
			}
		}
		for _, st := range p.Strategies {
			if _, err := p.Workload.Strategy(st.ID); err != nil {
				t.Fatalf("strategies %q planned %s: %v", strategies, st.ID, err)
			}
		}
	})
}
