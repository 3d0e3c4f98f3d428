package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// complete asks perflab for completions as a shell does, through cobra's
// __complete command, and returns the candidates, descriptions dropped.
func complete(t *testing.T, args ...string) []string {
	t.Helper()
	root := newRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&bytes.Buffer{})
	root.SetArgs(append([]string{"__complete"}, args...))
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(out.String(), "\n") {
		if line == "" || strings.HasPrefix(line, ":") {
			continue
		}
		name, _, _ := strings.Cut(line, "\t")
		got = append(got, name)
	}
	return got
}

func TestCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"run", ""}, []string{"measure/sort", "data-structures/membership", "machines/queue"}},
		{[]string{"run", "data-structures/membership", "--strategies", "slice,"}, []string{"slice,map", "slice,binary"}},
		{[]string{"run", "data-structures/membership", "--param", ""}, []string{"n=", "hit_ratio="}},
		{[]string{"run", "threads/io", "--param", "dist="}, []string{"dist=constant", "dist=lognormal"}},
		{[]string{"run", "threads/io", "--sweep", ""}, []string{"k=", "tasks="}},
		{[]string{"run", "measure/sort", "--format", ""}, []string{"table", "json", "csv", "markdown", "gobench"}},
		{[]string{"list", "--format", ""}, []string{"text", "json"}},
	}
	for _, tt := range tests {
		got := complete(t, tt.args...)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("perflab %s<TAB>: %v, want %q among them", strings.Join(tt.args, " "), got, w)
			}
		}
	}
	if got := complete(t, "run", "threads/io", "--sweep", ""); slices.Contains(got, "dist=") || slices.Contains(got, "target=") {
		t.Errorf("--sweep offers a parameter that is not a number: %v", got)
	}
}

// perflab help completes command names as cobra's own help command did,
// and shows a known command's help with status 0.
func TestHelpCompletesAndShowsCommands(t *testing.T) {
	if got := complete(t, "help", "ru"); !slices.Equal(got, []string{"run", "runs"}) {
		t.Errorf("help ru completes %q, want run and runs", got)
	}
	if got := complete(t, "help", "completion", "b"); !slices.Equal(got, []string{"bash"}) {
		t.Errorf("help completion b completes %q, want bash", got)
	}
	out, stderr, code := perflab(t, "help", "run")
	if code != 0 || !strings.Contains(out, "perflab run LAB/WORKLOAD") || stderr != "" {
		t.Errorf("help run: exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
}
