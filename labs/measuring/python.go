package measuring

import (
	"github.com/perflab/perflab/labs/internal/python"
	"github.com/perflab/perflab/labs/internal/pytrack"
	"github.com/perflab/perflab/labs/lab"
)

// pySort is lab 1 on real CPython: the baseline, a placebo that is the
// baseline's code under another name, and a real fix.
func pySort() *lab.Workload {
	return pytrack.New(lessons, pytrack.Workload{
		ID:    "python-sort",
		Title: "Python: sort a batch of orders, largest first",
		File:  "py_sort.py",
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "1000", Min: "2", Max: "1000000", Help: "orders in the batch"},
		},
		Options: python.Options{Fresh: true},
		Strategies: []python.Strategy{
			{ID: "baseline", Title: "sorted, lambda key", Help: "sorted(orders, key=lambda o: o[1]): the code as it is", Bench: "bench_baseline"},
			// The placebo runs the baseline's own function, in a worker of
			// its own: the same code under another name.
			{ID: "placebo", Title: "the \"optimised\" sort", Help: "a colleague's rewrite that is the same code under another name", Bench: "bench_baseline"},
			{ID: "fix", Title: "sorted, itemgetter key", Help: "operator.itemgetter(1) as the key: it runs in C, with no Python frame per item", Bench: "bench_fix"},
		},
	})
}
