package datastructures

import (
	"github.com/perflab/perflab/labs/internal/python"
	"github.com/perflab/perflab/labs/internal/pytrack"
	"github.com/perflab/perflab/labs/lab"
)

// pyMembership asks "is this key in it?" of a list, a set and a sorted
// list searched with bisect, on real CPython.
func pyMembership() *lab.Workload {
	return pytrack.New(lessons, pytrack.Workload{
		ID:    "python-membership",
		Title: "Python: is it in the collection?",
		File:  "py_membership.py",
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "10000", Min: "1", Max: "1000000", Help: "keys in the collection"},
			{Name: "hit_ratio", Kind: lab.Float, Default: "0.5", Min: "0", Max: "1", Help: "share of lookups whose key is in it"},
		},
		Options: python.Options{Fresh: true},
		Strategies: []python.Strategy{
			{ID: "list", Title: "x in list", Help: "a list scanned item by item: O(n)", Bench: "bench_list"},
			{ID: "set", Title: "x in set", Help: "a set: one hash and one probe, O(1)", Bench: "bench_set"},
			{ID: "bisect", Title: "bisect on a sorted list", Help: "bisect.bisect_left on sorted keys: O(log n)", Bench: "bench_bisect"},
		},
	})
}

// pyQueue keeps a queue of n items moving: a push at the back and a pop
// from the front, with a list and with a deque.
func pyQueue() *lab.Workload {
	return pytrack.New(lessons, pytrack.Workload{
		ID:    "python-queue",
		Title: "Python: a queue, first in first out",
		File:  "py_queue.py",
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "10000", Min: "1", Max: "1000000", Help: "items the queue holds"},
		},
		Options: python.Options{Fresh: true},
		Strategies: []python.Strategy{
			{ID: "list", Title: "list.pop(0)", Help: "list.append and list.pop(0): every pop moves the n items left, O(n)", Bench: "bench_list"},
			{ID: "deque", Title: "deque.popleft()", Help: "collections.deque: a linked list of blocks, O(1) at both ends", Bench: "bench_deque"},
		},
	})
}

// pyStrings builds a string of n pieces with +=, with str.join, and with
// += where CPython's in-place resize cannot apply.
func pyStrings() *lab.Workload {
	return pytrack.New(lessons, pytrack.Workload{
		ID:    "python-strings",
		Title: "Python: build a string of n pieces",
		File:  "py_strings.py",
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "1000", Min: "1", Max: "100000", Help: "pieces in the string"},
		},
		Options: python.Options{Memory: true, Fresh: true},
		Strategies: []python.Strategy{
			{ID: "concat", Title: "s += piece", Help: "+= on a string only one name holds: CPython resizes it in place", Bench: "bench_concat"},
			{ID: "join", Title: "''.join(pieces)", Help: "one allocation of the final size", Bench: "bench_join"},
			{ID: "concat-shared", Title: "s += piece, shared", Help: "+= while a second name holds the string: a copy each time, O(n²)", Bench: "bench_concat_shared"},
		},
	})
}
