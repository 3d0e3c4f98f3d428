package processes

import (
	"github.com/perflab/perflab/labs/internal/python"
	"github.com/perflab/perflab/labs/internal/pytrack"
	"github.com/perflab/perflab/labs/lab"
)

// pyPrimes counts primes in pure Python in one process, on a thread pool
// and on a process pool.
func pyPrimes() *lab.Workload {
	return pytrack.New(lessons, pytrack.Workload{
		ID:    "python-primes",
		Title: "Python: count primes, threads or processes",
		// The process pool's children count where the worker's sampler
		// does not reach.
		Profile: lab.ProfilePart,
		File:    "py_primes.py",
		Params: []lab.Param{
			{Name: "limit", Kind: lab.Int, Default: "200000", Min: "100", Max: "100000000", Help: "count the primes below this"},
			{Name: "task_size", Kind: lab.Int, Default: "10000", Min: "1", Max: "100000000", Help: "numbers in one task"},
			{Name: "chunksize", Kind: lab.Int, Default: "1", Min: "1", Max: "100000", Help: "tasks a process-pool worker is sent at a time (one pickle and one round trip per chunk)"},
			{Name: "workers", Kind: lab.Int, Default: "2", Min: "1", Max: "64", Help: "threads or processes in the pool"},
			{Name: "start_method", Kind: lab.Choice, Default: "fork", Choices: []string{"fork", "spawn", "forkserver"}, Help: "how multiprocessing starts a worker process"},
		},
		Options: python.Options{PerOp: true},
		Strategies: []python.Strategy{
			{ID: "one", Title: "one process", Help: "every range in turn on the main thread", Bench: "bench_one"},
			{ID: "threads", Title: "ThreadPoolExecutor", Help: "workers threads: the GIL lets one count at a time", Bench: "bench_threads"},
			{ID: "processes", Title: "ProcessPoolExecutor", Help: "workers processes, each its own interpreter and GIL; tasks pickled chunksize at a time", Bench: "bench_processes"},
		},
	})
}
