package labs

import (
	"strings"
	"testing"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

func TestCatalogueIsInLessonOrder(t *testing.T) {
	want := []string{"measure", "data-structures", "optimize", "threads", "async", "processes", "machines"}
	all := All()
	if len(all) != len(want) {
		t.Fatalf("%d labs, want %d", len(all), len(want))
	}
	for i, l := range all {
		if l.ID != want[i] || l.Number != i+1 {
			t.Errorf("lab %d is %d. %s, want %d. %s", i, l.Number, l.ID, i+1, want[i])
		}
		if l.Title == "" || len(l.Lesson) < 100 {
			t.Errorf("lab %s has no title or a lesson too short for a learner", l.ID)
		}
		for _, w := range l.Workloads {
			if len(w.Strategies) < 2 || w.Lesson == "" {
				t.Errorf("%s/%s: %d strategies, lesson %q: want at least two and a lesson", l.ID, w.ID, len(w.Strategies), w.Lesson)
			}
			for _, p := range w.Params {
				if _, err := p.Parse(p.Default); err != nil {
					t.Errorf("%s/%s: default of %s is invalid: %v", l.ID, w.ID, p.Name, err)
				}
				if p.Help == "" {
					t.Errorf("%s/%s: parameter %s has no help", l.ID, w.ID, p.Name)
				}
			}
		}
	}
}

func TestPlanNamesAnAARunApart(t *testing.T) {
	p, err := Spec{Path: "data-structures/membership", Strategies: []string{"map", "map"}}.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Names) != 2 || p.Names[0] != "map" || p.Names[1] != "map#2" {
		t.Errorf("names = %v, want [map map#2]", p.Names)
	}
}

func TestPlanRejectsBadSpecs(t *testing.T) {
	tests := []struct {
		spec Spec
		want string
	}{
		{Spec{Path: "nope/x"}, `no lab "nope"`},
		{Spec{Path: "data-structures"}, "name a workload: data-structures/WORKLOAD"},
		{Spec{Path: "data-structures/nope"}, `no workload "nope"`},
		{Spec{Path: "data-structures/membership", Strategies: []string{"map", "btree"}}, `no strategy "btree"`},
		{Spec{Path: "data-structures/membership", Params: map[string]string{"n": "-1"}}, "n must be at least 1"},
		{Spec{Path: "data-structures/membership", Config: measure.Config{Reps: 5000}}, "repetitions"},
	}
	for _, tt := range tests {
		_, err := tt.spec.Plan()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Plan(%+v) error = %v, want one mentioning %q", tt.spec, err, tt.want)
		}
	}
}

func TestUnbuiltLabCannotRun(t *testing.T) {
	all := []*lab.Lab{{Number: 1, ID: "future", Title: "Not yet"}}
	for _, path := range []string{"future", "future/anything"} {
		if _, _, err := lookupIn(all, path); err == nil || err.Error() != "lab future is not built yet" {
			t.Errorf("lookup %q: error %v, want 'lab future is not built yet'", path, err)
		}
	}
}

func TestStartRunsAPlanToTheEnd(t *testing.T) {
	p, err := Spec{
		Path:   "data-structures/membership",
		Params: map[string]string{"n": "100"},
		Config: measure.Config{Reps: 2, RepDuration: 2_000_000},
	}.Plan()
	if err != nil {
		t.Fatal(err)
	}
	_, rep := runToEnd(t, p)
	if rep.Lab != "data-structures" || rep.Workload != "membership" || rep.Params["n"] != 100 {
		t.Errorf("report names %s/%s with params %v", rep.Lab, rep.Workload, rep.Params)
	}
	if len(rep.Strategies) != 3 {
		t.Errorf("%d strategies, want 3", len(rep.Strategies))
	}
}

func TestNamesTellRepeatsApart(t *testing.T) {
	got := strings.Join(Names([]string{"map", "slice", "map", "map"}), ",")
	if want := "map,slice,map#2,map#3"; got != want {
		t.Errorf("Names = %s, want %s", got, want)
	}
}

func TestPlanInUsesTheCatalogueGiven(t *testing.T) {
	all := []*lab.Lab{{Number: 1, ID: "future", Title: "Not yet"}}
	if _, err := (Spec{Path: "data-structures/membership"}).PlanIn(all); err == nil || !strings.Contains(err.Error(), `no lab "data-structures"`) {
		t.Errorf("PlanIn a catalogue without the lab: error %v", err)
	}
}
