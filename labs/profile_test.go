package labs

import (
	"strings"
	"testing"
	"time"

	"github.com/perflab/perflab/measure"
)

// profiledRepDuration is the repetitions' length in profiledRun. The
// profiling rounds last two seconds of the clock, and each repetition pays
// a collection and a goroutine's start outside the strategy's label, so a
// repetition of 5 ms left a strategy few of the 100 Hz samples on a loaded
// machine: as few as 8 for memo at a load average of 5.5 on 2 cores, and
// once 0 at a load of 15. Repetitions of 50 ms give the work most of the
// CPU the process gets: 38 to 52 samples a strategy at that load of 5.5.
const profiledRepDuration = 50 * time.Millisecond

// profiledRun runs a short fixed design of path's strategies with profiling
// rounds after it and returns each strategy's result by name.
func profiledRun(t *testing.T, path string, params map[string]string, strategies ...string) map[string]*measure.Result {
	t.Helper()
	spec := Spec{Path: path, Strategies: strategies, Params: params,
		Config: measure.Config{Reps: 2, RepDuration: profiledRepDuration, Profile: true}}
	p, err := spec.Plan()
	if err != nil {
		t.Fatal(err)
	}
	_, rep := runToEnd(t, p)
	out := map[string]*measure.Result{}
	for _, s := range rep.Strategies {
		if s.Profile == nil || s.Profile.Samples == 0 || s.Profile.Ops == 0 {
			t.Fatalf("%s %s: no profile, or one without samples or operations: %+v", path, s.Name, s.Profile)
		}
		out[s.Name] = s
	}
	return out
}

// runs says whether r's profile has a function whose name contains part
// on the stack of at least min of its samples.
func runs(r *measure.Result, part string, min float64) bool {
	if raceEnabled && min > 0 {
		// The race detector's own calls take most samples, many with
		// no Go stack at all (runtime._System): what a strategy runs
		// cannot be shown from them, only what it does not.
		return true
	}
	for _, f := range r.Profile.Funcs {
		if strings.Contains(f.Func, part) && f.CumShare >= min {
			return true
		}
	}
	return false
}

// TestProfilesOfRealStrategies checks that the profiles of three labs'
// strategies say what their lessons say, generously: the few samples of a
// short run on a busy machine leave shares uncertain, but a function one
// strategy runs and the other never does cannot be mistaken.
func TestProfilesOfRealStrategies(t *testing.T) {
	if testing.Short() {
		t.Skip("each run profiles for two seconds")
	}
	t.Run("membership", func(t *testing.T) {
		got := profiledRun(t, "data-structures/membership", map[string]string{"n": "10000"}, "slice", "map")
		if !runs(got["slice"], "slices.Index", 0.3) {
			t.Errorf("the slice scan spends under 30%% of its time in slices.Index: %+v", got["slice"].Profile.TopCum)
		}
		if runs(got["map"], "slices.Index", 0) {
			t.Error("the map runs slices.Index")
		}
		if s, m := got["slice"].Profile.CPUNsPerOp, got["map"].Profile.CPUNsPerOp; !raceEnabled && m*10 > s {
			t.Errorf("CPU a lookup: map %.0f ns, slice %.0f ns: want the map ten times cheaper at least", m, s)
		}
	})
	t.Run("caching", func(t *testing.T) {
		// Few keys, so that the memo holds them all after the warm-up
		// and never computes again.
		got := profiledRun(t, "optimize/caching", map[string]string{"keys": "100"}, "none", "memo")
		if !runs(got["none"], "sha256", 0.3) {
			t.Errorf("without a cache, under 30%% of the time goes to sha256: %+v", got["none"].Profile.TopCum)
		}
		if runs(got["memo"], "optimize.digest", 0) {
			t.Errorf("the memo computes digests although it holds every key: %+v", got["memo"].Profile.TopCum)
		}
	})
	t.Run("strings", func(t *testing.T) {
		got := profiledRun(t, "data-structures/strings", nil, "concat", "builder")
		if !runs(got["concat"], "runtime.concatstring", 0.3) {
			t.Errorf("+= spends under 30%% of its time concatenating: %+v", got["concat"].Profile.TopCum)
		}
		if runs(got["builder"], "runtime.concatstring", 0) {
			t.Error("the builder concatenates with +=")
		}
		if !runs(got["builder"], "strings.(*Builder).WriteString", 0.1) {
			t.Errorf("the builder spends under 10%% of its time in WriteString: %+v", got["builder"].Profile.TopCum)
		}
		if c, b := got["concat"].Profile.BytesPerOp, got["builder"].Profile.BytesPerOp; b*10 > c {
			t.Errorf("allocated a build: concat %.0f B, builder %.0f B: want the builder ten times less at least", c, b)
		}
	})
}
