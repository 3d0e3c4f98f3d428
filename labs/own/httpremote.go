package own

import (
	"context"

	"github.com/perflab/perflab/labs/internal/fleet"
)

// A FleetHub is where generators on other machines join an HTTP run: an
// embedded NATS server on the address asked for, always guarded by a
// token. HTTPOptions.Hub hands it to the run, which waits for nothing: the
// front end awaits the generators (FleetHub.Await) before it starts.
type FleetHub = fleet.Hub

// ListenFleet opens a hub on listen, "host:port" (empty: 127.0.0.1 on a
// random port), for n generators, guarded by token (empty: a new one).
func ListenFleet(listen, token string, n int) (*FleetHub, error) {
	return fleet.Listen(listen, token, n)
}

// FleetJoin are a generator's options on another machine.
type FleetJoin = fleet.JoinOptions

// JoinFleet serves one run of the coordinator at o.URL as a generator.
func JoinFleet(ctx context.Context, o FleetJoin) error { return fleet.Join(ctx, o) }

// A generator's ends other than a run over: its coordinator lost, its
// joining refused (a wrong token), or turned away from a run that has its
// generators.
var (
	ErrCoordinatorLost = fleet.ErrCoordinatorLost
	ErrFleetRefused    = fleet.ErrRefused
	ErrFleetFull       = fleet.ErrRunFull
)
