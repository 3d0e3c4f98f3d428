package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareSaysWhyOfTwoProfiledRuns compares two runs kept with
// profiles, made as a person would make them: under the table, each
// strategy both profiled has the functions that tell the new run from the
// old; a run without profiles has no why.
func TestCompareSaysWhyOfTwoProfiledRuns(t *testing.T) {
	dir := t.TempDir()
	run := func(name string, flags ...string) string {
		out := filepath.Join(dir, name)
		args := append([]string{"run", "data-structures/strings", "--strategies", "concat,builder", "--reps", "2",
			"--no-save", "--format", "json", "-o", out}, flags...)
		if _, stderr, code := perflab(t, args...); code != 0 {
			t.Fatalf("perflab %s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
		return out
	}
	old, new, plain := run("old.json", "--profile"), run("new.json", "--profile"), run("plain.json")
	out, stderr, code := perflab(t, "compare", old, new)
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	why := out[strings.Index(out, "why:")+1:]
	for _, want := range []string{"why: CPU profiles of each run's profiling rounds", "concat, new against old:", "builder, new against old:",
		"  old: ", "  new: ", "old cum", "new cum"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare of two profiled runs lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(why, "strings.") && !strings.Contains(why, "runtime.") {
		t.Errorf("the why names no function:\n%s", out)
	}
	md, _, code := perflab(t, "compare", old, new, "--format", "markdown")
	if code != 0 || !strings.Contains(md, "```text") || !strings.Contains(md, "concat, new against old:") {
		t.Errorf("compare --format markdown of two profiled runs: exit %d, no why:\n%s", code, md)
	}
	if out, _, code := perflab(t, "compare", old, plain); code != 0 || strings.Contains(out, "why:") {
		t.Errorf("compare with a run without profiles: exit %d, a why:\n%s", code, out)
	}
}
