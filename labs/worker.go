package labs

import (
	"context"

	"github.com/perflab/perflab/labs/internal/worker"
	"github.com/perflab/perflab/labs/machines"
)

// WorkerOptions configure a worker process of labs 6 and 7 (perflab worker).
type WorkerOptions = worker.Options

// WorkerNATSEnv names the environment variable with the NATS URL a worker
// pulls from when it is given none.
const WorkerNATSEnv = worker.EnvNATS

// WorkerNATSSchemes are the schemes a worker's NATS URL may have.
var WorkerNATSSchemes = worker.URLSchemes

// DefaultExposedListen is where an exposed embedded NATS server of the
// machines lab listens when no listen is given.
const DefaultExposedListen = machines.DefaultExposedListen

// RunWorker runs a worker process until its coordinator goes away or ctx is
// cancelled. A clean end returns nil.
func RunWorker(ctx context.Context, o WorkerOptions) error { return worker.Run(ctx, o) }
