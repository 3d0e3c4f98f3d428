package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pprofTops reads, from the standard error of a run with --profile, where
// it wrote each strategy's profile: names, in order, in the runs folder
// dir. Each must be a CPU profile go tool pprof opens; it returns what
// go tool pprof -top says of each, by path.
func pprofTops(t *testing.T, stderr, dir string, names ...string) map[string]string {
	t.Helper()
	paths := regexp.MustCompile(`profile in (\S+\.pprof)`).FindAllStringSubmatch(stderr, -1)
	if len(paths) != len(names) {
		t.Fatalf("want the paths of %d profiles on stderr, got:\n%s", len(names), stderr)
	}
	tops := map[string]string{}
	for i, name := range names {
		p := paths[i][1]
		if filepath.Base(p) != name || !strings.HasPrefix(p, dir) {
			t.Errorf("profile %d at %s, want %s in the runs folder %s", i, p, name, dir)
		}
		top, err := exec.Command("go", "tool", "pprof", "-top", p).CombinedOutput()
		if err != nil {
			t.Fatalf("go tool pprof -top %s: %v\n%s", p, err, top)
		}
		if !strings.Contains(string(top), "Type: cpu") {
			t.Errorf("go tool pprof -top %s does not read a CPU profile:\n%s", p, top)
		}
		tops[p] = string(top)
	}
	return tops
}

// TestRunProfile runs perflab run --profile as a person would and opens the
// files it writes with go tool pprof.
func TestRunProfile(t *testing.T) {
	if testing.Short() {
		t.Skip("profiling rounds last two seconds")
	}
	dir := t.TempDir()
	out, stderr := perflabOK(t, "run", "data-structures/strings", "--strategies", "concat,builder",
		"--reps", "2", "--profile", "--runs-dir", dir)
	for _, want := range []string{"\nwhy: CPU profiles from ", "\nbuilder against concat:\n", "builder no longer runs it"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	for p := range pprofTops(t, stderr, dir, "concat.pprof", "builder.pprof") {
		if !strings.HasSuffix(filepath.Dir(p), ".profiles") {
			t.Errorf("profile at %s, want it in a .profiles folder of the runs folder %s", p, dir)
		}
	}

	// JSON carries each strategy's profile, its top frames per operation.
	res := filepath.Join(dir, "r.json")
	perflabOK(t, "run", "data-structures/strings", "--strategies", "concat,builder",
		"--reps", "2", "--profile", "--no-save", "--format", "json", "-o", res)
	data, err := os.ReadFile(res)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		ProfileNs  int64 `json:"profile_ns"`
		Strategies []struct {
			Name    string `json:"name"`
			Profile *struct {
				Ops    int64 `json:"ops"`
				TopCum []struct {
					Func   string  `json:"func"`
					CumNs  float64 `json:"cum_ns"`
					CumErr float64 `json:"cum_err"`
				} `json:"top_cum"`
				TopFlat []struct {
					Func   string  `json:"func"`
					FlatNs float64 `json:"flat_ns"`
				} `json:"top_flat"`
			} `json:"profile"`
		} `json:"strategies"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.ProfileNs <= 0 {
		t.Errorf("profile_ns = %d, want the profiling rounds' time", rep.ProfileNs)
	}
	for _, s := range rep.Strategies {
		if s.Profile == nil || s.Profile.Ops == 0 || len(s.Profile.TopCum) == 0 || len(s.Profile.TopFlat) == 0 {
			t.Errorf("%s: profile %+v, want operations and top frames", s.Name, s.Profile)
			continue
		}
		if f := s.Profile.TopCum[0]; f.CumNs <= 0 || f.CumErr <= 0 {
			t.Errorf("%s: top frame %+v, want a time per operation with a ±", s.Name, f)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "r.profiles", "builder.pprof")); err != nil {
		t.Errorf("a run not kept writes its profiles beside its output: %v", err)
	}
}

func TestRunProfileRefusals(t *testing.T) {
	for _, args := range [][]string{
		{"exec", "--profile", "true"},
		{"run", "data-structures/membership", "--profile", "--sweep", "n=16,256"},
	} {
		_, stderr, code := perflab(t, args...)
		if code != 2 || !strings.Contains(stderr, "--profile") || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("perflab %s: exit %d, stderr %q: want exit 2 and one line naming --profile", strings.Join(args, " "), code, stderr)
		}
	}
}
