package datastructures

import (
	"embed"

	"github.com/perflab/perflab/labs/internal/python"
	"github.com/perflab/perflab/labs/lab"
)

// pySources are the lab's Python workloads, run by the embedded worker.
//
//go:embed py_*.py
var pySources embed.FS

// pyMembership asks "is this key in it?" of a list, a set and a sorted
// list searched with bisect, on real CPython.
func pyMembership() *lab.Workload {
	m := python.Embedded(pySources, "py_membership.py")
	return &lab.Workload{
		ID:     "python-membership",
		Title:  "Python: is it in the collection?",
		Lang:   lab.LangPython,
		Lesson: lab.Lesson(lessons, "python-membership.md"),
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "10000", Min: "1", Max: "1000000", Help: "keys in the collection"},
			{Name: "hit_ratio", Kind: lab.Float, Default: "0.5", Min: "0", Max: "1", Help: "share of lookups whose key is in it"},
		},
		Strategies: python.Strategies(m, python.Options{Fresh: true},
			python.Strategy{ID: "list", Title: "x in list", Help: "a list scanned item by item: O(n)", Bench: "bench_list"},
			python.Strategy{ID: "set", Title: "x in set", Help: "a set: one hash and one probe, O(1)", Bench: "bench_set"},
			python.Strategy{ID: "bisect", Title: "bisect on a sorted list", Help: "bisect.bisect_left on sorted keys: O(log n)", Bench: "bench_bisect"},
		),
	}
}

// pyQueue keeps a queue of n items moving: a push at the back and a pop
// from the front, with a list and with a deque.
func pyQueue() *lab.Workload {
	m := python.Embedded(pySources, "py_queue.py")
	return &lab.Workload{
		ID:     "python-queue",
		Title:  "Python: a queue, first in first out",
		Lang:   lab.LangPython,
		Lesson: lab.Lesson(lessons, "python-queue.md"),
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "10000", Min: "1", Max: "1000000", Help: "items the queue holds"},
		},
		Strategies: python.Strategies(m, python.Options{Fresh: true},
			python.Strategy{ID: "list", Title: "list.pop(0)", Help: "list.append and list.pop(0): every pop moves the n items left, O(n)", Bench: "bench_list"},
			python.Strategy{ID: "deque", Title: "deque.popleft()", Help: "collections.deque: a linked list of blocks, O(1) at both ends", Bench: "bench_deque"},
		),
	}
}

// pyStrings builds a string of n pieces with +=, with str.join, and with
// += where CPython's in-place resize cannot apply.
func pyStrings() *lab.Workload {
	m := python.Embedded(pySources, "py_strings.py")
	return &lab.Workload{
		ID:     "python-strings",
		Title:  "Python: build a string of n pieces",
		Lang:   lab.LangPython,
		Lesson: lab.Lesson(lessons, "python-strings.md"),
		Params: []lab.Param{
			{Name: "n", Kind: lab.Int, Default: "1000", Min: "1", Max: "100000", Help: "pieces in the string"},
		},
		Strategies: python.Strategies(m, python.Options{Memory: true, Fresh: true},
			python.Strategy{ID: "concat", Title: "s += piece", Help: "+= on a string only one name holds: CPython resizes it in place", Bench: "bench_concat"},
			python.Strategy{ID: "join", Title: "''.join(pieces)", Help: "one allocation of the final size", Bench: "bench_join"},
			python.Strategy{ID: "concat-shared", Title: "s += piece, shared", Help: "+= while a second name holds the string: a copy each time, O(n²)", Bench: "bench_concat_shared"},
		),
	}
}
