package async

import (
	"github.com/perflab/perflab/labs/internal/backend"
	"github.com/perflab/perflab/labs/internal/python"
	"github.com/perflab/perflab/labs/internal/pytrack"
	"github.com/perflab/perflab/labs/lab"
)

// pyRequests sends batches of n requests to the loopback backend from
// CPython: one after another, from a thread pool, and with asyncio.
func pyRequests() *lab.Workload {
	params := []lab.Param{
		{Name: "n", Kind: lab.Int, Default: "100", Min: "1", Max: "1000", Help: "requests in one operation (each a connection of its own)"},
		{Name: "pool", Kind: lab.Int, Default: "16", Min: "1", Max: "1000", Help: "threads in the ThreadPoolExecutor"},
		{Name: "sem", Kind: lab.Int, Default: "32", Min: "1", Max: "1000", Help: "requests the asyncio.Semaphore lets in flight at once"},
	}
	return pytrack.New(lessons, pytrack.Workload{
		ID:      "python-requests",
		Title:   "Python: n requests, threads or asyncio",
		File:    "py_requests.py",
		Params:  append(params, backend.Params(backend.Defaults{Latency: "10ms", Jitter: "2ms", Dist: "uniform", Limit: "256"})...),
		Prepare: preparePython,
		Options: python.Options{Memory: true, PerOp: true},
		Strategies: []python.Strategy{
			{ID: "sequential", Title: "sequential", Help: "http.client, one request after another", Bench: "bench_sequential"},
			{ID: "threads", Title: "ThreadPoolExecutor", Help: "http.client on a pool of pool threads", Bench: "bench_threads"},
			{ID: "gather", Title: "asyncio.gather", Help: "asyncio streams, all n requests at once on one thread", Bench: "bench_gather"},
			{ID: "semaphore", Title: "asyncio with a semaphore", Help: "asyncio streams, at most sem in flight (asyncio.Semaphore)", Bench: "bench_semaphore"},
		},
	})
}

// pyTarget is where the Python strategies send their requests: the
// loopback backend started for the run, or the target parameter.
type pyTarget struct{ url string }

func (t pyTarget) PythonParams() map[string]any { return map[string]any{"url": t.url} }

func preparePython(env *lab.Env) (any, error) {
	if u := env.Params.String("target"); u != "" {
		return pyTarget{url: u}, nil
	}
	srv, err := backend.Start(env.Ctx, backend.ConfigOf(env.Params))
	if err != nil {
		return nil, err
	}
	env.OnClose(srv.Close)
	return pyTarget{url: srv.URL()}, nil
}
