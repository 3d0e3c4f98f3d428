package optimize

import (
	"github.com/perflab/perflab/labs/internal/python"
	"github.com/perflab/perflab/labs/internal/pytrack"
	"github.com/perflab/perflab/labs/lab"
)

// pyCache puts no cache, a dict memo and functools.lru_cache in front of
// an expensive pure-Python call asked for Zipf-distributed keys.
func pyCache() *lab.Workload {
	return pytrack.New(lessons, pytrack.Workload{
		ID:    "python-caching",
		Title: "Python: cache an expensive call",
		File:  "py_cache.py",
		Params: []lab.Param{
			{Name: "keys", Kind: lab.Int, Default: "10000", Min: "1", Max: "1000000", Help: "distinct keys asked for"},
			{Name: "skew", Kind: lab.Float, Default: "1.1", Min: "0", Max: "3", Help: "Zipf exponent: 0 asks every key alike, higher asks a few keys most"},
			{Name: "cache_size", Kind: lab.Int, Default: "1000", Min: "1", Max: "1000000", Help: "entries lru_cache keeps"},
			{Name: "cost", Kind: lab.Int, Default: "2000", Min: "1", Max: "10000000", Help: "rounds of arithmetic one uncached call does"},
		},
		Options: python.Options{Memory: true},
		Strategies: []python.Strategy{
			{ID: "none", Title: "no cache", Help: "call the expensive function every time", Bench: "bench_none"},
			{ID: "memo", Title: "dict memo", Help: "a dict that keeps every answer: unbounded memory", Bench: "bench_memo"},
			{ID: "lru", Title: "functools.lru_cache", Help: "lru_cache(maxsize=cache_size): bounded, least recently used out first", Bench: "bench_lru"},
		},
	})
}
