package worker

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Options configure a worker process.
type Options struct {
	// NATS is the URL of a NATS server whose work queue the worker pulls
	// tasks from. Empty means the worker talks frames over Stdin and
	// Stdout instead.
	NATS string
	// Stream, if set, is the one run's stream a NATS worker serves; empty
	// means any run's.
	Stream string
	// Name identifies the worker in results; empty means host-pid.
	Name string
	// WatchStdin makes a NATS worker exit when Stdin ends: a coordinator
	// that spawns workers holds their standard input, so they go when it
	// goes, crash included.
	WatchStdin bool
	// Python makes a NATS worker start its Python process before its
	// first task, as a worker of a Python run does.
	Python bool
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Run runs a worker until its coordinator goes away or ctx is cancelled (a
// SIGTERM, for the command). A clean end returns nil.
func Run(ctx context.Context, o Options) error {
	if dir := spawnedTemp(); dir != "" {
		// For a coordinator that died first: a worker killed itself
		// leaves the folder to its coordinator.
		defer os.RemoveAll(dir)
	}
	if o.Name == "" {
		o.Name = defaultName()
	}
	o.Stdin, o.Stdout = pollable(o.Stdin), pollableWriter(o.Stdout)
	if o.NATS == "" {
		return serveUntilDone(ctx, o)
	}
	if o.WatchStdin {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		go func() {
			// Whatever ends the read, EOF or an error, the holder of
			// the pipe is gone or done with us.
			_, _ = io.Copy(io.Discard, o.Stdin)
			cancel()
		}()
	}
	return serveNATS(ctx, o.NATS, o.Stream, o.Name, o.Stderr, o.Python)
}

// spawnedTemp is the temporary folder Spawn made for this worker, "" for a
// worker a person started, whose temporary folder is theirs.
func spawnedTemp() string {
	dir := os.Getenv("TMPDIR")
	if os.Getenv(EnvMode) == "" || !strings.HasPrefix(filepath.Base(dir), tempPrefix) {
		return ""
	}
	return dir
}

// serveUntilDone serves over stdio and returns as soon as ctx is cancelled:
// a read of standard input cannot be interrupted, so the serving goroutine is
// left to end with the process (or when the caller closes Stdin).
func serveUntilDone(ctx context.Context, o Options) error {
	done := make(chan error, 1)
	go func() { done <- ServeStdio(ctx, o.Stdin, o.Stdout, o.Name) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return nil
	}
}

func defaultName() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "worker"
	}
	return host + "-" + strconv.Itoa(os.Getpid())
}

// Environment variables by which a coordinator starts a copy of its own
// executable as a worker.
const (
	// EnvMode, set to "stdio" or "nats", makes the process a worker from
	// the start; see init.
	EnvMode = "PERFLAB_WORKER_MODE"
	// EnvName names the worker.
	EnvName = "PERFLAB_WORKER_NAME"
	// EnvNATS is the NATS URL a worker reads when no --nats is given.
	EnvNATS = "NATS_URL"
	// EnvStream names the one run's stream a spawned NATS worker serves.
	EnvStream = "PERFLAB_WORKER_STREAM"
	// EnvPythonTasks, set to 1, makes a spawned NATS worker start its
	// Python process before its first task.
	EnvPythonTasks = "PERFLAB_WORKER_PYTHON"
)

// init turns the process into a worker when EnvMode says so, before main
// runs. A coordinator spawns workers by running its own executable; doing the
// switch here means every binary that links the labs can be a worker without
// a line of dispatch code: perflab itself, and each package's test binary,
// which would otherwise run its tests again in every worker it spawns.
func init() {
	mode := os.Getenv(EnvMode)
	if mode == "" {
		return
	}
	os.Exit(mainFromEnv(mode))
}

// mainFromEnv runs a spawned worker and returns its exit status.
func mainFromEnv(mode string) int {
	o := Options{Name: os.Getenv(EnvName), Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	switch mode {
	case "stdio":
	case "nats":
		o.NATS, o.Stream, o.WatchStdin = os.Getenv(EnvNATS), os.Getenv(EnvStream), true
		o.Python = os.Getenv(EnvPythonTasks) == "1"
		if o.NATS == "" {
			fmt.Fprintln(os.Stderr, "perflab worker: nats mode needs", EnvNATS)
			return 2
		}
	default:
		fmt.Fprintf(os.Stderr, "perflab worker: %s must be stdio or nats, got %q\n", EnvMode, mode)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := Run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "perflab worker:", err)
		return 1
	}
	return 0
}
