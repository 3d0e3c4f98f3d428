package machines

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

// queueWorkload sends tasks through a NATS JetStream work queue to worker
// processes, against the same tasks done one after another in this process.
func queueWorkload() *lab.Workload {
	return &lab.Workload{
		ID:    "queue",
		Title: "Tasks through a work queue",
		// The queue's workers run in processes no profile reaches.
		Profile: lab.ProfilePart,
		Params:  queueParams("20000"),
		Check:   check,
		// The NATS server and its workers are started once for the run.
		Kept: measure.KeptShared,
		Strategies: []lab.Strategy{
			{ID: "local", Title: "one goroutine here", Help: "every task in turn in this process: one machine, one worker", New: newLocal},
			{ID: "queue", Title: "JetStream work queue", Help: "tasks through NATS JetStream to the worker processes", New: newQueue},
		},
		Prepare: func(env *lab.Env) (any, error) { return prepare(env, false) },
	}
}

// queueParams are the parameters of both queue workloads; chunk, the
// numbers a CPU task tests, defaults to chunk.
func queueParams(chunk string) []lab.Param {
	return []lab.Param{
		{Name: "workers", Kind: lab.Int, Default: "4", Min: "0", Max: "64", Help: "local worker processes standing in for machines (0: only workers that join from elsewhere)"},
		{Name: "task", Kind: lab.Choice, Default: "sleep", Choices: []string{"sleep", "cpu"}, Help: "sleep-bound tasks scale past the cores; CPU-bound ones stop at them"},
		{Name: "task_time", Kind: lab.Duration, Default: "5ms", Min: "0s", Max: "10s", Help: "how long a sleep task waits"},
		{Name: "chunk", Kind: lab.Int, Default: chunk, Min: "1", Max: "10000000", Help: "numbers a CPU task tests for primality"},
		{Name: "tasks", Kind: lab.Int, Default: "32", Min: "1", Max: "10000", Help: "tasks per batch"},
		{Name: "inflight", Kind: lab.Int, Default: "0", Min: "0", Max: "1000", Help: "most tasks in the queue at once (0: one per local worker)"},
		{Name: "ack_wait", Kind: lab.Duration, Default: "1s", Min: "100ms", Max: "10m", Help: "how long a worker may hold a task before it is redelivered"},
		{Name: "max_deliver", Kind: lab.Int, Default: "5", Min: "1", Max: "100", Help: "most deliveries of one task"},
		{Name: "kill_worker_after", Kind: lab.Duration, Default: "0s", Min: "0s", Max: "1h", Help: "SIGKILL one worker mid-task this long into the run (0: never)"},
		{Name: "nats", Kind: lab.URL, Schemes: worker.URLSchemes, Default: "", Help: "URL of an existing NATS server with JetStream (default: $NATS_URL, else an embedded one)"},
		{Name: "listen", Kind: lab.Address, Default: "", Help: "host:port of the embedded server (default: 127.0.0.1, random port); beyond loopback it needs expose"},
		{Name: "expose", Kind: lab.Bool, Default: "false", Help: "let other machines join: the embedded server listens beyond loopback (default 0.0.0.0:4222) and asks for a token"},
		{Name: "token", Kind: lab.SecretText, Default: "", Help: "with expose, the token workers must give (default: a new one, which perflab run prints)"},
	}
}

// cpuBase is where CPU tasks' ranges start, as in the processes lab.
const cpuBase = 1_000_000

// fixture is what both strategies of a run share: the batch's task and how
// to reach the queue.
type fixture struct {
	task     worker.Task
	tasks    int
	workers  int
	inflight int
	// expected is a CPU task's prime count, by the sieve; 0 for sleep.
	expected uint64
	// cost is one task's time on an idle core, measured here: the
	// ideal line is workers tasks per cost.
	cost        time.Duration
	url, listen string
	// token, set when the embedded server is exposed, is what every
	// client must give it.
	token      string
	ackWait    time.Duration
	maxDeliver int
	killAfter  time.Duration
}

// prepare builds the fixture; with python, the tasks are the Python kinds,
// which every worker hands to the CPython process it keeps.
func prepare(env *lab.Env, python bool) (any, error) {
	p := env.Params
	fx := &fixture{
		tasks:      p.Int("tasks"),
		workers:    p.Int("workers"),
		inflight:   p.Int("inflight"),
		url:        p.String("nats"),
		listen:     p.String("listen"),
		ackWait:    p.Duration("ack_wait"),
		maxDeliver: p.Int("max_deliver"),
		killAfter:  p.Duration("kill_worker_after"),
	}
	if fx.url == "" {
		fx.url = os.Getenv(worker.EnvNATS)
	}
	if p.Bool("expose") {
		fx.listen = cmp.Or(fx.listen, DefaultExposedListen)
		fx.token = cmp.Or(p.Secret("token"), lab.NewToken())
	}
	if fx.inflight == 0 {
		fx.inflight = fx.workers
	}
	primes, sleep := worker.Primes, worker.Sleep
	if python {
		primes, sleep = worker.PyPrimes, worker.PySleep
	}
	if p.String("task") == "cpu" {
		chunk := uint64(p.Int("chunk"))
		fx.task = worker.Task{Kind: primes, A: cpuBase, B: cpuBase + chunk}
		fx.expected = worker.SievePrimes(fx.task.A, fx.task.B)
	} else {
		fx.task = worker.Task{Kind: sleep, A: uint64(p.Duration("task_time"))}
	}
	run := worker.NewRunner(env.Ctx)
	cost, err := timeTask(env.Ctx, run, fx.task)
	if err = errors.Join(err, run.Close()); err != nil {
		return nil, err
	}
	fx.cost = cost
	return fx, nil
}

// DefaultExposedListen is where an exposed embedded server listens when no
// listen is given: every interface, at NATS's own port.
const DefaultExposedListen = "0.0.0.0:4222"

// check refuses, before anything starts, settings that contradict each
// other, a $NATS_URL that is not a NATS URL, and an embedded server beyond
// loopback that nobody asked to expose.
func check(v lab.Values) error {
	url, listen, expose := v.String("nats"), v.String("listen"), v.Bool("expose")
	if url == "" {
		if env := os.Getenv(worker.EnvNATS); env != "" {
			if _, err := lab.ParseURL("$"+worker.EnvNATS, env, worker.URLSchemes); err != nil {
				return err
			}
			url = env
		}
	}
	switch {
	case url != "" && (listen != "" || expose):
		return fmt.Errorf("listen and expose set up the embedded server; with nats=%s there is none", worker.RedactURL(url))
	case v.Secret("token") != "" && !expose:
		return errors.New("token is for an exposed server: add expose=true")
	case v.Int("workers") == 0 && v.Int("inflight") == 0:
		return errors.New("with workers=0 only workers started elsewhere take tasks: set inflight to how many there are")
	case v.Int("workers") == 0 && v.Duration("kill_worker_after") > 0:
		return errors.New("kill_worker_after kills a local worker, and workers=0 starts none")
	}
	if listen == "" {
		return nil
	}
	host, port, err := lab.ParseAddress("listen", listen)
	switch {
	case err != nil:
		return err
	case !expose && !lab.IsLoopback(host):
		return fmt.Errorf("listen=%s lets other machines reach the queue: add expose=true, which asks them for a token", listen)
	case expose && port == 0:
		return fmt.Errorf("listen=%s: an exposed server needs a fixed port, so that workers elsewhere know where to join", listen)
	}
	return nil
}

// timeTask returns how long t takes on this goroutine: the best of three
// runs for a short task, so that one cold run does not set the ideal line,
// and one run for a long task, so that set-up stays short.
// A Python task's first run also starts the interpreter: it is timed, and
// thrown away, before the best is taken.
func timeTask(ctx context.Context, run *worker.Runner, t worker.Task) (time.Duration, error) {
	if isPython(t) {
		if _, err := run.Do(ctx, t); err != nil {
			return 0, err
		}
	}
	best := time.Duration(1<<63 - 1)
	for i := 0; i < 3 && (i == 0 || best < 100*time.Millisecond); i++ {
		start := time.Now()
		if _, err := run.Do(ctx, t); err != nil {
			return 0, err
		}
		best = min(best, time.Since(start))
	}
	return best, nil
}

// check vets a task's value against the sieve.
func (fx *fixture) check(t worker.Task, v uint64) error {
	if (t.Kind == worker.Primes || t.Kind == worker.PyPrimes) && v != fx.expected {
		return fmt.Errorf("task %d counted %d primes in [%d, %d), the sieve %d", t.ID, v, t.A, t.B, fx.expected)
	}
	return nil
}

// batch returns the tasks of one batch.
func (fx *fixture) batch() []worker.Task {
	b := make([]worker.Task, fx.tasks)
	for i := range b {
		b[i] = fx.task
	}
	return b
}

// newLocal does every task in turn here: a Go task on the engine's
// goroutine, a Python one in the CPython process a Runner keeps.
func newLocal(env *lab.Env) (*measure.Subject, error) {
	fx := env.Fixture.(*fixture)
	run := worker.NewRunner(env.Ctx)
	if isPython(fx.task) {
		// Start the interpreter now, in set-up, not in the first
		// task the engine times.
		if _, err := run.Do(env.Ctx, fx.task); err != nil {
			return nil, errors.Join(err, run.Close())
		}
	}
	return &measure.Subject{
		Recorders: 1,
		Close:     run.Close,
		Drive: func(ctx context.Context, recs []*measure.Recorder) error {
			t := fx.task
			for range fx.tasks {
				start := measure.Now()
				v, err := run.Do(ctx, t)
				if err != nil {
					return err
				}
				if err := fx.check(t, v); err != nil {
					return err
				}
				recs[0].RecordSince(start)
			}
			return nil
		},
	}, nil
}
