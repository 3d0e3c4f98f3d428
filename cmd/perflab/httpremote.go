package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/perflab/perflab/labs"
	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/labs/own"
)

// fleetFlags put perflab http's generators on other machines: they join
// an embedded NATS server, as lab 7's workers and a workshop's
// participants do, rather than being spawned here.
type fleetFlags struct {
	remote        bool
	listen, token string
}

func (f *fleetFlags) addFlags(fl *pflag.FlagSet) {
	fl.BoolVar(&f.remote, "fleet-remote", false, "with --generators, wait for that many generators to join from other machines (perflab worker --generator) instead of starting them here")
	fl.StringVar(&f.listen, "fleet-listen", "", "the address the generators join, host:port (default 127.0.0.1 on a random port); implies --fleet-remote")
	fl.StringVar(&f.token, "fleet-token", "", "the token the generators join with, 16 characters at least (default a new one); implies --fleet-remote")
}

// check checks the flags before anything starts.
func (f *fleetFlags) check(cmd *cobra.Command, generators int) error {
	changed := cmd.Flags().Changed
	f.remote = f.remote || changed("fleet-listen") || changed("fleet-token")
	if !f.remote {
		return nil
	}
	if generators < 1 {
		return usage("--fleet-remote, --fleet-listen and --fleet-token need --generators N, the generators to wait for")
	}
	if f.listen != "" {
		if _, _, err := lab.ParseAddress("--fleet-listen", f.listen); err != nil {
			return usageError{err}
		}
	}
	if err := lab.CheckSecret("--fleet-token", f.token); err != nil {
		return usageError{err}
	}
	return nil
}

// await opens the hub, prints the command a generator machine types, and
// waits up to bound for n generators, saying who joins.
func (f *fleetFlags) await(ctx context.Context, n int, bound time.Duration, stderr io.Writer) (*own.FleetHub, error) {
	hub, err := own.ListenFleet(f.listen, f.token, n)
	if err != nil {
		return nil, err
	}
	addr := hub.Addr()
	where := ""
	if host, port, err := net.SplitHostPort(addr); err == nil {
		if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
			addr, where = net.JoinHostPort("THIS-HOST", port), " (THIS-HOST: this machine's address as the generators reach it)"
		}
	}
	fmt.Fprintf(stderr, "perflab: waiting up to %v for %d generators; on each generator machine type%s:\n  perflab worker --generator --nats nats://%s@%s\n",
		bound, n, where, hub.Token(), addr)
	err = hub.Await(ctx, bound, func(name, from string) {
		fmt.Fprintf(stderr, "perflab: %s joined (%s)\n", name, from)
	})
	if err != nil {
		return hub, fmt.Errorf("%w; the run needs them all to start", err)
	}
	return hub, nil
}

// generatorFlags are perflab worker's as a load generator on another
// machine.
type generatorFlags struct{ on, once bool }

// generatorWait is how long a generator waits for a coordinator that is
// not up yet, or for the next run, before it gives up: as long as a lab 7
// worker waits for its server.
const generatorWait = 2 * time.Minute

// runGenerator joins the coordinator at --nats (or $NATS_URL) and serves
// its runs: one with --once, else run after run while a coordinator comes
// within generatorWait. A wrong token ends it at once, with one line.
func runGenerator(cmd *cobra.Command, g *generatorFlags, o labs.WorkerOptions) error {
	if !g.on {
		return usage("--once is a generator's: add --generator")
	}
	what := "--nats"
	if !cmd.Flags().Changed("nats") {
		o.NATS, what = os.Getenv(labs.WorkerNATSEnv), "$"+labs.WorkerNATSEnv
	}
	if o.NATS == "" {
		return usage("--generator needs --nats nats://TOKEN@host:port, the line perflab http prints")
	}
	u, err := lab.ParseURL(what, o.NATS, labs.WorkerNATSSchemes)
	if err != nil {
		return usageError{err}
	}
	token, hasPass := u.User.Username(), false
	if u.User != nil {
		_, hasPass = u.User.Password()
	}
	if u.User == nil || hasPass || token == "" {
		return usage("%s must carry the coordinator's token, nats://TOKEN@host:port", what)
	}
	if err := lab.CheckGivenSecret(what+"'s token", token); err != nil {
		return usageError{err}
	}
	// The host name goes into the generator's name in the run's results,
	// so that gen1 says where it ran; without one the coordinator names
	// it gen1 alone, and the pid in its name for messages still tells it
	// apart.
	host, err := os.Hostname()
	if err != nil {
		host = ""
	}
	name := o.Name
	if name == "" {
		name = fmt.Sprintf("%s-%d", cmp.Or(host, "generator"), os.Getpid())
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), stopSignals...)
	defer stop()
	stderr := cmd.ErrOrStderr()
	join := own.FleetJoin{URL: o.NATS, Name: name, Host: host, Joined: func(gen string) {
		fmt.Fprintf(stderr, "perflab worker: joined %s as %s\n", u.Host, gen)
	}}
	last, said := time.Now(), ""
	for {
		err := own.JoinFleet(ctx, join)
		switch {
		case ctx.Err() != nil:
			return nil
		case g.once || errors.Is(err, own.ErrFleetRefused):
			return err
		case err == nil || errors.Is(err, own.ErrCoordinatorLost) || errors.Is(err, own.ErrFleetFull):
			// A coordinator was there: the wait for the next starts
			// over.
			last = time.Now()
			// Turned away again and again while a run goes on: said
			// once.
			if err != nil && err.Error() != said {
				fmt.Fprintf(stderr, "perflab worker: %v; waiting for the next run\n", err)
				said = err.Error()
			}
		case time.Since(last) > generatorWait:
			return fmt.Errorf("%w (no coordinator for %v)", err, generatorWait)
		}
		t := time.NewTimer(time.Second)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}
