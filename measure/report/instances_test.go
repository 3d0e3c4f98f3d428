package report

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

func TestInstancesNote(t *testing.T) {
	spread := 0.012
	fresh := &measure.Report{Strategies: []*measure.Result{
		{Name: "map", Instances: &measure.Instances{Built: 40, Block: 2, BuildNs: 310000}},
		{Name: "map#2", Instances: &measure.Instances{Built: 40, Block: 2, BuildNs: 300000},
			VsBaseline: &measure.Comparison{Block: 2, InstanceSpread: &spread}},
	}}
	kept := &measure.Report{Strategies: []*measure.Result{
		{Name: "a", Instances: &measure.Instances{Built: 1, Kept: measure.KeptShared}},
		{Name: "b", Instances: &measure.Instances{Built: 1, Kept: measure.KeptShared}},
	}}
	own := &measure.Report{Strategies: []*measure.Result{
		{Name: "a", Instances: &measure.Instances{Built: 1, Kept: measure.KeptOwn}},
		{Name: "b", Instances: &measure.Instances{Built: 1, Kept: measure.KeptOwn}},
	}}
	old := &measure.Report{Strategies: []*measure.Result{{Name: "a"}, {Name: "b"}}}
	alone := &measure.Report{Strategies: []*measure.Result{{Name: "a", Instances: &measure.Instances{Built: 1}}}}
	for _, tc := range []struct {
		name string
		r    *measure.Report
		want []string
	}{
		{"fresh", fresh, []string{"built afresh every 2 rounds (40 instances each, 310µs to build", "a block is one observation", "instance spread", "map#2 ±1.2%"}},
		{"kept", kept, []string{"one of each strategy for the whole run", "servers, thread pools, worker processes", "about these instances"}},
		{"your own", own, nil},
		{"saved before instances", old, nil},
		{"one strategy", alone, nil},
	} {
		got := InstancesNote(tc.r)
		if tc.want == nil && got != "" {
			t.Errorf("%s: %q, want no note", tc.name, got)
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q, want it to say %q", tc.name, got, w)
			}
		}
	}
	if got := needs(40, 0.065, "round", 2, false); got != ": needs about 40 more rounds at this noise (±6.5% per block of 2 rounds)" {
		t.Errorf("needs with blocks: %q", got)
	}
}
