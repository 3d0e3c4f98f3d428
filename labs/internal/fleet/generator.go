package fleet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/perflab/perflab/labs/internal/httpload"
	procs "github.com/perflab/perflab/labs/internal/proc" // apart from spawn.go's proc type
)

// EnvGenerator, set to a name, makes the process a generator from the
// start; see init. A coordinator spawns generators by running its own
// executable, as labs 6 and 7 spawn workers, so every binary that links
// this package (perflab, and each test binary) can be one.
const EnvGenerator = "PERFLAB_GENERATOR"

func init() {
	if os.Getenv(EnvGenerator) == "" {
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := Serve(ctx, os.Stdin, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "perflab generator:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// Serve runs a generator: it reads commands from in and writes reports to
// out until in ends or ctx does. The end of in is the coordinator leaving,
// whether it is done or died: a repetition under way then stops at once,
// so that no generator outlives its coordinator by more than CutGrace.
func Serve(ctx context.Context, in io.Reader, out io.Writer) error {
	g := &generator{out: out, conns: map[int][]*httpload.Conn{}}
	defer g.close()
	read := func(ctx context.Context, cmds chan<- command) error { return readCommands(ctx, in, cmds) }
	handle := func(ctx context.Context, c command) error {
		// A repetition cut short by the end of in fails for no fault of
		// its own: ServeInput returns, with nobody left to tell.
		if err := g.handle(ctx, c); err != nil && ctx.Err() == nil {
			return errors.Join(err, writeLine(out, report{Fail: err.Error()}))
		}
		return nil
	}
	return procs.ServeInput(ctx, read, handle)
}

// readCommands decodes a command a line from in onto cmds until in ends
// (nil), a line is malformed (an error) or ctx is done.
func readCommands(ctx context.Context, in io.Reader, cmds chan<- command) error {
	sc := lineReader(in, maxLine)
	for sc.Scan() {
		var c command
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return fmt.Errorf("read command: %w", err)
		}
		select {
		case cmds <- c:
		case <-ctx.Done():
			return nil
		}
	}
	return sc.Err()
}

// Bounds on what a coordinator may ask of a generator: a command that
// asks for more is refused, not obeyed.
const (
	maxTargets  = 1024
	maxConns    = 100_000
	maxDuration = time.Hour
)

// A generator holds its targets and, per target, the keep-alive
// connections its repetitions reuse.
type generator struct {
	out     io.Writer
	targets []*httpload.Target
	conns   map[int][]*httpload.Conn
}

func (g *generator) handle(ctx context.Context, c command) error {
	switch {
	case c.Setup != nil:
		// A setup replaces the last: a generator that joined a hub
		// serves each point of a sweep, each with its own setup.
		g.close()
		g.targets, g.conns = nil, map[int][]*httpload.Conn{}
		if len(c.Setup) > maxTargets {
			return fmt.Errorf("a run of %d targets, over the %d allowed", len(c.Setup), maxTargets)
		}
		for _, t := range c.Setup {
			pt, err := t.parse()
			if err != nil {
				return err
			}
			g.targets = append(g.targets, pt)
		}
		return writeLine(g.out, report{Ready: true})
	case c.Start != nil:
		return g.run(ctx, *c.Start)
	}
	return errors.New("empty command")
}

// connsFor returns n connections to target i, made on first use.
func (g *generator) connsFor(i, n int) ([]*httpload.Conn, error) {
	if i < 0 || i >= len(g.targets) {
		return nil, fmt.Errorf("no target %d (the run has %d)", i, len(g.targets))
	}
	if n < 1 || n > maxConns {
		return nil, fmt.Errorf("connections must be between 1 and %d, got %d", maxConns, n)
	}
	for len(g.conns[i]) < n {
		g.conns[i] = append(g.conns[i], httpload.NewConn(g.targets[i]))
	}
	return g.conns[i][:n], nil
}

func (g *generator) close() {
	for _, cs := range g.conns {
		for _, c := range cs {
			// The process ends next: a close that fails leaves nothing
			// behind that the exit does not release.
			_ = c.Close()
		}
	}
}
