package queue

import "github.com/perflab/perflab/labs/internal/worker"

// storePrefix starts the name of every embedded server's store folder,
// followed by the pid of the process that owns it: "perflab-nats-4242-...".
const storePrefix = "perflab-nats-"

// cleanStaleStores removes, from dir, the store folders whose owner process
// is gone: a coordinator killed before it could remove its own (see
// worker.RemoveStale).
func cleanStaleStores(dir string) { worker.RemoveStale(dir, storePrefix) }

// alive reports whether process pid may still be running.
func alive(pid int) bool { return worker.Alive(pid) }
