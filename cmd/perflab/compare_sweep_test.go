package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareOfTwoSweepsComparesEveryPoint compares two sweeps: every
// point is compared, under a line naming it, not only the last; a sweep
// and a single run are refused, as is a format that holds one diff.
func TestCompareOfTwoSweepsComparesEveryPoint(t *testing.T) {
	dir := t.TempDir()
	sweep := func(name string) string {
		out := filepath.Join(dir, name)
		_, stderr, code := perflab(t, "run", "data-structures/membership", "--strategies", "slice,map", "--sweep", "n=16,32",
			"--reps", "6", "--duration", "2ms", "--format", "json", "-o", out, "--no-save")
		if code != 0 {
			t.Fatalf("sweep: exit %d, stderr %q", code, stderr)
		}
		return out
	}
	old, new := sweep("old.json"), sweep("new.json")
	out, stderr, code := perflabWithin(t, "compare", old, new)
	if code != 0 || !strings.Contains(out, "point 1 of 2: n=16") || !strings.Contains(out, "point 2 of 2: n=32") || strings.Count(out, "map") < 2 {
		t.Errorf("compare of two sweeps: exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
	plain := keptRun(t, filepath.Join(dir, "runs"))
	for _, bad := range [][]string{
		{"compare", old, plain},
		{"compare", plain, new},
		{"compare", old, new, "--format", "json"},
		{"run", "data-structures/membership", "--baseline", old, "--no-save"},
	} {
		if _, stderr, code := perflabWithin(t, bad...); code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and one line", bad, code, stderr)
		}
	}
}
