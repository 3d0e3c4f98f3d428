package workshop

import (
	"slices"
	"testing"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
)

// ownLike is a lab shaped as "your own" is, by id and parameter names: a
// workload of commands and one of URLs, strategies a, b and c.
func ownLike() *lab.Lab {
	workload := func(id, prefix string, extra ...string) *lab.Workload {
		w := &lab.Workload{ID: id, Title: id}
		for _, s := range []string{"a", "b", "c"} {
			w.Params = append(w.Params, lab.Param{Name: prefix + s, Kind: lab.Text})
			w.Strategies = append(w.Strategies, lab.Strategy{ID: s, Title: s})
		}
		for _, name := range extra {
			w.Params = append(w.Params, lab.Param{Name: name, Kind: lab.Text})
		}
		return w
	}
	return &lab.Lab{Number: 8, ID: "own", Own: true, Title: "your own", Workloads: []*lab.Workload{
		workload("exec", "cmd_", "prepare"), workload("http", "url_", "header"),
	}}
}

func TestCommandsNamesWhatALessonWouldRun(t *testing.T) {
	all := append(labs.All(), ownLike())
	ws, err := Parse("w.toml", []byte(`
[[lesson]]
run = "own/exec"
strategies = ["a", "b"]
params = { cmd_a = "touch /tmp/harmless", cmd_b = "true", cmd_c = "rm -rf nothing", prepare = "echo ready" }

[[lesson]]
run = "data-structures/membership"
`), all)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"cmd_a: touch /tmp/harmless", "cmd_b: true", "prepare: echo ready"}
	if got := ws.Lessons[0].Commands; !slices.Equal(got, want) {
		t.Errorf("own/exec lesson's commands = %q, want %q (cmd_c is not raced)", got, want)
	}
	if got := ws.Lessons[1].Commands; len(got) != 0 {
		t.Errorf("a lesson of the catalogue runs %q, want nothing", got)
	}
	if got := Commands(nil); got != nil {
		t.Errorf("Commands(nil) = %q", got)
	}
	plan, err := labs.Spec{Path: "own/http", Strategies: []string{"a"}, Params: map[string]string{"url_a": "http://127.0.0.1:1/x"}}.PlanIn([]*lab.Lab{ownLike()})
	if err != nil {
		t.Fatal(err)
	}
	if got := Commands(plan); !slices.Equal(got, []string{"url_a: http://127.0.0.1:1/x"}) {
		t.Errorf("own/http's commands = %q", got)
	}
}
