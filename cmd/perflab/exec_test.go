package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/perflab/perflab/measure"
)

func TestExecBadInputExits2WithOneLine(t *testing.T) {
	for _, args := range [][]string{
		{"exec"},
		{"exec", "nosuchcommand-perflab"},
		{"exec", "-N", "true | true"},
		{"exec", "--reps", "-1", "true"},
		{"exec", "--format", "yaml", "true"},
		{"exec", "--sweep", "n=1,2", "true"},
	} {
		out, stderr, code := perflab(t, args...)
		if code != 2 || out != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stderr == "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one line on stderr", args, code, out, stderr)
		}
	}
}

func TestExecJSON(t *testing.T) {
	out, _ := perflabOK(t, "exec", "--reps", "3", "--runs", "1", "--format", "json", "--name", "t", "--name", "s", "true", "sleep 0.001")
	var rep struct {
		Lab, Workload string
		Strategies    []struct {
			Name    string
			Ops     int64
			Metrics map[string]float64
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if rep.Lab != "own" || rep.Workload != "exec" || len(rep.Strategies) != 2 || rep.Strategies[1].Name != "s" {
		t.Fatalf("report %+v, want own/exec with strategies t and s", rep)
	}
	for _, s := range rep.Strategies {
		if s.Ops != 3 || s.Metrics["peak_rss_bytes"] <= 0 || s.Metrics["start_shell_ns"] <= 0 {
			t.Errorf("%s: %d runs, metrics %v; want 3 runs with peak RSS and start costs", s.Name, s.Ops, s.Metrics)
		}
	}
}

func TestExecFailingCommandExits1(t *testing.T) {
	out, stderr, code := perflab(t, "exec", "--reps", "2", "--runs", "1", "echo why >&2; exit 9")
	if code != 1 || !strings.Contains(out, "exit status 9: why") || !strings.Contains(stderr, "--ignore-failure") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1, the reason in the report and the way out on stderr", code, out, stderr)
	}
	if _, stderr, code := perflab(t, "exec", "--reps", "2", "-i", "exit 9"); code != 0 {
		t.Errorf("with --ignore-failure: exit %d (%s), want 0", code, stderr)
	}
}

// One command has nothing to compare and so nothing to decide: it runs
// loneReps rounds, as one URL does, where rounds until decided ran it for
// the whole 30 s budget; --help and the README say so; a design asked for is
// kept.
func TestExecOneCommandRunsLoneRounds(t *testing.T) {
	out, stderr := perflabOK(t, "exec", "--runs", "1", "--format", "json", "true")
	var rep struct {
		Reps       int
		Design     string
		Strategies []struct{ Ops int64 }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if rep.Reps != loneReps || rep.Design != "fixed" || len(rep.Strategies) != 1 || rep.Strategies[0].Ops != loneReps {
		t.Errorf("reps %d, design %q, strategies %+v; want %d fixed rounds of one run", rep.Reps, rep.Design, rep.Strategies, loneReps)
	}
	if want := fmt.Sprintf("%d repetitions (one a warm-up)", loneReps+1); !strings.Contains(stderr, want) {
		t.Errorf("stderr %q does not say %q", stderr, want)
	}
	help, _ := perflabOK(t, "exec", "--help")
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, where := range []struct{ name, text, want string }{
		{"--help", help, fmt.Sprintf("one command runs a warm-up and %d rounds of %v", loneReps, measure.DefaultRepDuration)},
		{"README", string(readme), fmt.Sprintf("one command, with nothing to compare, runs a warm-up and %d rounds of `--duration`", loneReps)},
	} {
		if !strings.Contains(strings.Join(strings.Fields(where.text), " "), where.want) {
			t.Errorf("%s does not say %q", where.name, where.want)
		}
	}
	out, _ = perflabOK(t, "exec", "--reps", "2", "--runs", "1", "--format", "json", "true")
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Reps != 2 {
		t.Errorf("--reps 2: reps %d (%v), want 2", rep.Reps, err)
	}
}
