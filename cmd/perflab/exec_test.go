package main

import (
	"encoding/json"
	"strings"
	"testing"
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
