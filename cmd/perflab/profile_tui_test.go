package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure/measuretest"
)

// TestTUIRefusesProfile checks that --profile beside --tui, which the
// interactive lab would silently ignore, is refused in one line with exit
// 2 before anything starts (the file is not even read), and that
// --profile=false, which asks for nothing, is not.
func TestTUIRefusesProfile(t *testing.T) {
	file := measuretest.WriteTemp(t, "b.py", "def bench_a():\n    pass\n")
	_, stderr, code := perflab(t, "python", file, "--tui", "--profile")
	if code != 2 || !strings.Contains(stderr, "--tui and --profile") || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
		t.Errorf("python --tui --profile: exit %d, stderr %q: want exit 2 and one line naming both", code, stderr)
	}
	// Standard output is no terminal here: the TUI refuses for that
	// reason, not for --profile=false.
	_, stderr, _ = perflab(t, "python", file, "--tui", "--profile=false")
	if strings.Contains(stderr, "--profile") {
		t.Errorf("python --tui --profile=false is refused for its profile: %q", stderr)
	}
}

// TestRunExpectsProfilingRounds checks that run's "is expected to take"
// line counts the profiling rounds of a run that profiles.
func TestRunExpectsProfilingRounds(t *testing.T) {
	if testing.Short() {
		t.Skip("profiling rounds last two seconds")
	}
	_, stderr, code := perflab(t, "run", "data-structures/strings", "--strategies", "concat,builder",
		"--reps", "2", "--duration", "10ms", "--profile", "--no-save", "-o", filepath.Join(t.TempDir(), "r.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "is expected to take about 2.1s: 2 strategies × 3 repetitions (one a warm-up) × 10ms, then 2s of profiling rounds") {
		t.Errorf("the expected time does not count the profiling rounds:\n%s", stderr)
	}
}
